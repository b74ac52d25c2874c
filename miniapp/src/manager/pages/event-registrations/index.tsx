import { Text, View } from '@tarojs/components';
import { useDidHide, useRouter, useUnload } from '@tarojs/taro';
import type { EventRegistrationRow, EventSummary } from '@vip-club/shared';
import { useRef, useState } from 'react';
import { Chips } from '../../../components/chips';
import { StaffRow } from '../../../components/staff-row';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { clubClock, clubShortDateTime } from '../../../lib/club-time';
import { friendlyError } from '../../../lib/errors';
import { printMemberNo } from '../../../lib/format';
import { decodedParam } from '../../../lib/route-params';
import { useEventsStaffStore } from '../../../stores/events-staff.store';
import { useManagerGuard } from '../../use-manager-guard';
import '../../../staff/pages/staff.scss';
import '../../manager.scss';
import '../events/index.scss';
import './index.scss';

type Tab = 'confirmed' | 'waitlisted';

/** The door's count is re-read this often while the page is open and the event not yet over. */
const LIVE_REFRESH_MS = 5_000;

function RegistrationRow({ row }: { row: EventRegistrationRow }) {
  const t = useT();
  return (
    <View
      className="card-surface registrations__row"
      data-registration={row.member.memberNo}
      data-status={row.status}
    >
      <View className="manager__list-head">
        <Text className="registrations__name">
          {row.waitlistPosition ? <Text className="registrations__place">{row.waitlistPosition}</Text> : null}
          {row.member.name}
        </Text>
        <Text className={`staff__badge staff__badge--${row.member.tier}`}>
          {t(`tier.${row.member.tier}`)}
        </Text>
      </View>
      <Text className="manager__list-meta">
        {printMemberNo(row.member.memberNo)} · {t('eventsStaff.registrations.seats', { seats: row.seats })}
        {row.guests ? ` · ${t('eventsStaff.registrations.guests', { guests: row.guests })}` : ''}
      </Text>
      <Text className="manager__list-meta">
        {row.checkedInAt
          ? t('eventsStaff.registrations.checkedInAt', { time: clubClock(row.checkedInAt) })
          : t('eventsStaff.registrations.registeredAt', { time: clubShortDateTime(row.createdAt) })}
      </Text>
    </View>
  );
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

function Summary({ summary }: { summary: EventSummary }) {
  const t = useT();
  const { ratings } = summary;
  return (
    <View className="card-surface registrations__summary" data-summary>
      <StaffRow label={t('eventsStaff.summary.attendance')} valueData={{ 'data-figure': 'attendance' }}>
        {percent(summary.attendanceRate)}
      </StaffRow>
      <StaffRow label={t('eventsStaff.summary.noShows')} valueData={{ 'data-figure': 'no-shows' }}>
        {summary.noShows === null ? t('eventsStaff.summary.notEnded') : summary.noShows}
      </StaffRow>
      <StaffRow label={t('eventsStaff.summary.ratings')} valueData={{ 'data-figure': 'ratings' }}>
        {ratings.count === 0 || ratings.average === null
          ? t('eventsStaff.summary.noRatings')
          : t('eventsStaff.summary.average', { average: ratings.average.toFixed(1), count: ratings.count })}
      </StaffRow>
      {ratings.count ? (
        <View className="registrations__stars">
          {ratings.distribution.map((n, i) => (
            <Text key={i} className="registrations__star">
              {i + 1}★ {n}
            </Text>
          ))}
        </View>
      ) : null}
      <StaffRow label={t('eventsStaff.summary.cancelled')}>{summary.cancelled}</StaffRow>
      {summary.invitations.clerks.length ? (
        <View className="registrations__funnel">
          <Text className="registrations__funnel-title">{t('eventsStaff.summary.funnel')}</Text>
          {summary.invitations.clerks.map((c) => (
            <StaffRow key={c.clerk.id} data-clerk={c.clerk.name} label={c.clerk.name}>
              {c.invited} → {c.registered} → {c.attended}
            </StaffRow>
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** Who is coming, who waits for a seat, and how the door is going, live while the event is on. */
export default function ManagerEventRegistrationsPage() {
  const t = useT();
  usePageChrome('eventsStaff.registrations.title');
  const { params } = useRouter();
  const eventId = decodedParam(params.id);
  const event = useEventsStaffStore((s) => (s.event?.id === eventId ? s.event : null));
  const summary = useEventsStaffStore((s) => (s.summary?.eventId === eventId ? s.summary : null));
  const confirmed = useEventsStaffStore((s) => s.confirmed);
  const waitlisted = useEventsStaffStore((s) => s.waitlisted);
  const loadRegistrations = useEventsStaffStore((s) => s.loadRegistrations);
  const refreshLive = useEventsStaffStore((s) => s.refreshLive);
  const [tab, setTab] = useState<Tab>('confirmed');
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  const stop = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = undefined;
  };

  const reloadList = () => loadRegistrations(eventId).catch((err: unknown) => setError(friendlyError(err)));

  /** Re-reads the counters; the list too when someone arrived or a seat changed hands meanwhile. */
  const refresh = async () => {
    const before = useEventsStaffStore.getState().event;
    try {
      await refreshLive(eventId);
    } catch (err) {
      setError(friendlyError(err));
      return;
    }
    const after = useEventsStaffStore.getState().event;
    const moved =
      before?.id === after?.id &&
      (before?.checkedInSeats !== after?.checkedInSeats ||
        before?.confirmedSeats !== after?.confirmedSeats ||
        before?.waitlisted !== after?.waitlisted);
    if (moved) void reloadList();
  };

  useManagerGuard(() => {
    setError(null);
    void reloadList();
    void refresh();
    stop();
    timer.current = setInterval(() => {
      const current = useEventsStaffStore.getState().event;
      // Once the evening is over nothing moves: the page stops asking.
      if (current && current.id === eventId && Date.parse(current.endsAt) < Date.now()) stop();
      else void refresh();
    }, LIVE_REFRESH_MS);
  });
  useDidHide(stop);
  useUnload(stop);

  const rows = tab === 'confirmed' ? confirmed : waitlisted;

  return (
    <View className="page staff manager">
      <Text className="title">{event?.title ?? t('eventsStaff.registrations.title')}</Text>
      {event ? (
        <Text className="manager__list-meta">
          {clubShortDateTime(event.startsAt)} · {event.venue}
        </Text>
      ) : null}
      <View className="hairline" />
      {error ? <View className="banner-error">{error}</View> : null}

      {event ? (
        <View className="registrations__live" data-checked-in={event.checkedInSeats}>
          <Text className="registrations__live-label">{t('eventsStaff.registrations.arrived')}</Text>
          <Text className="registrations__live-count">
            {event.checkedInSeats}
            <Text className="registrations__live-of"> / {event.confirmedSeats}</Text>
          </Text>
          <Text className="registrations__live-meta">
            {t('eventsStaff.registrations.capacity', {
              capacity: event.capacity,
              waitlisted: event.waitlisted,
            })}
          </Text>
        </View>
      ) : null}

      {summary ? <Summary summary={summary} /> : null}

      <View className="registrations__tabs">
        <Chips
          options={[
            {
              value: 'confirmed',
              label: t('eventsStaff.registrations.tab.confirmed', { n: confirmed.length }),
            },
            {
              value: 'waitlisted',
              label: t('eventsStaff.registrations.tab.waitlisted', { n: waitlisted.length }),
            },
          ]}
          selected={[tab]}
          onToggle={(next) => setTab(next as Tab)}
        />
      </View>
      {rows.length === 0 ? (
        <Text className="lead">
          {tab === 'confirmed'
            ? t('eventsStaff.registrations.empty')
            : t('eventsStaff.registrations.noWaitlist')}
        </Text>
      ) : null}
      {rows.map((row) => (
        <RegistrationRow key={row.id} row={row} />
      ))}
    </View>
  );
}
