import type { OutboxItem } from '../outbox/outbox-item';
import type { EventEntity } from './entities/event.entity';

type Event = Pick<EventEntity, 'id' | 'title' | 'venue' | 'startsAt'>;

/** The subscribe-message template of an event invitation (what the mini-program asks members to accept). */
export const EVENT_INVITATION_TEMPLATE = 'event_invitation';
/** The subscribe-message template of the day-before reminder. */
export const EVENT_REMINDER_TEMPLATE = 'event_reminder';

const eventPage = (event: Event) => `pages/events/index?id=${event.id}`;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `5月10日 18:30` on the club's wall clock. */
export function clubDateTime(at: Date, timeZone: string): string {
  // Built once per zone: constructing a formatter costs more than formatting a thousand dates.
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

/** WeChat `thing` fields hold at most 20 characters. */
const thing = (text: string) => (text.length > 20 ? `${text.slice(0, 19)}…` : text);

function platformFields(event: Event, timeZone: string): OutboxItem['platform'] & object {
  return {
    template: EVENT_INVITATION_TEMPLATE,
    fields: {
      thing1: thing(event.title),
      time2: clubDateTime(event.startsAt, timeZone),
      thing3: thing(event.venue),
    },
    page: eventPage(event),
  };
}

/** The invitation every eligible member gets when the event is published. */
export function invitationMessage(event: Event, memberId: string, timeZone: string): OutboxItem {
  return {
    memberId,
    topic: 'event_invitation',
    ref: `event-invite:${event.id}:${memberId}`,
    title: '诚邀您出席',
    body: `「${event.title}」将于${clubDateTime(event.startsAt, timeZone)}在${event.venue}举行，诚邀您光临。`,
    data: { eventId: event.id },
    platform: platformFields(event, timeZone),
  };
}

/** A clerk's personal invitation, with their name and their own line. */
export function personalInvitationMessage(
  event: Event,
  memberId: string,
  clerk: { id: string; name: string },
  note: string | null,
  timeZone: string,
): OutboxItem {
  const line = note ? `“${note}”` : '';
  return {
    memberId,
    topic: 'event_personal_invitation',
    ref: `event-personal-invite:${event.id}:${memberId}:${clerk.id}`,
    title: `${clerk.name}诚邀您出席`,
    body: `${line}您的专属顾问${clerk.name}诚邀您出席「${event.title}」，${clubDateTime(event.startsAt, timeZone)}，${event.venue}。`,
    data: { eventId: event.id, clerkId: clerk.id, clerkName: clerk.name, note },
    platform: platformFields(event, timeZone),
  };
}

/** The day-before reminder of a confirmed registration. */
export function reminderMessage(
  event: Event,
  registration: { id: string; memberId: string },
  timeZone: string,
): OutboxItem {
  return {
    memberId: registration.memberId,
    topic: 'event_reminder',
    ref: `event-reminder:${registration.id}`,
    title: '活动明日举行',
    body: `「${event.title}」将于${clubDateTime(event.startsAt, timeZone)}在${event.venue}举行，请携带电子票准时到场，期待与您相见。`,
    data: { eventId: event.id, registrationId: registration.id },
    platform: {
      template: EVENT_REMINDER_TEMPLATE,
      fields: {
        thing1: thing(event.title),
        time2: clubDateTime(event.startsAt, timeZone),
        thing3: thing(event.venue),
      },
      page: eventPage(event),
    },
  };
}
