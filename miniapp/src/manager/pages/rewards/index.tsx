import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import {
  CreateRewardInputSchema,
  REWARD_KINDS,
  TIERS,
  type CreateRewardInput,
  type Reward,
  type RewardKind,
  type Tier,
} from '@vip-club/shared';
import { useState } from 'react';
import { Chips } from '../../../components/chips';
import { Field } from '../../../components/field';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { ApiError } from '../../../lib/api-error';
import { friendlyError } from '../../../lib/errors';
import { formatDate, formatPoints } from '../../../lib/format';
import { createReward, listRewardsForManager, updateReward } from '../../../services/rewards.service';
import { useManagerGuard } from '../../use-manager-guard';
import '../../../staff/pages/staff.scss';
import '../../manager.scss';

interface Draft {
  name: string;
  description: string;
  kind: RewardKind;
  pointsCost: string;
  stock: string;
  perMemberLimit: string;
  tiers: Tier[];
  from: string;
  to: string;
  imageUrl: string;
}

function today(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000 + 8 * 3_600_000);
  return d.toISOString().slice(0, 10);
}

const EMPTY: Draft = {
  name: '',
  description: '',
  kind: 'gift',
  pointsCost: '',
  stock: '',
  perMemberLimit: '1',
  tiers: [],
  from: today(),
  to: today(90),
  imageUrl: '',
};

/** The club's day starts at midnight in Shanghai, the default club time zone. */
function dayStart(date: string): string {
  return `${date}T00:00:00+08:00`;
}

function draftOf(r: Reward): Draft {
  const local = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
  return {
    name: r.name,
    description: r.description,
    kind: r.kind,
    pointsCost: String(r.pointsCost),
    stock: String(r.stock),
    perMemberLimit: String(r.perMemberLimit),
    tiers: r.tiers,
    from: local(r.availableFrom),
    to: local(r.availableTo),
    imageUrl: r.imageUrl ?? '',
  };
}

function inputOf(d: Draft): unknown {
  return {
    name: d.name,
    description: d.description,
    kind: d.kind,
    pointsCost: Number(d.pointsCost),
    stock: Number(d.stock),
    perMemberLimit: Number(d.perMemberLimit),
    tiers: d.tiers,
    availableFrom: dayStart(d.from),
    availableTo: dayStart(d.to),
    imageUrl: d.imageUrl.trim() || null,
  };
}

