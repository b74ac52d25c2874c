import { Button, Input, Text, View } from '@tarojs/components';
import {
  BASIS_POINTS,
  MINOR_UNITS_PER_MAJOR,
  RulesDocumentSchema,
  TIERS,
  type RuleSet,
  type RulesDocument,
  type Tier,
} from '@vip-club/shared';
import { useState } from 'react';
import { Field } from '../../../components/field';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { friendlyError } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { getRules, saveRules } from '../../../services/rules.service';
import { useManagerGuard } from '../../use-manager-guard';
import '../../../staff/pages/staff.scss';
import '../../manager.scss';

type TierDraft = Record<Tier, { minSpend: string; rate: string }>;

interface Draft {
  tiers: TierDraft;
  birthday: string;
  returnWindowDays: string;
  pointsLifeMonths: string;
}

const bpToText = (bp: number) => String(bp / BASIS_POINTS);
const textToBp = (text: string) => Math.round(Number(text) * BASIS_POINTS);

function draftOf(rules: RulesDocument): Draft {
  const tiers = Object.fromEntries(
    TIERS.map((tier) => [
      tier,
      {
        minSpend: String(rules.tiers[tier].minSpend / MINOR_UNITS_PER_MAJOR),
        rate: bpToText(rules.tiers[tier].earnRateBp),
      },
    ]),
  ) as TierDraft;
  return {
    tiers,
    birthday: bpToText(rules.birthdayMultiplierBp),
    returnWindowDays: String(rules.returnWindowDays),
    pointsLifeMonths: String(rules.pointsLifeMonths),
  };
}

function documentOf(base: RulesDocument, d: Draft): unknown {
  const tiers = Object.fromEntries(
    TIERS.map((tier) => [
      tier,
      {
        minSpend: Math.round(Number(d.tiers[tier].minSpend) * MINOR_UNITS_PER_MAJOR),
        earnRateBp: textToBp(d.tiers[tier].rate),
      },
    ]),
  );
  return {
    ...base,
    tiers,
    birthdayMultiplierBp: textToBp(d.birthday),
    returnWindowDays: Number(d.returnWindowDays),
    pointsLifeMonths: Number(d.pointsLifeMonths),
  };
}

/** Tier thresholds, earn rates, the birthday multiplier and the return window; saved as a new rule set. */
export default function ManagerRulesPage() {
  const t = useT();
  usePageChrome('manager.rules.title');
  const [ruleSet, setRuleSet] = useState<RuleSet | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<{ isOk: boolean; text: string } | null>(null);
  const [isBusy, setBusy] = useState(false);

  useManagerGuard(() => {
    getRules()
      .then((rs) => {
        setRuleSet(rs);
        setDraft(draftOf(rs.rules));
      })
      .catch((err: unknown) => setNotice({ isOk: false, text: friendlyError(err) }));
  });

  const setTier = (tier: Tier, patch: Partial<TierDraft[Tier]>) =>
    draft && setDraft({ ...draft, tiers: { ...draft.tiers, [tier]: { ...draft.tiers[tier], ...patch } } });

  const save = async () => {
    if (!ruleSet || !draft) return;
    const parsed = RulesDocumentSchema.safeParse(documentOf(ruleSet.rules, draft));
    if (!parsed.success) {
      setNotice({ isOk: false, text: t('error.VALIDATION_FAILED') });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const saved = await saveRules(parsed.data);
      setRuleSet(saved);
      setDraft(draftOf(saved.rules));
      setNotice({ isOk: true, text: t('manager.rules.saved') });
    } catch (err) {
      setNotice({ isOk: false, text: friendlyError(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page staff manager">
      <Text className="title">{t('manager.rules.title')}</Text>
      <Text className="lead">{t('manager.rules.hint')}</Text>
      <View className="hairline" />
      {notice ? <View className={notice.isOk ? 'staff__ok' : 'banner-error'}>{notice.text}</View> : null}
      {!draft ? (
        <Text className="lead">{t('common.loading')}</Text>
      ) : (
        <View>
          <View className="manager__tier-row">
            <Text className="manager__tier-name" />
            <Text className="manager__hint manager__grow">{t('manager.rules.threshold')}</Text>
            <Text className="manager__hint manager__grow">{t('manager.rules.rate')}</Text>
          </View>
          {TIERS.map((tier) => (
            <View key={tier} className="manager__tier-row" data-tier={tier}>
              <Text className="manager__tier-name">{t(`tier.${tier}`)}</Text>
              <Input
                className="input"
                type="digit"
                value={draft.tiers[tier].minSpend}
                disabled={tier === 'friend' || undefined}
                onInput={(e) => setTier(tier, { minSpend: e.detail.value })}
              />
              <Input
                className="input"
                type="digit"
                value={draft.tiers[tier].rate}
                onInput={(e) => setTier(tier, { rate: e.detail.value })}
              />
            </View>
          ))}
          <View className="manager__grid">
            <Field name="birthday" label={t('manager.rules.birthday')}>
              <Input
                className="input"
                type="digit"
                value={draft.birthday}
                onInput={(e) => setDraft({ ...draft, birthday: e.detail.value })}
              />
            </Field>
            <Field name="returnWindowDays" label={t('manager.rules.returnWindow')}>
              <Input
                className="input"
                type="number"
                value={draft.returnWindowDays}
                onInput={(e) => setDraft({ ...draft, returnWindowDays: e.detail.value })}
              />
            </Field>
            <Field name="pointsLifeMonths" label={t('manager.rules.life')}>
              <Input
                className="input"
                type="number"
                value={draft.pointsLifeMonths}
                onInput={(e) => setDraft({ ...draft, pointsLifeMonths: e.detail.value })}
              />
            </Field>
          </View>
          <Button
            className="btn-primary staff__submit"
            onClick={() => void save()}
            disabled={isBusy || undefined}
          >
            {t('manager.rules.save')}
          </Button>
          {ruleSet ? (
            <Text className="manager__hint">
              #{ruleSet.id} · {formatDate(ruleSet.createdAt)}
            </Text>
          ) : null}
        </View>
      )}
    </View>
  );
}
