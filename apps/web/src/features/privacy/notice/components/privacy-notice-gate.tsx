import { DefaultRole } from '@shala/contracts';
import { lazy, Suspense, useEffect } from 'react';
import { FullPageLoader } from '../../../../app/components/full-page-loader';
import { useMe } from '../../../auth/hooks/use-me';
import { useMyNotice } from '../hooks/use-privacy-notice';

// The screen (a full-screen modal, the notice reader) is a chunk of its own: staff never load it, and a
// parent's is fetched while their notice is looked up, so the shell's first load stays small (issue 18).
const loadScreen = () => import('./privacy-notice-gate-screen');
const NoticeGateScreen = lazy(loadScreen);

/**
 * After sign-in, a parent who has not accepted the privacy notice in force sees it full screen and goes on
 * only by accepting it (or signs out). Rendered once by the signed-in shell; shows nothing for staff, for
 * a parent who accepted, or while the school has no published notice.
 */
export function PrivacyNoticeGate() {
  const me = useMe();
  const parent = me.data?.roles.includes(DefaultRole.Parent) ?? false;
  const reader =
    me.data && parent ? { institutionId: me.data.institution.id, userId: me.data.user.id } : null;
  const mine = useMyNotice(reader);
  const isReader = reader !== null;
  useEffect(() => {
    if (isReader) void loadScreen().catch(() => undefined);
  }, [isReader]);
  if (!reader || !me.data || !mine.data?.mustAccept || !mine.data.notice) return null;
  return (
    // Until the screen's code is in, the page stays covered as the screen will cover it.
    <Suspense fallback={<GateCover />}>
      <NoticeGateScreen
        reader={reader}
        school={me.data.institution.name}
        timeZone={me.data.institution.timeZone}
        notice={mine.data.notice}
      />
    </Suspense>
  );
}

function GateCover() {
  return (
    <div style={{ position: 'fixed', inset: 0, zIndex: 200, background: 'var(--mantine-color-body)' }}>
      <FullPageLoader />
    </div>
  );
}
