import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { EVENT_STATUSES, type ClubEvent, type EventStatus } from '@vip-club/shared';
import { useState } from 'react';
import { Chips } from '../../../components/chips';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { clubShortDateTime } from '../../../lib/club-time';
import { friendlyError } from '../../../lib/errors';
import { ROUTES } from '../../../routes';
import { useEventsStaffStore } from '../../../stores/events-staff.store';
import { useManagerGuard } from '../../use-manager-guard';
import '../../../staff/pages/staff.scss';
import '../../manager.scss';
import './index.scss';

type Filter = EventStatus | 'all';

function EventRow({ event }: { event: ClubEvent }) {
  const t = useT();
  return (
    <View className="card-surface manager__list-item" data-event={event.title} data-event-id={event.id}>
      <View className="manager__list-head">
        <Text className="manager__list-name">{event.title}</Text>
        <Text className={`events__status events__status--${event.status}`}>
          {t(`eventsStaff.status.${event.status}`)}
        </Text>
      </View>
      <Text className="manager__list-meta">
        {clubShortDateTime(event.startsAt)} · {event.venue}
      </Text>
      <Text className="manager__list-meta events__figures">
        {t('eventsStaff.list.figures', {
          confirmed: event.confirmedSeats,
          capacity: event.capacity,
          waitlisted: event.waitlisted,
          checkedIn: event.checkedInSeats,
        })}
      </Text>
      <View className="events__links">
        <Text
          className="manager__edit"
          data-link="edit"
          onClick={() => Taro.navigateTo({ url: `${ROUTES.managerEventEditor}?id=${event.id}` })}
        >
          {t('eventsStaff.list.edit')}
        </Text>
        {event.status === 'draft' ? null : (
          <Text
            className="manager__edit"
            data-link="registrations"
            onClick={() => Taro.navigateTo({ url: `${ROUTES.managerEventRegistrations}?id=${event.id}` })}
          >
            {t('eventsStaff.list.registrations')}
          </Text>
        )}
      </View>
    </View>
  );
}

/** Every club event, newest first, with where its seats and its door stand. */
export default function ManagerEventsPage() {
  const t = useT();
  usePageChrome('eventsStaff.list.title');
  const events = useEventsStaffStore((s) => s.events);
  const loadEvents = useEventsStaffStore((s) => s.loadEvents);
  const [filter, setFilter] = useState<Filter>('all');
  const [error, setError] = useState<string | null>(null);

  const load = (next: Filter) => {
    setError(null);
    loadEvents(next === 'all' ? undefined : next).catch((err: unknown) => setError(friendlyError(err)));
  };

  useManagerGuard(() => load(filter));

  const choose = (next: Filter) => {
    setFilter(next);
    load(next);
  };

  return (
    <View className="page staff manager">
      <Text className="title">{t('eventsStaff.list.title')}</Text>
      <View className="hairline" />
      <Button
        className="btn-primary"
        data-action="new-event"
        onClick={() => Taro.navigateTo({ url: ROUTES.managerEventEditor })}
      >
        {t('eventsStaff.list.new')}
      </Button>
      <View className="events__filter">
        <Chips
          options={(['all', ...EVENT_STATUSES] as const).map((s) => ({
            value: s,
            label: s === 'all' ? t('eventsStaff.list.all') : t(`eventsStaff.status.${s}`),
          }))}
          selected={[filter]}
          onToggle={choose}
        />
      </View>
      {error ? <View className="banner-error">{error}</View> : null}
      {events.length === 0 && !error ? <Text className="lead">{t('eventsStaff.list.empty')}</Text> : null}
      {events.map((event) => (
        <EventRow key={event.id} event={event} />
      ))}
    </View>
  );
}
