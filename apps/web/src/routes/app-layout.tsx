// Mantine's styles beyond the sign-in page's (which the entry loads), before the date pickers' own.
import '../app/styles/mantine-rest';
// The date pickers' styles: only signed-in screens use @mantine/dates, so the sign-in page goes without.
import '@mantine/dates/styles.css';
import { Anchor, AppShell, Burger, Group, NavLink, ScrollArea, Skeleton, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { memo, useEffect, useMemo, useState } from 'react';
import { Link, Navigate, NavLink as RouterNavLink, Outlet, matchPath, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ColorSchemeToggle } from '../app/components/color-scheme-toggle';
import { Logo } from '../app/components/logo';
import { loginPath } from '../app/navigation';
import { usePhoneLayout } from '../app/use-phone-layout';
import { clearOtherUsersDrafts } from '../features/attendance/components/mark-draft';
import { useSession } from '../features/auth/hooks/session-context';
import { useUserLanguage } from '../features/auth/hooks/use-language';
import { useMe } from '../features/auth/hooks/use-me';
import { UserMenu } from '../features/auth/components/user-menu';
import { PrivacyNoticeGate } from '../features/privacy/notice/components/privacy-notice-gate';
import { useHeaderLogo } from '../features/settings/hooks/use-settings';
import classes from './app-layout.module.css';
import { visibleNavigationItems, type NavigationItem } from './navigation-items';

/** The signed-in shell: header with the institution and the user, navigation, and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const { isAuthenticated, endReason } = useSession();
  const location = useLocation();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  // On a phone the closed drawer sits off-screen: inert, so Tab and screen readers skip its links.
  const phone = usePhoneLayout();
  const navHidden = phone && !navOpened;
  // On a phone the links are built the first time the drawer opens, and kept: the closed drawer is inert
  // (nobody can reach them), and they were ~15 ms of the signed-in screens' first render without CPU
  // slowdown, 4x that on Lighthouse's phone.
  const [navUsed, setNavUsed] = useState(false);
  const openOrCloseNav = () => {
    setNavUsed(true);
    toggleNav();
  };
  const me = useMe();
  const logoUrl = useHeaderLogo();
  // The page speaks the user's saved language (or the one just chosen on the sign-in page).
  useUserLanguage();
  // Unsaved attendance marks kept on this device belong to whoever signed in last: another user's go.
  const userId = me.data?.user.id;
  useEffect(() => {
    if (userId) clearOtherUsersDrafts(userId);
  }, [userId]);

  const permissions = me.data?.permissions;
  const items = useMemo(() => visibleNavigationItems(permissions ?? []), [permissions]);

  // The loader let us in; this catches sessions that end while the page is open.
  if (!isAuthenticated) {
    const here = `${location.pathname}${location.search}`;
    return <Navigate to={endReason === 'signed-out' ? '/login' : loginPath(here)} replace />;
  }

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <a href="#main-content" className={classes.skipLink}>
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'sm', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={navOpened}
              onClick={openOrCloseNav}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('shell.toggleNavigation')}
              aria-expanded={navOpened}
              aria-controls="main-navigation"
            />
            <Anchor component={Link} to="/" underline="never" c="inherit" aria-label={t('app.name')}>
              <Logo wordmarkVisibleFrom="xs" />
            </Anchor>
            {me.data && logoUrl ? (
              <img
                src={logoUrl}
                // Decorative: the school's name follows it.
                alt=""
                width={32}
                height={32}
                style={{ objectFit: 'contain', flexShrink: 0 }}
                data-testid="institution-logo"
              />
            ) : null}
            {me.data ? (
              <Text
                fw={600}
                size="sm"
                c="dimmed"
                truncate
                miw={0}
                pl="sm"
                style={{ borderLeft: '1px solid var(--mantine-color-default-border)' }}
                data-testid="institution-name"
              >
                {me.data.institution.name}
              </Text>
            ) : me.isPending ? (
              <Skeleton height={14} width={140} visibleFrom="xs" aria-hidden />
            ) : null}
          </Group>
          <Group gap={4} wrap="nowrap">
            <ColorSchemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        p="sm"
        id="main-navigation"
        component="nav"
        aria-label={t('shell.mainNavigation')}
        inert={navHidden}
      >
        <AppShell.Section grow component={ScrollArea}>
          {phone && !navUsed ? null : (
            <NavigationLinks items={items} pathname={location.pathname} onNavigate={closeNav} />
          )}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" className={classes.main} tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
      <PrivacyNoticeGate />
    </AppShell>
  );
}

/**
 * The navigation's links, memoised: the shell renders again as each of its queries answers (/me, the
 * header logo, the session) and on every navigation, and a dozen Mantine NavLinks cost 15-25 ms of each
 * such render at Lighthouse's 4x CPU slowdown. They change only with the permissions, the path and the
 * language.
 */
const NavigationLinks = memo(function NavigationLinks({
  items,
  pathname,
  onNavigate,
}: {
  items: readonly NavigationItem[];
  pathname: string;
  onNavigate: () => void;
}) {
  const { t } = useTranslation();
  return items.map((item) => (
    <NavLink
      key={item.to}
      component={RouterNavLink}
      to={item.to}
      end={item.to === '/'}
      label={t(`shell.nav.${item.label}`)}
      leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
      active={matchPath({ path: item.to, end: item.to === '/' }, pathname) !== null}
      onClick={onNavigate}
      variant="light"
      mb={2}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  ));
});
