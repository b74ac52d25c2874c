import { Button, Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PointsAdjustmentInputSchema } from '@vip-club/shared';
import { useRef, useState } from 'react';
import { Field } from '../../../components/field';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { friendlyError } from '../../../lib/errors';
import { formatPoints, printMemberNo } from '../../../lib/format';
import { decodedParam } from '../../../lib/route-params';
import { newIdempotencyKey } from '../../../lib/idempotency';
import { adjustPoints } from '../../../services/points.service';
import { useManagerGuard } from '../../use-manager-guard';
import '../../../staff/pages/staff.scss';
import '../../manager.scss';

/** A manager's correction of one member's points, either way, always with a reason. */
export default function ManagerAdjustPage() {
  const t = useT();
  usePageChrome('manager.adjust.title');
  useManagerGuard();
  const { params } = useRouter();
  const memberId = params.memberId ?? '';
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ delta?: string; reason?: string }>({});
  const [notice, setNotice] = useState<{ isOk: boolean; text: string } | null>(null);
  const [isBusy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());

  const submit = async () => {
    const input = { delta: Number(delta.trim()), reason };
    const parsed = PointsAdjustmentInputSchema.safeParse(input);
    const next: { delta?: string; reason?: string } = {};
    if (!/^-?\d+$/.test(delta.trim()) || !parsed.success) {
      for (const issue of parsed.success ? [] : parsed.error.issues) {
        if (issue.path[0] === 'reason') next.reason = t('manager.adjust.error.reason');
        else next.delta = t('manager.adjust.error.delta');
      }
      if (!/^-?\d+$/.test(delta.trim())) next.delta = t('manager.adjust.error.delta');
    }
    setErrors(next);
    setNotice(null);
    if (Object.keys(next).length > 0 || !parsed.success) return;
    setBusy(true);
    try {
      const entry = await adjustPoints(memberId, parsed.data, key.current);
      key.current = newIdempotencyKey();
      setDelta('');
      setReason('');
      setNotice({ isOk: true, text: t('manager.adjust.done', { points: formatPoints(entry.balanceAfter) }) });
    } catch (err) {
      setNotice({ isOk: false, text: friendlyError(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page staff manager">
      <Text className="title">{t('manager.adjust.title')}</Text>
      <View className="hairline" />
      <View className="card-surface manager__list-item">
        <Text className="manager__list-name">{decodedParam(params.name)}</Text>
        <Text className="manager__list-meta">{printMemberNo(params.memberNo ?? '')}</Text>
      </View>
      {notice ? (
        <View className={notice.isOk ? 'staff__ok' : 'banner-error'} data-notice="adjust">
          {notice.text}
        </View>
      ) : null}
      <Field name="delta" label={t('manager.adjust.delta')} error={errors.delta}>
        <Input className="input" value={delta} maxlength={8} onInput={(e) => setDelta(e.detail.value)} />
      </Field>
      <Field name="reason" label={t('manager.adjust.reason')} error={errors.reason}>
        <Input
          className="input"
          value={reason}
          maxlength={200}
          placeholder={t('manager.adjust.reason.placeholder')}
          placeholderClass="placeholder"
          onInput={(e) => setReason(e.detail.value)}
        />
      </Field>
      <Button
        className="btn-primary staff__submit"
        onClick={() => void submit()}
        disabled={isBusy || undefined}
      >
        {t('manager.adjust.submit')}
      </Button>
    </View>
  );
}
