import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  List,
  Menu,
  NativeSelect,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Permission, PermissionArea, RoleDto } from '@shala/contracts';
import { IconDots, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useRolesText } from '../i18n';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { usePhoneLayout } from '../../../app/use-phone-layout';
import { roleLabel } from '../../auth/components/display-name';
import { useDeleteRole, useSetRolePermissions } from '../hooks/use-roles';
import { permissionAreaLabel, permissionLabel } from './permission-label';
import { RenameRoleModal } from './rename-role-modal';
import classes from './roles-matrix.module.css';

const cx = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(' ');

interface RolesMatrixProps {
  areas: PermissionArea[];
  roles: RoleDto[];
  /** Holders of roles.write may edit; others see the matrix read-only. */
  editable: boolean;
}

export interface PermissionDiff {
  added: Permission[];
  removed: Permission[];
}

/** What saving `draft` would change for `role`. */
export function diffOf(role: RoleDto, draft: ReadonlySet<Permission>): PermissionDiff {
  const before = new Set(role.permissions);
  return {
    added: [...draft].filter((p) => !before.has(p)).sort(),
    removed: role.permissions.filter((p) => !draft.has(p)).sort(),
  };
}

/**
 * Rows are permissions grouped by area, columns are roles. Ticks are drafts per role until that role is
 * saved: Save sends that role's whole set (PUT roles/:id/permissions) after a summary of what changes.
 */
