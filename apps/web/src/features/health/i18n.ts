import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../app/i18n/registry';

/** English strings of the health screens: the 'health' i18next namespace (registered in app/i18n/resources.ts). */
export const healthText = {
  title: 'System status',
  ok: 'All systems operational',
  unavailable: 'Some services are unavailable',
  checkedAt: 'Checked at {{time}}',
  checkLine: '{{name}}: {{state}}',
  check: {
    up: 'Up',
    down: 'Down',
    not_configured: 'Not configured',
  },
} as const;

/** t() of the 'health' namespace; shared keys (common., errors., validation. ...) fall back to app/i18n/en.ts. */
export function useHealthText() {
  return useTranslation('health').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('health', healthText);
