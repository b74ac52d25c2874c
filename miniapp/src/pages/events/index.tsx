import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { EventForMember } from '@vip-club/shared';
import { useState } from 'react';
import { useMemberGuard } from '../../hooks/use-member-guard';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { useT } from '../../i18n';
import { friendlyError } from '../../lib/errors';
import { formatPoints } from '../../lib/format';
import { ROUTES } from '../../routes';
import { useEventsStore } from '../../stores/events.store';
import { useMemberStore } from '../../stores/member.store';
import { EventHeading, formatEventWhen, isLive, liveState } from './event-view';
import './index.scss';

/** The events the member is invited to, soonest first, each a card that opens its detail. */
export default function EventsPage() {
  const t = useT();
  usePageChrome('events.title', { isTabPage: true });
  const isMember = useMemberGuard();
  const events = useEventsStore((s) => s.events);
  const loadEvents = useEventsStore((s) => s.loadEvents);
  const me = useMemberStore((s) => s.me);
  const loadMe = useMemberStore((s) => s.loadMe);
  const [isLoaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    if (!isMember) return;
    Promise.all([loadEvents(), me ? Promise.resolve(me) : loadMe()])
      .then(() => setError(null))
      .catch((err: unknown) => setError(friendlyError(err)))
      .finally(() => setLoaded(true));
  });

  const now = new Date();
  const tier = me?.card.tier;

  const card = (event: EventForMember) => {
    const state = liveState(event, tier, now);
    const mine = isLive(event.myRegistration) ? event.myRegistration : null;
    return (
      <View
        key={event.id}
        className={`card-surface events__item events__item--${state}`}
        data-event={event.title}
        data-state={state}
        onClick={() => Taro.navigateTo({ url: `${ROUTES.event}?id=${event.id}` })}
      >
        <EventHeading event={event} state={state} tier={tier} now={now} size="card">
          <Text className="events__when">{formatEventWhen(t, event.startsAt, event.endsAt)}</Text>
          <Text className="events__venue">
            {event.store ? `${event.venue} · ${event.store.name}` : event.venue}
          </Text>
          <View className="events__row events__row--foot">
            <Text className="events__seats" data-seats-left={event.seatsLeft}>
              {event.seatsLeft > 0
                ? t('events.seatsLeft', { count: formatPoints(event.seatsLeft) })
                : t('events.seatsFull')}
            </Text>
            <Text className="events__cost">
              {event.pointsCost > 0
                ? t('events.cost', { points: formatPoints(event.pointsCost) })
                : t('events.free')}
            </Text>
          </View>
          {mine ? (
            <View className="events__marks">
              <Text className={`event-chip event-chip--${mine.status}`} data-chip="mine">
                {mine.status === 'waitlisted'
                  ? t('events.mine.waitlisted', { position: mine.waitlistPosition ?? '—' })
                  : t('events.mine.confirmed')}
              </Text>
            </View>
          ) : null}
        </EventHeading>
      </View>
    );
  };

  return (
    <View className="page events">
      <View className="events__head">
        <View>
          <Text className="title">{t('events.title')}</Text>
          <Text className="lead">{t('events.lead')}</Text>
        </View>
        <Text className="events__mine" onClick={() => Taro.navigateTo({ url: ROUTES.tickets })}>
          {t('events.tickets')}
        </Text>
      </View>
      <View className="hairline" />
      {error ? <View className="banner-error">{error}</View> : null}
      {!isLoaded && !error ? <Text className="lead">{t('common.loading')}</Text> : null}
      {isLoaded && events.length === 0 && !error ? (
        <View className="card-surface events__empty">
          <View className="event-cover__gem" />
          <Text className="events__empty-text">{t('events.empty')}</Text>
        </View>
      ) : null}
      {events.map(card)}
    </View>
  );
}
