import { Badge, Button, Card, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { Permission } from '@shala/contracts';
import { IconTemplate } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { EmptyState } from '../../../app/components/empty-state';
import { formatDateTime } from '../../../app/format';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import { CHANNELS, type Channel, type TemplateKind, type TemplateView } from '@shala/contracts';
import { useDeleteTemplate, useTemplateKinds, useTemplates } from '../hooks/use-templates';
import { PlainList } from '../../../app/components/plain-list';
import { useNotificationsText } from '../i18n';
import { kindLabel } from './kind-label';
import { TemplateEditor, type EditorTarget } from './template-editor';

function channelsOf(template: Pick<TemplateView, Channel>): Channel[] {
  return CHANNELS.filter((channel) => template[channel] !== null);
}

/**
 * Templates: every message kind with its templates per language and the channels each is sent on;
 * filters by language and channel; managers edit, add a language, or delete (back to the fallback).
 */
export function TemplatesPanel() {
  const t = useNotificationsText();
  const canManage = useCan(Permission.NotificationsManage);
  const kinds = useTemplateKinds();
  const templates = useTemplates();
  const [language, setLanguage] = useState<string | null>(null);
  const [channel, setChannel] = useState<Channel | null>(null);
  const [editing, setEditing] = useState<EditorTarget | null>(null);
  const [deleting, setDeleting] = useState<{ template: TemplateView; kind: TemplateKind } | null>(null);
  const remove = useDeleteTemplate();

  if (kinds.isPending || templates.isPending) return <Loader aria-label={t('common.loading')} />;
  if (kinds.isError) return <ApiErrorAlert error={kinds.error} />;
  if (templates.isError) return <ApiErrorAlert error={templates.error} />;

  const languages = [...new Set(templates.data.map((template) => template.language))].sort();
  const matches = (template: TemplateView) =>
    (!language || template.language === language) && (!channel || template[channel] !== null);
  const rows = kinds.data
    .map((kind) => ({ kind, own: templates.data.filter((tpl) => tpl.name === kind.name) }))
    .filter(({ kind, own }) =>
      own.length > 0
        ? own.some(matches)
        : !language && (!channel || (kind.channels.includes(channel) && kind.defaults[channel] !== null)),
    );

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('templates.intro')}
      </Text>
      {!canManage ? (
        <Text size="sm" c="dimmed">
          {t('templates.readOnly')}
        </Text>
      ) : null}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('templates.filterLanguage')}
          placeholder={t('templates.any')}
          clearable
          data={languages}
          value={language}
          onChange={setLanguage}
          w={{ base: '100%', xs: 160 }}
        />
        <Select
          label={t('templates.filterChannel')}
          placeholder={t('templates.any')}
          clearable
          data={CHANNELS.map((value) => ({ value, label: t(`channel.${value}`) }))}
          value={channel}
          onChange={(value) => setChannel(value as Channel | null)}
          w={{ base: '100%', xs: 160 }}
        />
      </Group>
      {rows.length === 0 ? (
        <EmptyState icon={IconTemplate}>{t('templates.noMatch')}</EmptyState>
      ) : (
        <PlainList label={t('templates.label')} gap="sm">
          {rows.map(({ kind, own }) => (
            <KindCard
              key={kind.name}
              kind={kind}
              templates={own.filter(matches)}
              canManage={canManage}
              onEdit={(template) => setEditing({ kind, template })}
              onCreate={(fromTemplate) => setEditing({ kind, template: null, from: fromTemplate })}
              onDelete={(template) => {
                remove.reset();
                setDeleting({ template, kind });
              }}
            />
          ))}
        </PlainList>
      )}
      {editing ? (
        <TemplateEditor
          target={editing}
          takenLanguages={templates.data
            .filter((tpl) => tpl.name === editing.kind.name)
            .map((tpl) => tpl.language)}
          readOnly={!canManage}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <ConfirmModal
          opened
          title={t('templates.deleteTitle')}
          confirmLabel={t('templates.deleteConfirm')}
          loading={remove.isPending}
          error={remove.error}
          errorTitle={t('templates.deleteFailed')}
          onClose={() => setDeleting(null)}
          onConfirm={() => {
            if (remove.isPending) return;
            remove.mutate(deleting.template.id, {
              onSuccess: () => {
                setDeleting(null);
                toasts.show({ color: 'green', message: t('templates.deleted') });
              },
            });
          }}
        >
          {t('templates.deleteBody', {
            kind: kindLabel(t, deleting.kind.name),
            language: deleting.template.language,
          })}
        </ConfirmModal>
      ) : null}
    </Stack>
  );
}

