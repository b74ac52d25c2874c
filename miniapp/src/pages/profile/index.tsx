import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { Me, UpdateMeInput } from '@vip-club/shared';
import { useMemo, useState, type ReactNode } from 'react';
import { Chips } from '../../components/chips';
import { LanguageSwitch } from '../../components/language-switch';
import { ToggleRow } from '../../components/toggle-row';
import { useMemberGuard } from '../../hooks/use-member-guard';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { useT } from '../../i18n';
import { INTERESTS, interestLabelKey } from '../../interests';
import { friendlyError } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { ROUTES } from '../../routes';
import { useMemberStore } from '../../stores/member.store';
import { useSessionStore } from '../../stores/session.store';
import './index.scss';

interface EditDraft {
  name: string;
  occupation: string;
  interests: string[];
  isMarketingOk: boolean;
}

function draftOf(me: Me): EditDraft {
  return {
    name: me.name,
    occupation: me.occupation ?? '',
    interests: me.interests,
    isMarketingOk: me.consent?.marketing ?? false,
  };
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="profile__row">
      <Text className="profile__row-label">{label}</Text>
      <View className="profile__row-value">{children}</View>
    </View>
  );
}

export default function ProfilePage() {
  const t = useT();
  usePageChrome('tab.me', { isTabPage: true });
  const isMember = useMemberGuard();
  const me = useMemberStore((s) => s.me);
  const loadMe = useMemberStore((s) => s.loadMe);
  const update = useMemberStore((s) => s.update);
  const exportData = useMemberStore((s) => s.exportData);
  const leave = useMemberStore((s) => s.leave);
  const logout = useSessionStore((s) => s.logout);
  const [draft, setDraft] = useState<EditDraft | null>(null);
  const [pendingBirthday, setPendingBirthday] = useState('');
  const [banner, setBanner] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  useDidShow(() => {
    // Opened straight from a link or after a reload, the profile has not been read yet.
    if (isMember) loadMe().catch((err: unknown) => setBanner(friendlyError(err)));
  });

  const interestOptions = useMemo(
    () => INTERESTS.map((i) => ({ value: i.tag as string, label: t(i.label) })),
    [t],
  );

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setBanner(null);
    try {
      await work();
    } catch (err) {
      setBanner(friendlyError(err));
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(async () => {
      if (!draft || !me) return;
      const patch: UpdateMeInput = {
        name: draft.name.trim(),
        interests: draft.interests,
        occupation: draft.occupation.trim() || null,
        consent: { marketing: draft.isMarketingOk },
      };
      await update(patch);
      setDraft(null);
      Taro.showToast({ title: t('profile.saved'), icon: 'success' });
    });

  const saveBirthday = () =>
    run(async () => {
      if (!pendingBirthday) return;
      await update({ birthday: pendingBirthday });
      setPendingBirthday('');
    });

  const exportMine = () =>
    run(async () => {
      const data = await exportData();
      await Taro.setClipboardData({ data: JSON.stringify(data, null, 2) });
      Taro.showToast({ title: t('profile.exported'), icon: 'none' });
    });

  const leaveClub = async () => {
    const { confirm } = await Taro.showModal({
      content: t('profile.leave.confirm'),
      confirmText: t('profile.leave.ok'),
      cancelText: t('profile.cancel'),
      confirmColor: '#9e3b32',
    });
    if (!confirm) return;
    await run(async () => {
      await leave();
      logout();
      Taro.showToast({ title: t('profile.left'), icon: 'none' });
      await Taro.reLaunch({ url: ROUTES.welcome });
    });
  };

  const logOut = () => {
    logout();
    Taro.reLaunch({ url: ROUTES.welcome });
  };

  const openStaff = () => {
    const isStaff = useSessionStore.getState().staff !== null;
    Taro.navigateTo({ url: isStaff ? ROUTES.staffLookup : ROUTES.staffLogin });
  };

  if (!me) {
    return (
      <View className="page">
        {banner ? (
          <View className="banner-error">{banner}</View>
        ) : (
          <Text className="lead">{t('common.loading')}</Text>
        )}
      </View>
    );
  }

  const interestText = me.interests.length
    ? me.interests
        .map((i) => {
          const key = interestLabelKey(i);
          return key ? t(key) : i;
        })
        .join(' · ')
    : t('profile.notSet');

  return (
    <View className="page profile">
      <View className="profile__head">
        <View className="profile__monogram">
          <Text>{me.name.slice(0, 1)}</Text>
        </View>
        <View>
          <Text className="profile__name">{me.name}</Text>
          <Text className="profile__tier">{t('tier.member', { tier: t(`tier.${me.card.tier}`) })}</Text>
        </View>
      </View>

      <View className="card-surface profile__section">
        <View className="profile__section-head">
          <Text className="profile__section-title">{t('profile.details')}</Text>
          {draft ? null : (
            <Text className="profile__link" onClick={() => setDraft(draftOf(me))}>
              {t('profile.edit')}
            </Text>
          )}
        </View>

        {draft ? (
          <View className="profile__edit">
            <Text className="profile__edit-label">{t('profile.name')}</Text>
            <Input
              className="input"
              name="name"
              value={draft.name}
              maxlength={40}
              onInput={(e) => setDraft({ ...draft, name: e.detail.value })}
            />
            <Text className="profile__edit-label">{t('profile.occupation')}</Text>
            <Input
              className="input"
              name="occupation"
              value={draft.occupation}
              maxlength={40}
              placeholder={t('profile.occupation.placeholder')}
              placeholderClass="placeholder"
              onInput={(e) => setDraft({ ...draft, occupation: e.detail.value })}
            />
            <Text className="profile__edit-label">{t('profile.interests')}</Text>
            <Chips
              options={interestOptions}
              selected={draft.interests}
              onToggle={(k) =>
                setDraft({
                  ...draft,
                  interests: draft.interests.includes(k)
                    ? draft.interests.filter((i) => i !== k)
                    : [...draft.interests, k],
                })
              }
            />
            <View className="profile__edit-consent">
              <ToggleRow
                name="consent"
                label={t('profile.consent')}
                isOn={draft.isMarketingOk}
                onChange={(isMarketingOk) => setDraft({ ...draft, isMarketingOk })}
              />
            </View>
            <View className="profile__edit-actions">
              <Button className="btn-quiet profile__half" onClick={() => setDraft(null)}>
                {t('profile.cancel')}
              </Button>
              <Button className="btn-primary profile__half" onClick={save} disabled={isBusy || undefined}>
                {t('profile.save')}
              </Button>
            </View>
          </View>
        ) : (
          <View>
            <Row label={t('profile.name')}>
              <Text>{me.name}</Text>
            </Row>
            <Row label={t('profile.gender')}>
              <Text>{t(`gender.${me.gender}`)}</Text>
            </Row>
            <Row label={t('profile.phone')}>
              <Text>{me.phone ?? t('profile.notSet')}</Text>
            </Row>
            <Row label={t('profile.birthday')}>
              {me.birthday ? (
                <View className="profile__locked">
                  <Text>{me.birthday}</Text>
                  <Text className="profile__locked-note">{t('profile.birthday.locked')}</Text>
                </View>
              ) : (
                <Picker
                  mode="date"
                  value={pendingBirthday || '1990-01-01'}
                  start="1920-01-01"
                  end={formatDate(new Date().toISOString())}
                  onChange={(e) => setPendingBirthday(String(e.detail.value))}
                >
                  <Text className="profile__link">{pendingBirthday || t('profile.birthday.set')}</Text>
                </Picker>
              )}
            </Row>
            {pendingBirthday ? (
              <Button
                className="btn-ghost profile__birthday-save"
                onClick={saveBirthday}
                disabled={isBusy || undefined}
              >
                {t('profile.save')}
              </Button>
            ) : null}
            <Row label={t('profile.occupation')}>
              <Text>{me.occupation ?? t('profile.notSet')}</Text>
            </Row>
            <Row label={t('profile.interests')}>
              <Text>{interestText}</Text>
            </Row>
            <Row label={t('profile.consent')}>
              <Text>{me.consent?.marketing ? '✓' : '—'}</Text>
            </Row>
            <Row label={t('profile.joinedAt')}>
              <Text>{formatDate(me.joinedAt)}</Text>
            </Row>
          </View>
        )}
      </View>

      {banner ? <View className="banner-error">{banner}</View> : null}

      <View className="card-surface profile__section">
        <Text className="profile__section-title">{t('profile.language')}</Text>
        <View className="profile__language">
          <LanguageSwitch />
        </View>
      </View>

      <View className="card-surface profile__section profile__menu">
        <View
          className="profile__menu-item"
          data-link="feedback"
          onClick={() => Taro.navigateTo({ url: ROUTES.feedback })}
        >
          <Text>{t('feedback.entry')}</Text>
          <Text className="profile__chevron">›</Text>
        </View>
        <View className="profile__menu-item" onClick={exportMine}>
          <Text>{t('profile.export')}</Text>
          <Text className="profile__chevron">›</Text>
        </View>
        <View className="profile__menu-item" onClick={logOut}>
          <Text>{t('profile.logout')}</Text>
          <Text className="profile__chevron">›</Text>
        </View>
        <View className="profile__menu-item profile__menu-item--danger" onClick={leaveClub}>
          <Text>{t('profile.leave')}</Text>
          <Text className="profile__chevron">›</Text>
        </View>
      </View>

      <Text className="profile__staff" onClick={openStaff}>
        {t('profile.staff')}
      </Text>
    </View>
  );
}
