import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { PickupCodeSchema, type RedemptionFulfilled } from '@vip-club/shared';
import { useRef, useState } from 'react';
import { StaffRow } from '../../../components/staff-row';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { friendlyError } from '../../../lib/errors';
import { printMemberNo } from '../../../lib/format';
import { scanCode } from '../../../lib/scan';
import { ROUTES } from '../../../routes';
import { fulfilRedemption } from '../../../services/rewards.service';
import { useSessionStore } from '../../../stores/session.store';
import { CodeEntry } from '../../code-entry';
import '../staff.scss';
import '../purchase/index.scss';
import './index.scss';

/** The counter: scan (or type) a pickup code, then a big clear answer of what to hand over. */
export default function StaffFulfilPage() {
  const t = useT();
  usePageChrome('staff.fulfil.title');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<RedemptionFulfilled | null>(null);
  const [isBusy, setBusy] = useState(false);
  const busy = useRef(false);

  useDidShow(() => {
    if (!useSessionStore.getState().staff) Taro.redirectTo({ url: ROUTES.staffLogin });
  });

  const fulfil = async (raw: string) => {
    if (busy.current) return;
    const parsed = PickupCodeSchema.safeParse(raw);
    setError(null);
    if (!parsed.success) {
      setError(t('staff.fulfil.error.code'));
      return;
    }
    busy.current = true;
    setBusy(true);
    try {
      setResult(await fulfilRedemption(parsed.data));
    } catch (err) {
      setError(friendlyError(err));
    } finally {
      busy.current = false;
      setBusy(false);
    }
  };

  const scan = async () => {
    try {
      const scanned = await scanCode();
      setCode(scanned);
      await fulfil(scanned);
    } catch {
      // The clerk closed the scanner: nothing to say.
    }
  };

  const next = () => {
    setResult(null);
    setCode('');
    setError(null);
  };

  if (result) {
    return (
      <View className="page staff purchase">
        <View className="card-surface purchase__result" data-result="fulfil" data-code={result.code}>
          <View className="purchase__seal">✓</View>
          <Text className="purchase__done">{t('staff.fulfil.done')}</Text>
          <Text className="fulfil__gift">{result.reward.name}</Text>
          <Text className="fulfil__quantity">× {result.quantity}</Text>
          <StaffRow label={t('staff.lookup.result')}>
            {result.member.name} · {printMemberNo(result.member.memberNo)}
          </StaffRow>
          <StaffRow label={t('staff.fulfil.code')}>{result.code}</StaffRow>
        </View>
        <Button className="btn-primary staff__submit" onClick={next}>
          {t('staff.fulfil.next')}
        </Button>
      </View>
    );
  }

  return (
    <View className="page staff">
      <Text className="title">{t('staff.fulfil.title')}</Text>
      <View className="hairline" />
      <CodeEntry
        name="pickupCode"
        errorName="fulfil"
        label={t('staff.fulfil.code')}
        placeholder={t('staff.fulfil.code.placeholder')}
        scanLabel={t('staff.fulfil.scan')}
        submitLabel={t('staff.fulfil.submit')}
        inputClassName="fulfil__input"
        code={code}
        error={error}
        isBusy={isBusy}
        onCode={setCode}
        onScan={() => void scan()}
        onSubmit={() => void fulfil(code)}
      />
    </View>
  );
}
