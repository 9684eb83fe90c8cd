import { Button, Card, Skeleton, Stack } from '@mantine/core';
import { InstitutionKind, Permission, type PermissionArea } from '@shala/contracts';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useRolesText } from '../i18n';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { PageHeader } from '../../../app/components/page-header';
import { useCan, useCurrentUser } from '../../auth/hooks/current-user';
import { usePermissionCatalogue, useRoles } from '../hooks/use-roles';
import { CreateRoleModal } from './create-role-modal';
import { RolesMatrix } from './roles-matrix';

/** Permissions an institution of this kind may grant: a school never the operator's, the platform only it. */
function grantableAreas(areas: PermissionArea[], kind: string): PermissionArea[] {
  const platform = kind === InstitutionKind.Platform;
  return areas
    .map((area) => ({
      ...area,
      permissions: area.permissions.filter((p) => (p === Permission.PlatformInstitutionsManage) === platform),
    }))
    .filter((area) => area.permissions.length > 0);
}

/** The roles page: the permission matrix editor and custom roles. */
export function RolesPanel() {
  const t = useRolesText();
  const me = useCurrentUser();
  const editable = useCan(Permission.RolesWrite);
  const catalogue = usePermissionCatalogue();
  const roles = useRoles();
  const [creating, setCreating] = useState(false);

  const areas = useMemo(
    () => grantableAreas(catalogue.data?.items ?? [], me.institution.kind),
    [catalogue.data, me.institution.kind],
  );
  const grantable = useMemo(() => new Set(areas.flatMap((area) => area.permissions)), [areas]);
  const error = catalogue.error ?? roles.error;

  return (
    <Stack gap="lg" maw={1400}>
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          editable ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('create')}
            </Button>
          ) : null
        }
      />
      <Card p={0}>
        {error ? (
          <Stack p="md">
            <ApiErrorAlert error={error}>
              <Button
                variant="light"
                color="red"
                size="xs"
                mt="sm"
                onClick={() => void Promise.all([catalogue.refetch(), roles.refetch()])}
              >
                {t('common.retry')}
              </Button>
            </ApiErrorAlert>
          </Stack>
        ) : !catalogue.data || !roles.data ? (
          <Stack gap="xs" p="md" aria-busy="true">
            {[0, 1, 2, 3].map((row) => (
              <Skeleton key={row} height={36} />
            ))}
          </Stack>
        ) : roles.data.items.length === 0 ? (
          <EmptyState icon={IconKey}>{t('empty')}</EmptyState>
        ) : (
          <RolesMatrix areas={areas} roles={roles.data.items} editable={editable} />
        )}
      </Card>
      <CreateRoleModal
        opened={creating}
        roles={roles.data?.items ?? []}
        grantable={grantable}
        onClose={() => setCreating(false)}
      />
    </Stack>
  );
}
