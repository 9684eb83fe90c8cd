import { Card, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { TemplateKind } from '@shala/contracts';
import { useNotificationsText } from '../i18n';
import { renderTemplate, sampleValues, type TemplateFormValues } from '../schemas/template.schema';

/** GSM-7 fits 160 characters in one SMS (153 per part when split); anything else is UCS-2 (70, 67). */
export function smsParts(text: string): number {
  if (text.length === 0) return 0;
  // eslint-disable-next-line no-control-regex -- the printable ASCII range is the point here
  const gsm = /^[\x0A\x0D\x20-\x7E£¥èéùìòÇØøÅå]*$/.test(text);
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  return text.length <= single ? 1 : Math.ceil(text.length / multi);
}

/**
 * The API has no preview endpoint, so the wording is rendered here from the kind's declared variables
 * with sample values (editable), exactly as the worker substitutes them: `{{name}}` -> value.
 */
export function TemplatePreview({ kind, values }: { kind: TemplateKind; values: TemplateFormValues }) {
  const t = useNotificationsText();
  const [samples, setSamples] = useState(() => sampleValues(kind.variables));
  const render = (text: string) => renderTemplate(text, samples);
  const sms = values.smsOn ? render(values.sms.body) : '';

  return (
    <Card
      withBorder
      component="section"
      aria-label={t('editor.preview')}
      bg="var(--mantine-color-default-hover)"
    >
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('editor.preview')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('editor.previewHelp')}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          {kind.variables.map((name) => (
            <TextInput
              key={name}
              size="xs"
              label={t('editor.sample', { name })}
              value={samples[name] ?? ''}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setSamples((current) => ({ ...current, [name]: value }));
              }}
            />
          ))}
        </SimpleGrid>
        {values.emailOn ? (
          <Card withBorder padding="xs" data-testid="preview-email">
            <Text size="xs" c="dimmed">
              {t('editor.previewEmail')}
            </Text>
            <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
              {render(values.email.subject)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {render(values.email.body)}
            </Text>
          </Card>
        ) : null}
        {values.smsOn ? (
          <Card withBorder padding="xs" data-testid="preview-sms">
            <Text size="xs" c="dimmed">
              {t('editor.previewSms')} · {t('editor.smsLength', { count: sms.length, parts: smsParts(sms) })}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {sms}
            </Text>
          </Card>
        ) : null}
        {values.whatsappOn ? (
          <Card withBorder padding="xs" data-testid="preview-whatsapp">
            <Text size="xs" c="dimmed">
              {t('editor.previewWhatsApp')} · {values.whatsapp.templateName}
            </Text>
            {values.whatsapp.parameters.map((name, index) => (
              <Text key={`${name}-${index}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {`{{${index + 1}}}`} = {samples[name] ?? `[${name}]`}
              </Text>
            ))}
          </Card>
        ) : null}
      </Stack>
    </Card>
  );
}
