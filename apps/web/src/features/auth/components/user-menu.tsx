import { Avatar, Box, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { Permission } from '@shala/contracts';
import { IconChevronDown, IconLock, IconLogout, IconMessageCheck, IconUserCircle } from '@tabler/icons-react';
import { useAuthText } from '../i18n';
import { memo } from 'react';
import { Link } from 'react-router';
import { useLogout } from '../hooks/use-logout';
import { useMe } from '../hooks/use-me';
import { displayNameOf, initialsOf } from './display-name';
import { LanguageSwitcher } from './language-switcher';

/** Memoised: the shell renders again as its queries answer; the menu follows /me and its own state. */
export const UserMenu = memo(function UserMenu() {
  const t = useAuthText();
  const me = useMe();
  const logout = useLogout();
  const user = me.data?.user;
  const permissions = me.data?.permissions ?? [];

  return (
    <Menu position="bottom-end" width={240} withinPortal shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.accountMenu')} data-testid="user-menu">
          <Group gap={8} wrap="nowrap">
            <Avatar color="shala" radius="xl" size={34}>
              {user ? initialsOf(user) : null}
            </Avatar>
            {user ? (
              <Text size="sm" fw={500} maw={180} truncate visibleFrom="sm">
                {displayNameOf(user)}
              </Text>
            ) : null}
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {user ? (
          <Menu.Label>
            <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
              {displayNameOf(user)}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {user.email}
            </Text>
          </Menu.Label>
        ) : null}
        <Menu.Divider />
        <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} aria-hidden />}>
          {t('shell.account')}
        </Menu.Item>
        <Menu.Item component={Link} to="/account/security" leftSection={<IconLock size={16} aria-hidden />}>
          {t('shell.security')}
        </Menu.Item>
        {/* A parent's consents are a tab of My data (/privacy), a shortcut to it (issue 14 item 11). */}
        {permissions.includes(Permission.PrivacyConsentManage) &&
        !permissions.includes(Permission.PrivacyRequestsManage) ? (
          <Menu.Item
            component={Link}
            to="/privacy?tab=consents"
            leftSection={<IconMessageCheck size={16} aria-hidden />}
          >
            {t('shell.consents')}
          </Menu.Item>
        ) : null}
        <Menu.Divider />
        <Menu.Label>{t('language.label')}</Menu.Label>
        <Box px="sm" pb="xs">
          <LanguageSwitcher size="xs" fullWidth />
        </Box>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => logout.mutate()}
          disabled={logout.isPending}
        >
          {logout.isPending ? t('shell.signingOut') : t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
});
