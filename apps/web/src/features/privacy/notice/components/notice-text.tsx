import { List, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

type Block =
  { kind: 'heading'; text: string } | { kind: 'list'; items: string[] } | { kind: 'paragraph'; text: string };

/**
 * Splits a notice's plain text into blocks: a blank line ends a block, "# " starts a heading, "- " or
 * "* " a list item. Pure, and never HTML: every block is rendered as React text, so markup in a notice
 * shows as the characters typed.
 */
export function noticeBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join('\n') });
    paragraph = [];
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const heading = /^#{1,3}\s+(.*)$/.exec(line);
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (!line.trim()) flush();
    else if (heading) {
      flush();
      blocks.push({ kind: 'heading', text: heading[1]! });
    } else if (item) {
      flush();
      const last = blocks[blocks.length - 1];
      if (last?.kind === 'list') last.items.push(item[1]!);
      else blocks.push({ kind: 'list', items: [item[1]!] });
    } else paragraph.push(line);
  }
  flush();
  return blocks;
}

/** A notice's text, safely rendered (no HTML is ever interpreted). */
export function NoticeText({ source, lang }: { source: string; lang?: string }): ReactNode {
  return (
    <Stack gap="sm" lang={lang} data-testid="notice-text">
      {noticeBlocks(source).map((block, i) =>
        block.kind === 'heading' ? (
          <Title key={i} order={3} size="h4">
            {block.text}
          </Title>
        ) : block.kind === 'list' ? (
          <List key={i} size="sm" spacing={4}>
            {block.items.map((item, j) => (
              <List.Item key={j}>{item}</List.Item>
            ))}
          </List>
        ) : (
          <Text key={i} size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {block.text}
          </Text>
        ),
      )}
    </Stack>
  );
}
