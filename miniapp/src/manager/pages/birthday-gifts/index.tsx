import { Button, Input, Text, View } from '@tarojs/components';
import {
  BirthdayGiftSettingsSchema,
  TIERS,
  type BirthdayGiftSettings,
  type Reward,
  type Tier,
} from '@vip-club/shared';
import { useState } from 'react';
import { Chips } from '../../../components/chips';
import { Field } from '../../../components/field';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT, type MessageKey } from '../../../i18n';
import { ApiError } from '../../../lib/api-error';
import { friendlyError } from '../../../lib/errors';
import { formatPoints } from '../../../lib/format';
import { getBirthdayGifts, saveBirthdayGifts } from '../../../services/birthday-gifts.service';
import { listRewardsForManager } from '../../../services/rewards.service';
import { useManagerGuard } from '../../use-manager-guard';
import '../../../staff/pages/staff.scss';
import '../../manager.scss';
import './index.scss';

const GIFT_KINDS = ['none', 'points', 'reward'] as const;
type GiftKind = (typeof GIFT_KINDS)[number];

interface TierDraft {
  kind: GiftKind;
  points: string;
  rewardId: string;
}

interface Draft {
  tiers: Record<Tier, TierDraft>;
  guardDays: string;
}

function draftOf(settings: BirthdayGiftSettings): Draft {
  const tiers = Object.fromEntries(
    TIERS.map((tier) => {
      const gift = settings.gifts[tier];
      return [
        tier,
        {
          kind: gift?.kind ?? 'none',
          points: gift?.kind === 'points' ? String(gift.points) : '',
          rewardId: gift?.kind === 'reward' ? gift.rewardId : '',
        },
      ];
    }),
  ) as Record<Tier, TierDraft>;
  return { tiers, guardDays: String(settings.guardDays) };
}

function giftOf(d: TierDraft): unknown {
  if (d.kind === 'points') return { kind: 'points', points: d.points.trim() === '' ? NaN : Number(d.points) };
  if (d.kind === 'reward') return { kind: 'reward', rewardId: d.rewardId };
  return null;
}

/** Which sentence explains a problem at `path` (`gifts.gold.points`, `guardDays`), keyed by field. */
function problemOf(path: readonly PropertyKey[], draft: Draft): [string, MessageKey] {
  const [first, tier] = path.map(String);
  if (first !== 'gifts' || !tier) return ['guardDays', 'manager.gifts.error.guardDays'];
  const kind = draft.tiers[tier as Tier]?.kind;
  return [tier, kind === 'reward' ? 'manager.gifts.error.reward' : 'manager.gifts.error.points'];
}

