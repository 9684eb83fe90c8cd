import type { MeResponse } from '@shala/contracts';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_LANGUAGE,
  isLanguage,
  rememberSignedOutChoice,
  storeLanguage,
  takeSignedOutChoice,
  type Language,
} from '../../../app/i18n/language';
import { saveLocale } from '../api/auth.api';
import { authKeys } from '../api/auth.keys';
import { useSession } from './session-context';
import { useMe } from './use-me';

/**
 * Saves a signed-in user's choice on the server. The /me cache says the new language at once, so a
 * refetch while the request is in flight cannot switch the page back.
 */
function saveForUser(i18n: I18n, queryClient: QueryClient, generation: number, language: Language) {
  queryClient.setQueryData<MeResponse>(authKeys.me(generation), (me) =>
    me ? { ...me, user: { ...me.user, locale: language } } : me,
  );
  // Said in the language just chosen. Mantine's toast store is fetched only if it comes to that.
  saveLocale(language).catch(() =>
    import('@mantine/notifications').then(({ notifications }) =>
      notifications.show({ color: 'red', message: i18n.t('language.saveFailed') }),
    ),
  );
}

/** The current language and the way to choose another: this browser remembers it, and so does the user. */
export function useLanguage(): { language: Language; choose: (language: Language) => void } {
  const { i18n } = useTranslation();
  const { isAuthenticated, generation } = useSession();
  const queryClient = useQueryClient();
  const language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;

  const choose = useCallback(
    (next: Language) => {
      if (next === i18n.language) return;
      storeLanguage(next);
      void i18n.changeLanguage(next);
      if (isAuthenticated) saveForUser(i18n, queryClient, generation, next);
      else rememberSignedOutChoice(next);
    },
    [i18n, isAuthenticated, generation, queryClient],
  );

  return { language, choose };
}

/**
 * After sign-in (and on every page load of the signed-in shell), once per session: the page speaks the
 * user's saved language, unless they just chose one on the sign-in page, which is then saved as theirs.
 */
export function useUserLanguage(): void {
  const { i18n } = useTranslation();
  const { generation } = useSession();
  const queryClient = useQueryClient();
  const saved = useMe().data?.user.locale;
  const applied = useRef<number | null>(null);

  useEffect(() => {
    if (!isLanguage(saved) || applied.current === generation) return;
    applied.current = generation;
    const chosen = takeSignedOutChoice();
    const language = chosen ?? saved;
    storeLanguage(language);
    if (i18n.language !== language) void i18n.changeLanguage(language);
    if (language !== saved) saveForUser(i18n, queryClient, generation, language);
  }, [saved, generation, i18n, queryClient]);
}
