import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

interface LogoProps {
  size?: 'sm' | 'lg';
  /** Hide the word mark below this breakpoint (the icon stays). */
  wordmarkVisibleFrom?: 'xs' | 'sm';
}

export function Logo({ size = 'sm', wordmarkVisibleFrom }: LogoProps) {
  const { t } = useTranslation();
  const large = size === 'lg';
  return (
    <Group gap={large ? 'sm' : 8} wrap="nowrap">
      <ThemeIcon
        size={large ? 44 : 32}
        radius="md"
        variant="gradient"
        gradient={{ from: 'shala.6', to: 'cyan.6', deg: 135 }}
      >
        <IconSchool size={large ? 26 : 20} stroke={1.8} aria-hidden />
      </ThemeIcon>
      <Text component="span" fw={750} fz={large ? 28 : 'lg'} lh={1} visibleFrom={wordmarkVisibleFrom}>
        {t('app.name')}
      </Text>
    </Group>
  );
}
