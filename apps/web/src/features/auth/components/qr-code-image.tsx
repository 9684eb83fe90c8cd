import { Center, Loader, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useAuthText } from '../i18n';

/**
 * The otpauth URI as a QR code <img> (a data URL of an SVG drawn by the qrcode package, loaded on demand).
 * The URI holds the TOTP secret, so it is drawn here in the browser and never sent anywhere.
 */
export function QrCodeImage({ otpauthUri, size = 200 }: { otpauthUri: string; size?: number }) {
  const t = useAuthText();
  const [state, setState] = useState<{ uri: string; src: string | null; failed: boolean } | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const QRCode = await import('qrcode');
        const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
        const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
        if (!cancelled) setState({ uri: otpauthUri, src, failed: false });
      } catch {
        if (!cancelled) setState({ uri: otpauthUri, src: null, failed: true });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [otpauthUri]);

  const current = state?.uri === otpauthUri ? state : null;
  if (current?.failed) {
    return (
      <Text size="sm" c="red">
        {t('enrolment.qrFailed')}
      </Text>
    );
  }
  return (
    <Center
      w={size}
      h={size}
      bg="white"
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        border: '1px solid var(--mantine-color-default-border)',
      }}
    >
      {current?.src ? (
        <img src={current.src} alt={t('enrolment.qrAlt')} width={size - 16} height={size - 16} />
      ) : (
        <Loader size="sm" aria-label={t('common.loading')} />
      )}
    </Center>
  );
}
