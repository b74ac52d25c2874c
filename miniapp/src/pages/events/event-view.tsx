import { Image, Text, View } from '@tarojs/components';
import {
  eventMemberState,
  type EventForMember,
  type EventKind,
  type EventMemberState,
  type Tier,
} from '@vip-club/shared';
import { useState, type ReactNode } from 'react';
import { useT, type MessageKey, type MessageParams } from '../../i18n';
import { toClubDateTime } from '../../lib/club-time';
import './event-view.scss';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** A wall-clock reading in the club's time, split for the words each language puts around it. */
interface ClubClock {
  month: number;
  day: number;
  weekday: number;
  time: string;
}

/** Event times are shown as the club's wall clock, wherever the member's phone is. */
function clubClock(iso: string): ClubClock {
  const { date, time } = toClubDateTime(iso);
  const [year, month, day] = date.split('-').map(Number);
  return { month, day, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(), time };
}

const weekdayKey = (weekday: number) => `events.weekday.${weekday}` as MessageKey;

/** `12月6日 周六 19:00–21:30`; an event that runs past midnight names both days. */
export function formatEventWhen(t: Translate, startsAt: string, endsAt: string): string {
  const start = clubClock(startsAt);
  const end = clubClock(endsAt);
  const sameDay = start.month === end.month && start.day === end.day;
  return sameDay
    ? t('events.when', {
        month: start.month,
        day: start.day,
        weekday: t(weekdayKey(start.weekday)),
        start: start.time,
        end: end.time,
      })
    : t('events.when.span', {
        month: start.month,
        day: start.day,
        start: start.time,
        endMonth: end.month,
        endDay: end.day,
        end: end.time,
      });
}

/** `11月20日 10:00`, for when registration opens or closes. */
export function formatClubMoment(t: Translate, iso: string): string {
  const c = clubClock(iso);
  return t('events.moment', { month: c.month, day: c.day, time: c.time });
}

/**
 * Where registration stands now, by the shared rule on the figures the server sent, so a window that
 * opens while the page is on show opens on the screen too. The server's own answer wins for what the
 * rule cannot see (a cancelled event), and it decides when the member actually registers.
 */
export function liveState(event: EventForMember, tier: Tier | undefined, now: Date): EventMemberState {
  if (event.state === 'cancelled' || !tier) return event.state;
  const w = event.registration;
  return eventMemberState({
    status: 'published',
    endsAt: new Date(event.endsAt),
    window: {
      opensAt: new Date(w.opensAt),
      closesAt: new Date(w.closesAt),
      priorityTiers: w.priorityTiers,
      priorityOpensAt: w.priorityOpensAt ? new Date(w.priorityOpensAt) : null,
    },
    tier,
    seatsLeft: event.seatsLeft,
    now,
  });
}

/** True while the member's tier may register before everyone else (the early window has not closed). */
export function isPriorityWindowOn(event: EventForMember, now: Date): boolean {
  return (
    event.isPriorityForMe &&
    Boolean(event.registration.priorityOpensAt) &&
    now.getTime() < Date.parse(event.registration.opensAt)
  );
}

/** A live registration holds a seat or a place in line. */
export function isLive(reg: { status: string } | null | undefined): boolean {
  return reg?.status === 'confirmed' || reg?.status === 'waitlisted';
}

export const kindKey = (kind: EventKind) => `events.kind.${kind}` as MessageKey;
export const stateKey = (state: EventMemberState) => `events.state.${state}` as MessageKey;

/** The club's cover photograph, or a quiet gem on champagne when there is none (or it fails to load). */
export function EventCover({
  url,
  kind,
  size,
}: {
  url: string | null;
  kind: EventKind;
  size: 'card' | 'hero';
}) {
  const [isBroken, setBroken] = useState(false);
  const className = `event-cover event-cover--${size}`;
  if (url && !isBroken) {
    return <Image className={className} src={url} mode="aspectFill" onError={() => setBroken(true)} />;
  }
  return (
    <View className={`${className} event-cover--placeholder event-cover--${kind}`}>
      <View className="event-cover__gem" />
    </View>
  );
}

/**
 * The top of an event, alike in the list and the detail: cover, kind, where registration stands, the
 * title, and the priority badge while the member's tier may book early.
 */
export function EventHeading({
  event,
  state,
  tier,
  now,
  size,
  children,
}: {
  event: EventForMember;
  state: EventMemberState;
  tier: Tier | undefined;
  now: Date;
  size: 'card' | 'hero';
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <View className={`event-head event-head--${size}`}>
      <EventCover url={event.coverImageUrl} kind={event.kind} size={size} />
      <View className="event-head__body">
        <View className="event-head__line">
          <Text className="event-head__kind">{t(kindKey(event.kind))}</Text>
          <Text className={`event-chip event-chip--${state}`} data-chip="state">
            {t(stateKey(state))}
          </Text>
        </View>
        <Text className="event-head__name">{event.title}</Text>
        {isPriorityWindowOn(event, now) && tier ? (
          <Text className="event-badge event-head__badge" data-badge="priority">
            {t('events.priority', { tier: t(`tier.${tier}`) })}
          </Text>
        ) : null}
        {children}
      </View>
    </View>
  );
}
