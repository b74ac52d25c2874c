import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { useMemberGuard } from '../../hooks/use-member-guard';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { translate, useLocaleStore, useT } from '../../i18n';
import { friendlyError } from '../../lib/errors';
import { formatDate, formatPoints } from '../../lib/format';
import { useReferralStore } from '../../stores/referral.store';
import { absoluteShareUrl, joinPathWithCode } from './share-link';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** The member's referral code, a card to share it, and the friends it brought in. */
export default function ReferralPage() {
  const t = useT();
  usePageChrome('referral.title');
  const isMember = useMemberGuard();
  const summary = useReferralStore((s) => s.summary);
  const card = useReferralStore((s) => s.card);
  const load = useReferralStore((s) => s.load);
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    if (!isMember) return;
    load()
      .then(() => setError(null))
      .catch((err: unknown) => setError(friendlyError(err)));
  });

  useShareAppMessage(() => {
    const code = useReferralStore.getState().summary?.code;
    return {
      title: translate(useLocaleStore.getState().locale, 'referral.share.title'),
      path: code ? joinPathWithCode(code) : '/pages/welcome/index',
    };
  });

  const link = card ? absoluteShareUrl(card.shareUrl) : '';
  const copy = () => {
    Taro.setClipboardData({ data: link })
      .then(() => Taro.showToast({ title: t('referral.copied'), icon: 'none' }))
      .catch((err: unknown) => setError(friendlyError(err)));
  };

  if (!summary || !card) {
    return (
      <View className="page referral">
        {error ? (
          <View className="banner-error">{error}</View>
        ) : (
          <Text className="lead">{t('common.loading')}</Text>
        )}
      </View>
    );
  }

  return (
    <View className="page referral">
      {error ? <View className="banner-error">{error}</View> : null}
      <Text className="eyebrow">{t('brand.house')}</Text>
      <Text className="title">{t('referral.title')}</Text>
      <Text className="lead">{t('referral.lead')}</Text>

      <View className="card-surface referral__card">
        <Text className="referral__label">{t('referral.code')}</Text>
        <Text className="referral__code" data-code={summary.code}>
          {summary.code}
        </Text>
        {card.wechatCodeImage ? (
          <View className="referral__share">
            <Image
              className="referral__qr"
              src={`data:image/png;base64,${card.wechatCodeImage}`}
              mode="aspectFit"
            />
            <Text className="referral__hint">{t('referral.card.wechat')}</Text>
          </View>
        ) : null}
        {/* Inside WeChat the code and the share button do it; a link is for the browser and Alipay. */}
        {!isWeapp || !card.wechatCodeImage ? (
          <View className="referral__share">
            <Text className="referral__hint">{t('referral.card.link')}</Text>
            <Text className="referral__link" data-link={link} userSelect>
              {link}
            </Text>
            <Button className="btn-ghost referral__copy" onClick={copy}>
              {t('referral.copy')}
            </Button>
          </View>
        ) : null}
        {isWeapp ? (
          <Button className="btn-primary referral__wechat" openType="share">
            {t('referral.share')}
          </Button>
        ) : null}
      </View>

      <Text className="referral__stats" data-invited={summary.invited} data-rewarded={summary.rewarded}>
        {t('referral.stats', { invited: summary.invited, rewarded: summary.rewarded })}
      </Text>

      <View className="card-surface referral__list">
        <Text className="referral__list-title">{t('referral.list')}</Text>
        {summary.referrals.length === 0 ? (
          <Text className="referral__none">{t('referral.none')}</Text>
        ) : (
          summary.referrals.map((r, index) => (
            <View key={`${r.name}-${r.joinedAt}-${index}`} className="referral__row" data-status={r.status}>
              <View>
                <Text className="referral__name">{r.name}</Text>
                <Text className="referral__meta">
                  {t('referral.joinedAt', { date: formatDate(r.joinedAt) })} ·{' '}
                  {t(`referral.status.${r.status}`)}
                </Text>
              </View>
              {r.pointsEarned > 0 ? (
                <Text className="referral__points">
                  {t('referral.points', { points: formatPoints(r.pointsEarned) })}
                </Text>
              ) : null}
            </View>
          ))
        )}
      </View>
    </View>
  );
}
