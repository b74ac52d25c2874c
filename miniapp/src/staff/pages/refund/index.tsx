import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { IdSchema, ReasonSchema, type RefundResult } from '@vip-club/shared';
import { useRef, useState } from 'react';
import { Field } from '../../../components/field';
import { StaffRow } from '../../../components/staff-row';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { friendlyError } from '../../../lib/errors';
import { formatMoney, formatPoints } from '../../../lib/format';
import { newIdempotencyKey } from '../../../lib/idempotency';
import { ROUTES } from '../../../routes';
import { refundPurchase } from '../../../services/purchases.service';
import { useSessionStore } from '../../../stores/session.store';
import { yuanToMinor } from '../purchase/amount';
import '../staff.scss';
import '../purchase/index.scss';

interface Errors {
  purchaseId?: string;
  amount?: string;
  reason?: string;
}

/** A full or partial refund: the points its share earned are taken back. */
export default function StaffRefundPage() {
  const t = useT();
  usePageChrome('staff.refund.title');
  const { params } = useRouter();
  const [purchaseId, setPurchaseId] = useState(params.purchaseId ?? '');
  const paid = Number(params.amount);
  const [amount, setAmount] = useState(Number.isSafeInteger(paid) && paid > 0 ? String(paid / 100) : '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [result, setResult] = useState<RefundResult | null>(null);
  const [isBusy, setBusy] = useState(false);
  const busy = useRef(false);
  // Kept while the clerk retries the same refund; a new one after a result gets a new key.
  const key = useRef(newIdempotencyKey());

  useDidShow(() => {
    if (!useSessionStore.getState().staff) Taro.redirectTo({ url: ROUTES.staffLogin });
  });

  const submit = async () => {
    if (busy.current) return;
    const minor = yuanToMinor(amount);
    const next: Errors = {};
    if (!IdSchema.safeParse(purchaseId.trim()).success) next.purchaseId = t('staff.refund.error.purchase');
    if (minor === undefined) next.amount = t('staff.purchase.error.amount');
    if (!ReasonSchema.safeParse(reason).success) next.reason = t('staff.refund.error.reason');
    setErrors(next);
    setBanner(null);
    if (Object.keys(next).length > 0 || minor === undefined) return;
    busy.current = true;
    setBusy(true);
    try {
      setResult(
        await refundPurchase(purchaseId.trim(), { amount: minor, reason: reason.trim() }, key.current),
      );
      key.current = newIdempotencyKey();
    } catch (err) {
      setBanner(friendlyError(err));
    } finally {
      busy.current = false;
      setBusy(false);
    }
  };

  if (result) {
    return (
      <View className="page staff purchase">
        <View className="card-surface purchase__result" data-result="refund">
          <View className="purchase__seal">✓</View>
          <Text className="purchase__done">{t('staff.refund.done')}</Text>
          <Text className="purchase__who">{formatMoney(result.refund.amount)}</Text>
          <View className="purchase__figures">
            <View className="purchase__figure">
              <Text className="purchase__figure-label">{t('staff.refund.reversed')}</Text>
              <Text className="purchase__figure-value" data-reversed={result.pointsReversed}>
                −{formatPoints(result.pointsReversed)}
              </Text>
            </View>
            <View className="purchase__figure">
              <Text className="purchase__figure-label">{t('staff.purchase.balance')}</Text>
              <Text className="purchase__figure-value" data-balance={result.balance}>
                {formatPoints(result.balance)}
              </Text>
            </View>
          </View>
          <StaffRow label={t('staff.refund.left')}>{formatMoney(result.refundableLeft)}</StaffRow>
        </View>
        <Button
          className="btn-primary staff__submit"
          onClick={() => Taro.redirectTo({ url: ROUTES.staffLookup })}
        >
          {t('staff.purchase.back')}
        </Button>
      </View>
    );
  }

  return (
    <View className="page staff">
      <Text className="title">{t('staff.refund.title')}</Text>
      <View className="hairline" />
      {banner ? (
        <View className="banner-error" data-error="refund">
          {banner}
        </View>
      ) : null}
      <Field name="purchaseId" label={t('staff.refund.purchase')} error={errors.purchaseId}>
        <Input
          className="input"
          type="number"
          value={purchaseId}
          maxlength={20}
          placeholder={t('staff.refund.purchase.placeholder')}
          placeholderClass="placeholder"
          onInput={(e) => setPurchaseId(e.detail.value)}
        />
      </Field>
      <Field name="amount" label={t('staff.refund.amount')} error={errors.amount}>
        <Input
          className="input"
          type="digit"
          value={amount}
          maxlength={14}
          onInput={(e) => setAmount(e.detail.value)}
        />
      </Field>
      <Field name="reason" label={t('staff.refund.reason')} error={errors.reason}>
        <Input
          className="input"
          value={reason}
          maxlength={200}
          placeholder={t('staff.refund.reason.placeholder')}
          placeholderClass="placeholder"
          onInput={(e) => setReason(e.detail.value)}
        />
      </Field>
      <Button
        className="btn-primary staff__submit"
        onClick={() => void submit()}
        disabled={isBusy || undefined}
      >
        {t('staff.refund.submit')}
      </Button>
    </View>
  );
}
