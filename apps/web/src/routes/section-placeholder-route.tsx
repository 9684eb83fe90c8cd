import { Button, Card, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NavigationItem } from './navigation-items';

/** A section of the product that has a place in the navigation but no screens yet. */
export function SectionPlaceholderRoute({ section }: { section: NavigationItem['label'] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1} size="h2">
        {t(`shell.nav.${section}`)}
      </Title>
      <Card>
        <Stack align="center" gap="sm" py="xl" ta="center">
          <ThemeIcon size={56} radius="xl" variant="light">
            <IconTools size={28} aria-hidden />
          </ThemeIcon>
          <Text maw={420}>{t('placeholder.body')}</Text>
          <Button component={Link} to="/" variant="light">
            {t('placeholder.back')}
          </Button>
        </Stack>
      </Card>
    </Stack>
  );
}
