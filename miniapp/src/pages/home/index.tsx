import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { MemberCard } from '../../components/member-card';
import { QrCode } from '../../components/qr-code';
import { TierProgress } from '../../components/tier-progress';
import { useCardCode } from '../../hooks/use-card-code';
import { useMemberGuard } from '../../hooks/use-member-guard';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { useT } from '../../i18n';
import { InboxHomeEntry } from '../inbox/home-entry';
import { friendlyError } from '../../lib/errors';
import { ROUTES } from '../../routes';
import { useMemberStore } from '../../stores/member.store';
import './index.scss';

export default function HomePage() {
  const t = useT();
  usePageChrome('tab.card', { isTabPage: true });
  const isMember = useMemberGuard();
  const me = useMemberStore((s) => s.me);
  const loadMe = useMemberStore((s) => s.loadMe);
  const [error, setError] = useState<string | null>(null);
  const qr = useCardCode(isMember);

  useDidShow(() => {
    if (!isMember) return;
    loadMe()
      .then(() => setError(null))
      .catch((err: unknown) => setError(friendlyError(err)));
  });

  if (!me) {
    return (
      <View className="page home home--loading">
        {error ? (
          <View className="banner-error">{error}</View>
        ) : (
          <Text className="lead">{t('common.loading')}</Text>
        )}
      </View>
    );
  }

  return (
    <View className="page home">
      <Text className="home__greeting">{t('home.greeting', { name: me.name })}</Text>
      <View className="home__to-points" onClick={() => Taro.navigateTo({ url: ROUTES.points })}>
        <MemberCard name={me.name} tier={me.card.tier} points={me.card.points} memberNo={me.card.memberNo} />
      </View>
      <View className="home__to-tiers" onClick={() => Taro.navigateTo({ url: ROUTES.tiers })}>
        <TierProgress card={me.card} />
      </View>
      <View className="home__links">
        <Text
          className="home__link"
          data-link="points"
          onClick={() => Taro.navigateTo({ url: ROUTES.points })}
        >
          {t('home.links.points')}
        </Text>
        <Text className="home__link" data-link="tiers" onClick={() => Taro.navigateTo({ url: ROUTES.tiers })}>
          {t('home.links.tiers')}
        </Text>
        <Text
          className="home__link"
          data-link="rewards"
          onClick={() => Taro.navigateTo({ url: ROUTES.rewards })}
        >
          {t('home.links.rewards')}
        </Text>
      </View>

      <View
        className="card-surface home__events"
        data-link="events"
        onClick={() => Taro.switchTab({ url: ROUTES.events })}
      >
        <View>
          <Text className="home__events-title">{t('home.events.title')}</Text>
          <Text className="home__events-lead">{t('home.events.lead')}</Text>
        </View>
        <Text
          className="home__link"
          data-link="tickets"
          onClick={(e) => {
            e.stopPropagation();
            void Taro.navigateTo({ url: ROUTES.tickets });
          }}
        >
          {t('home.events.tickets')}
        </Text>
      </View>

      <InboxHomeEntry />

      <View className="card-surface home__qr" onClick={qr.refresh}>
        <Text className="home__qr-title">{t('home.qr.title')}</Text>
        <View className="home__qr-frame">
          {qr.code ? (
            <QrCode value={qr.code.code} isStale={qr.isRefreshing || qr.secondsLeft === 0} />
          ) : (
            <View className="home__qr-placeholder" />
          )}
        </View>
        <Text className="home__qr-hint">{t('home.qr.hint')}</Text>
        <Text className="home__qr-countdown" data-seconds={qr.secondsLeft}>
          {qr.error
            ? `${friendlyError(qr.error)} · ${t('home.qr.tap')}`
            : qr.isRefreshing
              ? t('home.qr.refreshing')
              : `${t('home.qr.expires', { seconds: qr.secondsLeft })} · ${t('home.qr.tap')}`}
        </Text>
      </View>
    </View>
  );
}
