import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { MAX_REDEMPTION_QUANTITY, redeemability, type RewardForMember } from '@vip-club/shared';
import { useRef, useState } from 'react';
import { useMemberGuard } from '../../hooks/use-member-guard';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { useT } from '../../i18n';
import { friendlyError } from '../../lib/errors';
import { formatPoints } from '../../lib/format';
import { newIdempotencyKey } from '../../lib/idempotency';
import { ROUTES } from '../../routes';
import { useMemberStore } from '../../stores/member.store';
import { usePointsStore } from '../../stores/points.store';
import { useRewardsStore } from '../../stores/rewards.store';
import { useSubscriptionsStore } from '../../stores/subscriptions.store';
import { reasonText } from './reason';
import './index.scss';

interface Sheet {
  reward: RewardForMember;
  quantity: number;
  /** One key per confirmation: a second tap or a retry after a lost answer never redeems twice. */
  key: string;
}

/** An image when the club has one; otherwise a quiet gem on champagne, never a broken frame. */
function RewardArt({ reward }: { reward: RewardForMember }) {
  const [isBroken, setBroken] = useState(false);
  if (reward.imageUrl && !isBroken) {
    return (
      <Image
        className="rewards__art"
        src={reward.imageUrl}
        mode="aspectFill"
        onError={() => setBroken(true)}
      />
    );
  }
  return (
    <View className={`rewards__art rewards__art--placeholder rewards__art--${reward.kind}`}>
      <View className="rewards__gem" />
    </View>
  );
}