function KindCard({
  kind,
  templates,
  canManage,
  onEdit,
  onCreate,
  onDelete,
}: {
  kind: TemplateKind;
  templates: TemplateView[];
  canManage: boolean;
  onEdit: (template: TemplateView) => void;
  onCreate: (from: TemplateView | null) => void;
  onDelete: (template: TemplateView) => void;
}) {
  const t = useNotificationsText();
  const timeZone = useCurrentUser().institution.timeZone;
  const label = kindLabel(t, kind.name);
  return (
    <Card component="li" withBorder padding="sm" data-testid="template-kind">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Stack gap={0} miw={0} style={{ flex: '1 1 14rem' }}>
            <Title order={3} size="h5">
              {label}
            </Title>
            <Text size="xs" c="dimmed">
              {kind.description}
            </Text>
          </Stack>
          {canManage ? (
            <Button
              size="xs"
              variant="light"
              onClick={() => onCreate(templates[0] ?? null)}
              aria-label={
                templates.length
                  ? t('templates.addLanguageKind', { kind: label })
                  : t('templates.customiseKind', { kind: label })
              }
            >
              {templates.length ? t('templates.addLanguage') : t('templates.customise')}
            </Button>
          ) : null}
        </Group>
        {templates.length === 0 ? (
          <Group gap="xs" wrap="wrap">
            <Badge variant="outline" color="gray">
              {t('templates.builtIn')}
            </Badge>
            <ChannelBadges template={kind.defaults} />
            <Text size="xs" c="dimmed">
              {t('templates.builtInHelp')}
            </Text>
          </Group>
        ) : (
          templates.map((template) => (
            <Group
              key={template.id}
              justify="space-between"
              gap="xs"
              wrap="wrap"
              py={4}
              style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
            >
              <Group gap="xs" wrap="wrap" miw={0} style={{ flex: '1 1 12rem' }}>
                <Badge variant="filled" color="gray" tt="none">
                  {template.language}
                </Badge>
                <ChannelBadges template={template} />
                <Text size="xs" c="dimmed">
                  {t('templates.updated', { at: formatDateTime(template.updatedAt, timeZone) })}
                </Text>
              </Group>
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="subtle"
                  onClick={() => onEdit(template)}
                  aria-label={
                    canManage
                      ? t('templates.edit', { kind: label, language: template.language })
                      : t('templates.view', { kind: label, language: template.language })
                  }
                >
                  {canManage ? t('templates.editShort') : t('templates.viewShort')}
                </Button>
                {canManage ? (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => onDelete(template)}
                    aria-label={t('templates.remove', { kind: label, language: template.language })}
                  >
                    {t('templates.deleteShort')}
                  </Button>
                ) : null}
              </Group>
            </Group>
          ))
        )}
      </Stack>
    </Card>
  );
}

function ChannelBadges({ template }: { template: Pick<TemplateView, Channel> }) {
  const t = useNotificationsText();
  return (
    <>
      {channelsOf(template).map((channel) => (
        <Badge key={channel} variant="light" size="sm">
          {t(`channel.${channel}`)}
        </Badge>
      ))}
    </>
  );
}