export function RolesMatrix({ areas, roles, editable }: RolesMatrixProps) {
  const t = useRolesText();
  const [drafts, setDrafts] = useState<Record<string, Set<Permission>>>({});
  const [saving, setSaving] = useState<RoleDto | null>(null);
  const [renaming, setRenaming] = useState<RoleDto | null>(null);
  const [deleting, setDeleting] = useState<RoleDto | null>(null);
  const save = useSetRolePermissions();
  const remove = useDeleteRole();
  const phone = usePhoneLayout();
  const [phoneRoleId, setPhoneRoleId] = useState<string | null>(null);
  const names = new Map(roles.map((role) => [role.key, role.name] as const));
  const nameOf = (role: RoleDto) => roleLabel(t, role.key, names);

  const permissionsOf = (role: RoleDto): ReadonlySet<Permission> =>
    drafts[role.id] ?? new Set(role.permissions);
  const dirtyDiff = (role: RoleDto): PermissionDiff | null => {
    const draft = drafts[role.id];
    if (!draft) return null;
    const diff = diffOf(role, draft);
    return diff.added.length + diff.removed.length > 0 ? diff : null;
  };

  // A phone shows one role's column at a time, chosen above the matrix; a desktop shows them all.
  const phoneRole = roles.find((role) => role.id === phoneRoleId) ?? roles[0];
  const shownRoles = phone && phoneRole ? [phoneRole] : roles;

  const toggle = (role: RoleDto, permission: Permission, granted: boolean) => {
    setDrafts((current) => {
      const next = new Set(current[role.id] ?? role.permissions);
      if (granted) next.add(permission);
      else next.delete(permission);
      return { ...current, [role.id]: next };
    });
  };
  const discard = (role: RoleDto) =>
    setDrafts((current) => {
      const { [role.id]: _dropped, ...rest } = current;
      return rest;
    });

  const confirmSave = () => {
    if (!saving) return;
    const role = saving;
    const permissions = [...permissionsOf(role)].sort();
    save.mutate(
      { id: role.id, permissions },
      {
        onSuccess: () => {
          discard(role);
          setSaving(null);
          save.reset();
          notifications.show({ color: 'teal', message: t('saved', { role: nameOf(role) }) });
        },
      },
    );
  };

  const savingDiff = saving ? diffOf(saving, permissionsOf(saving)) : null;

  return (
    <>
      {phone && phoneRole ? (
        <NativeSelect
          label={t('showRole')}
          value={phoneRole.id}
          onChange={(event) => setPhoneRoleId(event.currentTarget.value)}
          data={roles.map((role) => ({
            value: role.id,
            label: dirtyDiff(role) ? t('unsavedMark', { role: nameOf(role) }) : nameOf(role),
          }))}
          px="md"
          pt="md"
        />
      ) : null}
      <Table.ScrollContainer minWidth={phone ? 0 : Math.max(560, 200 + roles.length * 140)} type="native">
        <Table className={classes.matrix} aria-label={t('matrixLabel')} verticalSpacing={6} withRowBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th className={classes.sticky} scope="col">
                {t('permission')}
              </Table.Th>
              {shownRoles.map((role) => {
                const diff = dirtyDiff(role);
                return (
                  <Table.Th
                    key={role.id}
                    scope="col"
                    className={cx(classes.roleHead, diff && classes.dirty)}
                    data-testid={`role-column-${role.key}`}
                  >
                    <Stack gap={4} align="center">
                      <Group gap={2} wrap="nowrap" justify="center">
                        <Text fw={700} size="sm">
                          {nameOf(role)}
                        </Text>
                        {editable ? (
                          <Menu position="bottom-end" withinPortal shadow="md">
                            <Menu.Target>
                              <ActionIcon
                                variant="subtle"
                                color="gray"
                                size="sm"
                                aria-label={t('roleMenu', { role: nameOf(role) })}
                              >
                                <IconDots size={14} aria-hidden />
                              </ActionIcon>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Item
                                leftSection={<IconPencil size={14} aria-hidden />}
                                onClick={() => setRenaming(role)}
                              >
                                {t('rename')}
                              </Menu.Item>
                              {role.isSystem ? null : (
                                <Menu.Item
                                  color="red"
                                  leftSection={<IconTrash size={14} aria-hidden />}
                                  onClick={() => setDeleting(role)}
                                >
                                  {t('delete')}
                                </Menu.Item>
                              )}
                            </Menu.Dropdown>
                          </Menu>
                        ) : null}
                      </Group>
                      <Group gap={4} justify="center">
                        {role.isSystem ? (
                          <Badge size="xs" variant="outline" color="gray" tt="none">
                            {t('system')}
                          </Badge>
                        ) : null}
                        <Text size="xs" c="dimmed" fw={400}>
                          {t('holders', { count: role.holders })}
                        </Text>
                      </Group>
                      {diff ? (
                        <Stack gap={4} align="center">
                          <Text size="xs" c="orange.8" fw={600}>
                            {t('unsaved', { added: diff.added.length, removed: diff.removed.length })}
                          </Text>
                          <Group gap={4} wrap="nowrap">
                            <Button
                              size="compact-xs"
                              onClick={() => setSaving(role)}
                              aria-label={t('saveLabel', { role: nameOf(role) })}
                            >
                              {t('save')}
                            </Button>
                            <Button
                              size="compact-xs"
                              variant="default"
                              onClick={() => discard(role)}
                              aria-label={t('discardLabel', { role: nameOf(role) })}
                            >
                              {t('discard')}
                            </Button>
                          </Group>
                        </Stack>
                      ) : null}
                    </Stack>
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {areas.map((area) => [
              <Table.Tr key={`area-${area.area}`} className={classes.areaRow}>
                <Table.Th colSpan={shownRoles.length + 1} scope="colgroup">
                  <Text size="xs" tt="uppercase" fw={700} c="dimmed">
                    {permissionAreaLabel(t, area.area)}
                  </Text>
                </Table.Th>
              </Table.Tr>,
              ...area.permissions.map((permission) => (
                <Table.Tr key={permission}>
                  <Table.Th scope="row" className={classes.sticky} fw={400}>
                    <Text size="sm">{permissionLabel(t, permission)}</Text>
                    <Code fz={11} c="dimmed" bg="transparent" p={0}>
                      {permission}
                    </Code>
                  </Table.Th>
                  {shownRoles.map((role) => (
                    <Table.Td
                      key={role.id}
                      className={cx(classes.cell, drafts[role.id] && dirtyDiff(role) && classes.dirty)}
                    >
                      <Checkbox
                        checked={permissionsOf(role).has(permission)}
                        onChange={(event) => toggle(role, permission, event.currentTarget.checked)}
                        disabled={!editable}
                        aria-label={t('checkbox', {
                          permission: permissionLabel(t, permission),
                          role: nameOf(role),
                        })}
                        styles={{ body: { justifyContent: 'center' } }}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              )),
            ])}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ConfirmModal
        opened={saving !== null}
        title={saving ? t('saveTitle', { role: nameOf(saving) }) : ''}
        confirmLabel={t('save')}
        color="shala"
        loading={save.isPending}
        error={save.error}
        errorTitle={t('failed')}
        onConfirm={confirmSave}
        onClose={() => {
          setSaving(null);
          save.reset();
        }}
      >
        {saving && savingDiff ? (
          <Stack gap="sm" data-testid="permission-diff">
            {savingDiff.added.length > 0 ? (
              <div>
                <Text size="sm" fw={600} c="teal.8">
                  {t('granted')}
                </Text>
                <List size="sm" listStyleType="none">
                  {savingDiff.added.map((p) => (
                    <List.Item key={p}>{t('grantedItem', { permission: permissionLabel(t, p) })}</List.Item>
                  ))}
                </List>
              </div>
            ) : null}
            {savingDiff.removed.length > 0 ? (
              <div>
                <Text size="sm" fw={600} c="red.8">
                  {t('revoked')}
                </Text>
                <List size="sm" listStyleType="none">
                  {savingDiff.removed.map((p) => (
                    <List.Item key={p}>{t('revokedItem', { permission: permissionLabel(t, p) })}</List.Item>
                  ))}
                </List>
              </div>
            ) : null}
            <Text size="sm" c="dimmed">
              {t('saveBody', { count: saving.holders })}
            </Text>
          </Stack>
        ) : null}
      </ConfirmModal>
      {renaming ? <RenameRoleModal role={renaming} onClose={() => setRenaming(null)} /> : null}
      <ConfirmModal
        opened={deleting !== null}
        title={deleting ? t('deleteTitle', { role: nameOf(deleting) }) : ''}
        confirmLabel={t('delete')}
        loading={remove.isPending}
        error={remove.error}
        errorTitle={t('failed')}
        onConfirm={() => {
          if (!deleting) return;
          const role = deleting;
          remove.mutate(role.id, {
            onSuccess: () => {
              discard(role);
              setDeleting(null);
              remove.reset();
              notifications.show({ color: 'teal', message: t('deleted', { role: nameOf(role) }) });
            },
          });
        }}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        {t('deleteBody')}
      </ConfirmModal>
    </>
  );
}