export default function RewardsPage() {
  const t = useT();
  usePageChrome('rewards.title');
  const isMember = useMemberGuard();
  const rewards = useRewardsStore((s) => s.rewards);
  const loadRewards = useRewardsStore((s) => s.loadRewards);
  const redeem = useRewardsStore((s) => s.redeem);
  const askToSubscribe = useSubscriptionsStore((s) => s.ask);
  const summary = usePointsStore((s) => s.summary);
  const loadPoints = usePointsStore((s) => s.loadPoints);
  const me = useMemberStore((s) => s.me);
  const loadMe = useMemberStore((s) => s.loadMe);
  const [isLoaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [sheetError, setSheetError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const busy = useRef(false);

  const reload = () =>
    Promise.all([loadRewards(), loadPoints(), me ? Promise.resolve(me) : loadMe()])
      .then(() => setError(null))
      .catch((err: unknown) => setError(friendlyError(err)))
      .finally(() => setLoaded(true));

  useDidShow(() => {
    if (isMember) void reload();
  });

  const spendable = summary?.spendable;

  /** The shared rule, so the sheet answers at once as the quantity changes; the server decides. */
  const check = (reward: RewardForMember, quantity: number) =>
    redeemability({
      reward: {
        ...reward,
        availableFrom: new Date(reward.availableFrom),
        availableTo: new Date(reward.availableTo),
      },
      member: { tier: me?.card.tier ?? 'friend', spendablePoints: spendable ?? 0 },
      alreadyRedeemed: reward.alreadyRedeemed,
      quantity,
      now: new Date(),
    });

  const open = (reward: RewardForMember) => {
    setSheetError(null);
    setSheet({ reward, quantity: 1, key: newIdempotencyKey() });
  };

  const setQuantity = (quantity: number) => {
    if (!sheet || quantity < 1 || quantity > MAX_REDEMPTION_QUANTITY) return;
    setSheetError(null);
    // A new quantity is a new request: the server would refuse the old key with other details.
    setSheet({ ...sheet, quantity, key: newIdempotencyKey() });
  };

  const confirm = async () => {
    if (!sheet || busy.current) return;
    // No pickup-reminder template exists yet: the greeting one carries the store's word that it is ready.
    // It is a marketing message, so a member who declined marketing is not asked.
    if (me?.consent.marketing !== false) void askToSubscribe(['greeting']);
    busy.current = true;
    setBusy(true);
    setSheetError(null);
    try {
      const created = await redeem(sheet.reward.id, sheet.quantity, sheet.key);
      setSheet(null);
      void loadPoints().catch(() => undefined);
      void Taro.showToast({ title: t('rewards.redeemed'), icon: 'none', duration: 2000 });
      await Taro.navigateTo({ url: `${ROUTES.redemptions}?id=${created.id}` });
    } catch (err) {
      setSheetError(friendlyError(err));
    } finally {
      busy.current = false;
      setBusy(false);
    }
  };

  const verdict = sheet ? check(sheet.reward, sheet.quantity) : null;

  return (
    <View className="page rewards">
      <View className="rewards__head">
        <View>
          <Text className="title">{t('rewards.title')}</Text>
          <Text className="lead">{t('rewards.lead')}</Text>
        </View>
        <Text className="rewards__mine" onClick={() => Taro.navigateTo({ url: ROUTES.redemptions })}>
          {t('rewards.mine')}
        </Text>
      </View>
      <View className="hairline" />
      {spendable !== undefined ? (
        <Text className="rewards__balance" data-spendable={spendable}>
          {t('rewards.balance', { points: formatPoints(spendable) })}
        </Text>
      ) : null}
      {error ? <View className="banner-error">{error}</View> : null}

      {isLoaded && rewards.length === 0 && !error ? (
        <View className="card-surface rewards__empty">
          <View className="rewards__gem" />
          <Text className="rewards__empty-text">{t('rewards.empty')}</Text>
        </View>
      ) : null}

      <View className="rewards__grid">
        {/* Shown once this visit's catalogue and balance are both in, so no reason reads a missing balance. */}
        {(isLoaded ? rewards : []).map((reward) => (
          <View
            key={reward.id}
            className={`card-surface rewards__item${reward.redeemable ? '' : ' rewards__item--muted'}`}
            data-reward={reward.name}
            data-redeemable={String(reward.redeemable)}
          >
            <RewardArt reward={reward} />
            <View className="rewards__body">
              <View className="rewards__row">
                <Text className="rewards__kind">{t(`rewards.kind.${reward.kind}`)}</Text>
                <Text className="rewards__stock">
                  {t('rewards.stock', { count: formatPoints(reward.stockLeft) })}
                </Text>
              </View>
              <Text className="rewards__name">{reward.name}</Text>
              {reward.description ? <Text className="rewards__desc">{reward.description}</Text> : null}
              <View className="rewards__row rewards__row--foot">
                <Text className="rewards__cost">
                  {t('rewards.cost', { points: formatPoints(reward.pointsCost) })}
                </Text>
                {reward.redeemable ? (
                  <Button className="btn-primary rewards__redeem" onClick={() => open(reward)}>
                    {t('rewards.redeem')}
                  </Button>
                ) : null}
              </View>
              {!reward.redeemable && reward.reason ? (
                <Text className="rewards__reason" data-reason={reward.reason}>
                  {reasonText(t, reward.reason, reward, spendable)}
                </Text>
              ) : null}
            </View>
          </View>
        ))}
      </View>

      {sheet ? (
        <View className="sheet" data-sheet="redeem">
          <View className="sheet__scrim" onClick={() => (isBusy ? undefined : setSheet(null))} />
          <View className="sheet__panel">
            <Text className="eyebrow">{t('rewards.confirm.title')}</Text>
            <Text className="sheet__name">{sheet.reward.name}</Text>
            <Text className="sheet__body">
              {t('rewards.confirm.body', {
                points: formatPoints(sheet.reward.pointsCost * sheet.quantity),
                name: sheet.reward.name,
              })}
            </Text>
            <View className="sheet__stepper">
              <Text className="sheet__step" onClick={() => setQuantity(sheet.quantity - 1)}>
                −
              </Text>
              <Text className="sheet__quantity" data-quantity={sheet.quantity}>
                {sheet.quantity}
              </Text>
              <Text className="sheet__step" onClick={() => setQuantity(sheet.quantity + 1)}>
                +
              </Text>
            </View>
            {verdict && !verdict.redeemable ? (
              <Text className="sheet__warn">
                {reasonText(t, verdict.reason, sheet.reward, spendable, sheet.quantity)}
              </Text>
            ) : spendable !== undefined ? (
              <Text className="sheet__after">
                {t('rewards.confirm.after', {
                  points: formatPoints(spendable - sheet.reward.pointsCost * sheet.quantity),
                })}
              </Text>
            ) : null}
            {sheetError ? <View className="banner-error">{sheetError}</View> : null}
            <Button
              className="btn-primary sheet__ok"
              onClick={confirm}
              disabled={isBusy || (verdict !== null && !verdict.redeemable) || undefined}
            >
              {t('rewards.confirm.ok')}
            </Button>
            <Button className="btn-quiet" onClick={() => setSheet(null)} disabled={isBusy || undefined}>
              {t('rewards.confirm.cancel')}
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}
