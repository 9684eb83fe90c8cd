import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <Stack align="center" gap="sm" py={64} ta="center">
      <Text fz={64} fw={800} c="shala.2" lh={1} aria-hidden>
        {t('notFound.code')}
      </Text>
      <Title order={1} size="h2">
        {t('notFound.title')}
      </Title>
      <Text c="dimmed" maw={420}>
        {t('notFound.body')}
      </Text>
      <Button component={Link} to="/" mt="sm">
        {t('notFound.home')}
      </Button>
    </Stack>
  );
}
