import { Button, Card, Checkbox, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { StudentDues } from '@shala/contracts';
import { useState } from 'react';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { usePayFamilyOnline } from '../hooks/use-fees';
import { useFeesText } from '../i18n';
import { formatMoney } from '../money';

/**
 * A family with dues for more than one child pays them in one online order: each ticked child's full
 * outstanding (all children with dues are ticked at first); the API books one payment and receipt per
 * child.
 */
export function FamilyPay({ items, currency }: { items: StudentDues[]; currency: string }) {
  const t = useFeesText();
  const pay = usePayFamilyOnline();
  const owing = items.filter((c) => c.outstanding > 0);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(owing.map((c) => c.studentId)));
  const [confirming, setConfirming] = useState(false);
  const selected = owing.filter((c) => chosen.has(c.studentId));
  const total = selected.reduce((s, c) => s + c.outstanding, 0);
  const totalText = formatMoney(total, currency);
  const names = selected.map((c) => c.fullName).join(', ');

  return (
    <Card withBorder component="section" aria-labelledby="family-pay-title" data-testid="family-pay">
      <Stack gap="sm">
        <Title order={2} size="h4" id="family-pay-title">
          {t('familyPay.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('familyPay.help')}
        </Text>
        <Checkbox.Group
          label={t('familyPay.choose')}
          value={[...chosen]}
          onChange={(values) => setChosen(new Set(values))}
        >
          <Stack gap="xs" mt="xs">
            {owing.map((child) => (
              <Checkbox
                key={child.studentId}
                value={child.studentId}
                label={t('familyPay.childAmount', {
                  name: child.fullName,
                  amount: formatMoney(child.outstanding, currency),
                })}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        {selected.length === 0 ? (
          <Text size="sm" c="dimmed" role="status">
            {t('familyPay.noneChosen')}
          </Text>
        ) : null}
        <Button
          disabled={selected.length === 0}
          onClick={() => setConfirming(true)}
          w={{ base: '100%', xs: 'fit-content' }}
        >
          {t('familyPay.pay', { amount: totalText })}
        </Button>
      </Stack>
      {confirming ? (
        <ConfirmModal
          opened
          color="blue"
          title={t('pay.confirmTitle', { amount: totalText })}
          confirmLabel={t('pay.confirm')}
          loading={pay.isPending}
          error={pay.error}
          errorTitle={t('pay.failed')}
          onClose={() => setConfirming(false)}
          onConfirm={() => {
            if (pay.isPending) return;
            pay.mutate(
              { children: selected.map((c) => ({ studentId: c.studentId, amount: c.outstanding })) },
              {
                onSuccess: (order) => {
                  notifications.show(
                    order.status === 'paid'
                      ? {
                          color: 'green',
                          title: t('pay.successTitle'),
                          message: t('familyPay.success', { amount: totalText, names }),
                        }
                      : {
                          color: 'yellow',
                          title: t('pay.notCompletedTitle'),
                          message: t('pay.notCompleted', { provider: order.provider }),
                        },
                  );
                  setConfirming(false);
                },
              },
            );
          }}
        >
          {t('familyPay.confirmBody', { amount: totalText, names })}
        </ConfirmModal>
      ) : null}
    </Card>
  );
}