/** Gifts and vouchers: create one, or tap a reward to edit its stock, window or tiers. */
export default function ManagerRewardsPage() {
  const t = useT();
  usePageChrome('manager.rewards.title');
  const [rewards, setRewards] = useState<Reward[]>([]);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [editing, setEditing] = useState<Reward | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ isOk: boolean; text: string } | null>(null);
  const [isBusy, setBusy] = useState(false);

  const reload = () =>
    listRewardsForManager()
      .then(setRewards)
      .catch((err: unknown) => setNotice({ isOk: false, text: friendlyError(err) }));

  useManagerGuard(() => void reload());

  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  const save = async () => {
    const parsed = CreateRewardInputSchema.safeParse(inputOf(draft));
    setNotice(null);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] = t('join.error.generic');
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      const input: CreateRewardInput = parsed.data;
      if (editing) await updateReward(editing.id, input);
      else await createReward(input);
      setNotice({ isOk: true, text: t('manager.rewards.saved') });
      setEditing(null);
      setDraft(EMPTY);
      await reload();
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setFieldErrors(
          Object.fromEntries(err.fieldErrors.map((f) => [f.path.split('.')[0], t('join.error.generic')])),
        );
      }
      setNotice({ isOk: false, text: friendlyError(err) });
    } finally {
      setBusy(false);
    }
  };

  const edit = (r: Reward) => {
    setEditing(r);
    setDraft(draftOf(r));
    setFieldErrors({});
    setNotice(null);
  };

  return (
    <View className="page staff manager">
      <Text className="title">
        {editing ? t('manager.rewards.editing', { name: editing.name }) : t('manager.rewards.new')}
      </Text>
      <View className="hairline" />
      {notice ? <View className={notice.isOk ? 'staff__ok' : 'banner-error'}>{notice.text}</View> : null}

      <Field name="rewardName" label={t('manager.rewards.name')} error={fieldErrors.name}>
        <Input
          className="input"
          value={draft.name}
          maxlength={60}
          onInput={(e) => set({ name: e.detail.value })}
        />
      </Field>
      <Field
        name="rewardDescription"
        label={t('manager.rewards.description')}
        error={fieldErrors.description}
      >
        <Textarea
          className="manager__textarea"
          value={draft.description}
          maxlength={2000}
          onInput={(e) => set({ description: e.detail.value })}
        />
      </Field>
      <Field name="rewardKind" label={t('manager.rewards.kind')}>
        <Chips
          options={REWARD_KINDS.map((k) => ({ value: k, label: t(`rewards.kind.${k}`) }))}
          selected={[draft.kind]}
          onToggle={(kind) => set({ kind })}
        />
      </Field>
      <View className="manager__grid">
        <Field name="rewardCost" label={t('manager.rewards.pointsCost')} error={fieldErrors.pointsCost}>
          <Input
            className="input"
            type="number"
            value={draft.pointsCost}
            maxlength={9}
            onInput={(e) => set({ pointsCost: e.detail.value })}
          />
        </Field>
        <Field name="rewardStock" label={t('manager.rewards.stock')} error={fieldErrors.stock}>
          <Input
            className="input"
            type="number"
            value={draft.stock}
            maxlength={7}
            onInput={(e) => set({ stock: e.detail.value })}
          />
        </Field>
        <Field
          name="rewardLimit"
          label={t('manager.rewards.perMemberLimit')}
          error={fieldErrors.perMemberLimit}
        >
          <Input
            className="input"
            type="number"
            value={draft.perMemberLimit}
            maxlength={4}
            onInput={(e) => set({ perMemberLimit: e.detail.value })}
          />
        </Field>
      </View>
      <Field name="rewardTiers" label={t('manager.rewards.tiers')}>
        <Chips
          options={TIERS.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))}
          selected={draft.tiers}
          onToggle={(tier) =>
            set({
              tiers: draft.tiers.includes(tier)
                ? draft.tiers.filter((x) => x !== tier)
                : [...draft.tiers, tier],
            })
          }
        />
      </Field>
      <View className="manager__grid">
        <Field name="rewardFrom" label={t('manager.rewards.from')} error={fieldErrors.availableFrom}>
          <Picker mode="date" value={draft.from} onChange={(e) => set({ from: String(e.detail.value) })}>
            <View className="input manager__picker">{draft.from}</View>
          </Picker>
        </Field>
        <Field name="rewardTo" label={t('manager.rewards.to')} error={fieldErrors.availableTo}>
          <Picker mode="date" value={draft.to} onChange={(e) => set({ to: String(e.detail.value) })}>
            <View className="input manager__picker">{draft.to}</View>
          </Picker>
        </Field>
      </View>
      <Field name="rewardImage" label={t('manager.rewards.imageUrl')} error={fieldErrors.imageUrl}>
        <Input
          className="input"
          value={draft.imageUrl}
          maxlength={500}
          placeholder={t('common.optional')}
          placeholderClass="placeholder"
          onInput={(e) => set({ imageUrl: e.detail.value })}
        />
      </Field>
      <Button
        className="btn-primary staff__submit"
        onClick={() => void save()}
        disabled={isBusy || undefined}
      >
        {t('manager.rewards.save')}
      </Button>
      {editing ? (
        <Button
          className="btn-quiet"
          onClick={() => {
            setEditing(null);
            setDraft(EMPTY);
          }}
        >
          {t('manager.rewards.cancelEdit')}
        </Button>
      ) : null}

      <Text className="staff__section-title">{t('manager.rewards.list')}</Text>
      {rewards.length === 0 ? <Text className="lead">{t('manager.rewards.empty')}</Text> : null}
      {rewards.map((r) => (
        <View key={r.id} className="card-surface manager__list-item" data-reward={r.name}>
          <View className="manager__list-head">
            <Text className="manager__list-name">{r.name}</Text>
            <Text className="manager__edit" onClick={() => edit(r)}>
              {t('manager.rewards.edit')}
            </Text>
          </View>
          <Text className="manager__list-meta">
            {t(`rewards.kind.${r.kind}`)} · {t('rewards.cost', { points: formatPoints(r.pointsCost) })} ·{' '}
            {t('manager.rewards.stockLeft', { left: r.stockLeft, stock: r.stock })}
          </Text>
          <Text className="manager__list-meta">
            {t('manager.rewards.window', {
              from: formatDate(r.availableFrom),
              to: formatDate(r.availableTo),
            })}
            {r.tiers.length
              ? ` · ${r.tiers.map((tier) => t(`tier.${tier}`)).join(t('rewards.tierJoin'))}`
              : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}
