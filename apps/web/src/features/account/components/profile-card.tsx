import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useAccountText } from '../i18n';
import { formatDateTime } from '../../../app/format';
import { displayNameOf, roleLabel } from '../../auth/components/display-name';
import { useCurrentUser } from '../../auth/hooks/current-user';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

/** Who the signed-in user is: GET /api/v1/me. */
export function ProfileCard() {
  const t = useAccountText();
  const me = useCurrentUser();
  return (
    <Card component="section" aria-labelledby="profile-title">
      <Title order={2} size="h4" id="profile-title" mb="md">
        {t('profile.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Field label={t('profile.name')}>
          <Text>{displayNameOf(me.user)}</Text>
        </Field>
        <Field label={t('profile.email')}>
          <Text style={{ overflowWrap: 'anywhere' }}>{me.user.email}</Text>
        </Field>
        <Field label={t('profile.institution')}>
          <Text>{me.institution.name}</Text>
        </Field>
        <Field label={t('profile.roles')}>
          <Group gap={6}>
            {me.roles.map((role) => (
              <Badge key={role} variant="light" tt="none">
                {roleLabel(t, role)}
              </Badge>
            ))}
          </Group>
        </Field>
        <Field label={t('profile.lastLogin')}>
          <Text>
            {me.user.lastLoginAt
              ? formatDateTime(me.user.lastLoginAt, me.institution.timeZone)
              : t('common.never')}
          </Text>
        </Field>
        <Field label={t('profile.mfa')}>
          <Badge variant="light" color={me.user.mfaEnabled ? 'teal' : 'gray'} tt="none" w="fit-content">
            {me.user.mfaEnabled ? t('common.on') : t('common.off')}
          </Badge>
        </Field>
      </SimpleGrid>
    </Card>
  );
}
