import { SegmentedControl, type SegmentedControlProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage } from '../../../app/i18n/language';
import { useLanguage } from '../hooks/use-language';

/**
 * English / हिन्दी, each named in its own script. On the sign-in page it is remembered by this browser;
 * signed in, it is remembered for the user (PUT /api/v1/me/locale).
 */
export function LanguageSwitcher(props: Pick<SegmentedControlProps, 'size' | 'fullWidth'>) {
  const { t } = useTranslation();
  const { language, choose } = useLanguage();
  return (
    <SegmentedControl
      {...props}
      aria-label={t('language.label')}
      value={language}
      onChange={(value) => {
        if (isLanguage(value)) choose(value);
      }}
      data={LANGUAGES.map((code) => ({
        value: code,
        label: <span lang={code}>{t(`language.names.${code}`)}</span>,
      }))}
      data-testid="language-switcher"
    />
  );
}
