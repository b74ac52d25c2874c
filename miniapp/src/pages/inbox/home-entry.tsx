import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import { useT } from '../../i18n';
import { ROUTES } from '../../routes';
import { useInboxStore } from '../../stores/inbox.store';
import './home-entry.scss';

/** The home page's way into messages (with the unread count) and the referral page. */
export function InboxHomeEntry() {
  const t = useT();
  const unread = useInboxStore((s) => s.unread);
  const loadUnread = useInboxStore((s) => s.loadUnread);

  // A badge that cannot be read stays away rather than showing an error on the card page. The card
  // page shows this only once the member is loaded, after its first show: read on mount too.
  const refresh = () => {
    loadUnread().catch(() => undefined);
  };
  useEffect(refresh, [loadUnread]);
  useDidShow(refresh);

  return (
    <View className="card-surface inbox-entry">
      <View
        className="inbox-entry__row"
        data-link="inbox"
        onClick={() => void Taro.navigateTo({ url: ROUTES.inbox })}
      >
        <View>
          <Text className="inbox-entry__title">{t('inbox.entry')}</Text>
          <Text className="inbox-entry__lead">
            {unread ? t('inbox.entry.unread', { count: unread }) : t('inbox.entry.lead')}
          </Text>
        </View>
        {unread ? (
          <Text className="inbox-entry__badge" data-unread={unread}>
            {unread > 99 ? '99+' : unread}
          </Text>
        ) : null}
      </View>
      <View
        className="inbox-entry__row inbox-entry__row--referral"
        data-link="referral"
        onClick={() => void Taro.navigateTo({ url: ROUTES.referral })}
      >
        <Text className="inbox-entry__title">{t('referral.entry')}</Text>
        <Text className="inbox-entry__arrow">›</Text>
      </View>
    </View>
  );
}
