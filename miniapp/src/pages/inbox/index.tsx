import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { InboxItem, InboxReplyKind } from '@vip-club/shared';
import { useState } from 'react';
import { useMemberGuard } from '../../hooks/use-member-guard';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { useT } from '../../i18n';
import { clubShortDateTime } from '../../lib/club-time';
import { friendlyError } from '../../lib/errors';
import { ROUTES } from '../../routes';
import { isUnread, useInboxStore } from '../../stores/inbox.store';
import { eventIdOf, kindLabel } from './kinds';
import './index.scss';

const REPLIES: InboxReplyKind[] = ['thanks', 'call_me'];

/** The member's messages, newest first; opening the page reads them. */
export default function InboxPage() {
  const t = useT();
  usePageChrome('inbox.title');
  const isMember = useMemberGuard();
  const items = useInboxStore((s) => s.items);
  const nextCursor = useInboxStore((s) => s.nextCursor);
  const lastReadId = useInboxStore((s) => s.lastReadId);
  const replied = useInboxStore((s) => s.replied);
  const open = useInboxStore((s) => s.open);
  const loadMore = useInboxStore((s) => s.loadMore);
  const reply = useInboxStore((s) => s.reply);
  const [isLoaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    if (!isMember) return;
    open()
      .then(() => setError(null))
      .catch((err: unknown) => setError(friendlyError(err)))
      .finally(() => setLoaded(true));
  });

  const send = (item: InboxItem, kind: InboxReplyKind) => {
    reply(item.id, kind)
      .then(() => Taro.showToast({ title: t(`inbox.replied.${kind}`), icon: 'none' }))
      .catch((err: unknown) => setError(friendlyError(err)));
  };

  return (
    <View className="page inbox">
      {error ? <View className="banner-error">{error}</View> : null}
      {!isLoaded && !error ? <Text className="lead">{t('common.loading')}</Text> : null}
      {isLoaded && items.length === 0 && !error ? (
        <Text className="lead inbox__empty">{t('inbox.empty')}</Text>
      ) : null}

      {items.map((item) => {
        const eventId = eventIdOf(item);
        const isNew = isUnread(item, lastReadId);
        return (
          <View
            key={item.id}
            className={`card-surface inbox__item${isNew ? ' inbox__item--new' : ''}`}
            data-notice={item.id}
            data-kind={item.kind}
          >
            <View className="inbox__head">
              <Text className="inbox__kind">{t(kindLabel(item.kind))}</Text>
              {isNew ? <Text className="inbox__new">{t('inbox.new')}</Text> : null}
              <Text className="inbox__time">{clubShortDateTime(item.createdAt)}</Text>
            </View>
            <View
              className="inbox__content"
              onClick={
                eventId
                  ? () => void Taro.navigateTo({ url: `${ROUTES.event}?id=${encodeURIComponent(eventId)}` })
                  : undefined
              }
            >
              <Text className="inbox__title">{item.title}</Text>
              <Text className="inbox__body">{item.body}</Text>
              {eventId ? <Text className="inbox__open">{t('inbox.openEvent')}</Text> : null}
            </View>
            <View className="inbox__replies">
              {REPLIES.map((kind) => {
                const isSent = replied.includes(`${item.id}:${kind}`);
                return (
                  <Text
                    key={kind}
                    className={`inbox__reply${isSent ? ' inbox__reply--sent' : ''}`}
                    data-reply={kind}
                    onClick={isSent ? undefined : () => send(item, kind)}
                  >
                    {isSent ? t(`inbox.replied.${kind}`) : t(`inbox.reply.${kind}`)}
                  </Text>
                );
              })}
            </View>
          </View>
        );
      })}

      {nextCursor ? (
        <Text
          className="inbox__more"
          onClick={() => void loadMore().catch((err: unknown) => setError(friendlyError(err)))}
        >
          {t('inbox.more')}
        </Text>
      ) : null}
    </View>
  );
}