/** Each tier's birthday gift (points, a voucher, or nothing) and the guard against late-entered birthdays. */
export default function ManagerBirthdayGiftsPage() {
  const t = useT();
  usePageChrome('manager.gifts.title');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [vouchers, setVouchers] = useState<Reward[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ isOk: boolean; text: string } | null>(null);
  const [isBusy, setBusy] = useState(false);

  useManagerGuard(() => {
    Promise.all([getBirthdayGifts(), listRewardsForManager()])
      .then(([settings, rewards]) => {
        setDraft(draftOf(settings));
        setVouchers(rewards.filter((r) => r.kind === 'voucher'));
      })
      .catch((err: unknown) => setNotice({ isOk: false, text: friendlyError(err) }));
  });

  // A tier's message goes once that tier is changed; the others stay until the next save.
  const forget = (field: string) =>
    setErrors(Object.fromEntries(Object.entries(errors).filter(([key]) => key !== field)));

  const setTier = (tier: Tier, patch: Partial<TierDraft>) => {
    if (!draft) return;
    setDraft({ ...draft, tiers: { ...draft.tiers, [tier]: { ...draft.tiers[tier], ...patch } } });
    forget(tier);
  };

  const explain = (paths: (readonly PropertyKey[])[], current: Draft) =>
    Object.fromEntries(
      paths.map((p) => {
        const [field, key] = problemOf(p, current);
        return [field, t(key)];
      }),
    );

  const save = async () => {
    if (!draft) return;
    setNotice(null);
    const parsed = BirthdayGiftSettingsSchema.safeParse({
      gifts: Object.fromEntries(TIERS.map((tier) => [tier, giftOf(draft.tiers[tier])])),
      guardDays: draft.guardDays.trim() === '' ? NaN : Number(draft.guardDays),
    });
    if (!parsed.success) {
      setErrors(
        explain(
          parsed.error.issues.map((i) => i.path),
          draft,
        ),
      );
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await saveBirthdayGifts(parsed.data);
      setDraft(draftOf(saved));
      setNotice({ isOk: true, text: t('manager.gifts.saved') });
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(
          explain(
            err.fieldErrors.map((f) => f.path.split('.')),
            draft,
          ),
        );
      }
      setNotice({ isOk: false, text: friendlyError(err) });
    } finally {
      setBusy(false);
    }
  };

  const voucherLabel = (r: Reward) =>
    `${r.name} · ${t('manager.rewards.stockLeft', { left: r.stockLeft, stock: r.stock })}`;

  return (
    <View className="page staff manager">
      <Text className="title">{t('manager.gifts.title')}</Text>
      <Text className="lead">{t('manager.gifts.lead')}</Text>
      <View className="hairline" />
      {notice ? <View className={notice.isOk ? 'staff__ok' : 'banner-error'}>{notice.text}</View> : null}
      {!draft ? (
        <Text className="lead">{t('common.loading')}</Text>
      ) : (
        <View>
          {TIERS.map((tier) => {
            const d = draft.tiers[tier];
            return (
              <View key={tier} className="card-surface gifts__tier" data-tier={tier}>
                <View className="manager__list-head">
                  <Text className="manager__list-name">{t(`tier.${tier}`)}</Text>
                  <Text className="gifts__current" data-current>
                    {d.kind === 'none'
                      ? t('manager.gifts.none')
                      : d.kind === 'points'
                        ? t('manager.gifts.pointsSummary', { points: formatPoints(Number(d.points) || 0) })
                        : (vouchers.find((v) => v.id === d.rewardId)?.name ?? t('manager.gifts.kind.reward'))}
                  </Text>
                </View>
                <Field name={`${tier}-kind`} label={t('manager.gifts.kind')} error={errors[tier]}>
                  <Chips
                    options={GIFT_KINDS.map((k) => ({ value: k, label: t(`manager.gifts.kind.${k}`) }))}
                    selected={[d.kind]}
                    onToggle={(kind) => setTier(tier, { kind })}
                  />
                </Field>
                {d.kind === 'points' ? (
                  <Field name={`${tier}-points`} label={t('manager.gifts.points')}>
                    <Input
                      className={`input${errors[tier] ? ' input--error' : ''}`}
                      type="number"
                      value={d.points}
                      maxlength={7}
                      onInput={(e) => setTier(tier, { points: e.detail.value })}
                    />
                  </Field>
                ) : null}
                {d.kind === 'reward' ? (
                  <Field name={`${tier}-reward`} label={t('manager.gifts.voucher')}>
                    {vouchers.length ? (
                      <Chips
                        options={vouchers.map((v) => ({ value: v.id, label: voucherLabel(v) }))}
                        selected={d.rewardId ? [d.rewardId] : []}
                        onToggle={(rewardId) => setTier(tier, { rewardId })}
                      />
                    ) : (
                      <Text className="manager__hint">{t('manager.gifts.noVouchers')}</Text>
                    )}
                  </Field>
                ) : null}
              </View>
            );
          })}
          <Field
            name="guardDays"
            label={t('manager.gifts.guardDays')}
            hint={t('manager.gifts.guardHint')}
            error={errors.guardDays}
          >
            <Input
              className={`input${errors.guardDays ? ' input--error' : ''}`}
              type="number"
              value={draft.guardDays}
              maxlength={3}
              onInput={(e) => {
                setDraft({ ...draft, guardDays: e.detail.value });
                forget('guardDays');
              }}
            />
          </Field>
          <Button
            className="btn-primary staff__submit"
            data-action="save-gifts"
            onClick={() => void save()}
            disabled={isBusy || undefined}
          >
            {t('manager.gifts.save')}
          </Button>
        </View>
      )}
    </View>
  );
}
