import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { OrderNoSchema, type PurchaseResult, type Store } from '@vip-club/shared';
import { useRef, useState } from 'react';
import { Chips } from '../../../components/chips';
import { Field } from '../../../components/field';
import { StaffRow } from '../../../components/staff-row';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { friendlyError } from '../../../lib/errors';
import { formatDate, formatMoney, formatPoints, printMemberNo } from '../../../lib/format';
import { decodedParam } from '../../../lib/route-params';
import { ROUTES } from '../../../routes';
import { recordPurchase } from '../../../services/purchases.service';
import { listStores } from '../../../services/store.service';
import { useSessionStore } from '../../../stores/session.store';
import { yuanToMinor } from './amount';
import '../staff.scss';
import './index.scss';

interface Errors {
  amount?: string;
  orderNo?: string;
  store?: string;
}

/** A clerk records a sale for the member just found: amount and order number, then a clear result. */
export default function StaffPurchasePage() {
  const t = useT();
  usePageChrome('staff.purchase.title');
  const { params } = useRouter();
  const staff = useSessionStore((s) => s.staff);
  const memberId = params.memberId ?? '';
  const memberName = decodedParam(params.name);
  const memberNo = params.memberNo ?? '';
  const [stores, setStores] = useState<Store[]>([]);
  const [storeId, setStoreId] = useState(staff?.storeId ?? '');
  const [amount, setAmount] = useState('');
  const [orderNo, setOrderNo] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [result, setResult] = useState<{ answer: PurchaseResult; isReplay: boolean } | null>(null);
  const [isBusy, setBusy] = useState(false);
  const busy = useRef(false);

  useDidShow(() => {
    if (!useSessionStore.getState().staff) {
      Taro.redirectTo({ url: ROUTES.staffLogin });
      return;
    }
    listStores()
      .then(setStores)
      .catch(() => undefined);
  });

  const submit = async () => {
    if (busy.current) return;
    const minor = yuanToMinor(amount);
    const order = orderNo.trim();
    const next: Errors = {};
    if (minor === undefined) next.amount = t('staff.purchase.error.amount');
    if (!OrderNoSchema.safeParse(order).success) next.orderNo = t('staff.purchase.error.orderNo');
    if (!storeId) next.store = t('staff.purchase.error.store');
    setErrors(next);
    setBanner(memberId ? null : t('staff.purchase.error.member'));
    if (Object.keys(next).length > 0 || !memberId || minor === undefined) return;
    busy.current = true;
    setBusy(true);
    try {
      const answer = await recordPurchase({
        storeId,
        orderNo: order,
        amount: minor,
        occurredAt: new Date().toISOString(),
        memberId,
      });
      // The server answers a repeated order number with the first result (and amount).
      setResult({ answer, isReplay: answer.purchase.amount !== minor });
    } catch (err) {
      setBanner(friendlyError(err));
    } finally {
      busy.current = false;
      setBusy(false);
    }
  };

  const again = () => {
    setResult(null);
    setAmount('');
    setOrderNo('');
  };

  if (result) {
    const { answer } = result;
    return (
      <View className="page staff purchase">
        <View
          className={`card-surface purchase__result${answer.tierChanged ? ' purchase__result--upgrade' : ''}`}
          data-result="purchase"
          data-purchase-id={answer.purchase.id}
        >
          <View className="purchase__seal">✓</View>
          <Text className="purchase__done">{t('staff.purchase.done')}</Text>
          <Text className="purchase__who">
            {memberName} · {formatMoney(answer.purchase.amount)}
          </Text>
          {answer.tierChanged ? (
            <View
              className={`purchase__upgrade purchase__upgrade--${answer.tier}`}
              data-upgrade={answer.tier}
            >
              <Text>✦ {t('staff.purchase.upgrade', { tier: t(`tier.${answer.tier}`) })} ✦</Text>
            </View>
          ) : null}
          <View className="purchase__figures">
            <View className="purchase__figure">
              <Text className="purchase__figure-label">{t('staff.purchase.earned')}</Text>
              <Text className="purchase__figure-value" data-earned={answer.pointsEarned}>
                +{formatPoints(answer.pointsEarned)}
              </Text>
            </View>
            <View className="purchase__figure">
              <Text className="purchase__figure-label">{t('staff.purchase.balance')}</Text>
              <Text className="purchase__figure-value" data-balance={answer.balance}>
                {formatPoints(answer.balance)}
              </Text>
            </View>
          </View>
          {answer.pendingUntil ? (
            <Text className="purchase__note">
              {t('staff.purchase.pending', { date: formatDate(answer.pendingUntil) })}
            </Text>
          ) : null}
          {result.isReplay ? <Text className="purchase__note">{t('staff.purchase.replayed')}</Text> : null}
          <StaffRow label={t('staff.purchase.orderNo')}>{answer.purchase.orderNo}</StaffRow>
        </View>
        <Button className="btn-primary staff__submit" onClick={again}>
          {t('staff.purchase.again')}
        </Button>
        <Button
          className="btn-ghost purchase__secondary"
          onClick={() =>
            Taro.navigateTo({
              url: `${ROUTES.staffRefund}?purchaseId=${answer.purchase.id}&amount=${answer.purchase.amount}`,
            })
          }
        >
          {t('staff.purchase.refund')}
        </Button>
        <Button
          className="btn-quiet purchase__secondary"
          onClick={() => Taro.navigateBack().catch(() => Taro.redirectTo({ url: ROUTES.staffLookup }))}
        >
          {t('staff.purchase.back')}
        </Button>
      </View>
    );
  }

  return (
    <View className="page staff purchase">
      <Text className="title">{t('staff.purchase.title')}</Text>
      <View className="hairline" />
      {memberId ? (
        <View className="card-surface purchase__member">
          <Text className="purchase__member-name">{memberName}</Text>
          <Text className="purchase__member-no">{printMemberNo(memberNo)}</Text>
        </View>
      ) : null}
      {banner ? (
        <View className="banner-error" data-error="purchase">
          {banner}
        </View>
      ) : null}
      {!staff?.storeId ? (
        <Field name="store" label={t('staff.purchase.store')} error={errors.store}>
          <Chips
            options={stores.map((s) => ({ value: s.id, label: `${s.name} · ${s.city}` }))}
            selected={storeId ? [storeId] : []}
            onToggle={setStoreId}
          />
        </Field>
      ) : null}
      <Field name="amount" label={t('staff.purchase.amount')} error={errors.amount}>
        <Input
          className={`input purchase__amount${errors.amount ? ' input--error' : ''}`}
          type="digit"
          value={amount}
          maxlength={14}
          placeholder={t('staff.purchase.amount.placeholder')}
          placeholderClass="placeholder"
          onInput={(e) => {
            setAmount(e.detail.value);
            if (errors.amount) setErrors({ ...errors, amount: undefined });
          }}
        />
      </Field>
      <Field name="orderNo" label={t('staff.purchase.orderNo')} error={errors.orderNo}>
        <Input
          className={`input${errors.orderNo ? ' input--error' : ''}`}
          value={orderNo}
          maxlength={64}
          placeholder={t('staff.purchase.orderNo.placeholder')}
          placeholderClass="placeholder"
          onInput={(e) => {
            setOrderNo(e.detail.value);
            if (errors.orderNo) setErrors({ ...errors, orderNo: undefined });
          }}
          onConfirm={() => void submit()}
        />
      </Field>
      <Button
        className="btn-primary staff__submit"
        onClick={() => void submit()}
        disabled={isBusy || undefined}
      >
        {t('staff.purchase.submit')}
      </Button>
    </View>
  );
}
