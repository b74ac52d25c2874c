import type { OutboxItem } from '../outbox/outbox-item';
import type { EventEntity } from './entities/event.entity';
import type { EventRegistrationEntity } from './entities/event-registration.entity';

type Event = Pick<EventEntity, 'id' | 'title' | 'cancelReason'>;
type Registration = Pick<EventRegistrationEntity, 'id' | 'memberId'>;

const data = (event: Event, registration: Registration) => ({
  eventId: event.id,
  registrationId: registration.id,
});

const returned = (points: number) => (points > 0 ? `您的 ${points} 积分已全数退还。` : '');

/** A waitlisted registration was given seats (someone cancelled, or the room grew). */
export function promotedMessage(event: Event, registration: Registration): OutboxItem {
  return {
    memberId: registration.memberId,
    topic: 'event_promoted',
    ref: `event-promoted:${registration.id}`,
    title: '您已获得席位',
    body: `「${event.title}」候补转正，期待与您相见。`,
    data: data(event, registration),
  };
}

/** The club called the event off; the points came back in full. */
export function eventCancelledMessage(
  event: Event,
  registration: Registration,
  pointsReturned: number,
): OutboxItem {
  const reason = event.cancelReason ? `（${event.cancelReason}）` : '';
  return {
    memberId: registration.memberId,
    topic: 'event_cancelled',
    ref: `event-cancelled:${registration.id}`,
    title: '活动取消通知',
    body: `很抱歉，「${event.title}」已取消${reason}。${returned(pointsReturned)}期待下次与您相见。`,
    data: { ...data(event, registration), pointsReturned },
  };
}

/** Registration closed and no seat came free for a waitlisted member; their points came back. */
export function waitlistReleasedMessage(
  event: Event,
  registration: Registration,
  pointsReturned: number,
): OutboxItem {
  return {
    memberId: registration.memberId,
    topic: 'event_waitlist_released',
    ref: `event-waitlist-released:${registration.id}`,
    title: '候补未能转正',
    body: `「${event.title}」报名已截止，很遗憾这次未能为您留出席位。${returned(pointsReturned)}期待下次与您相见。`,
    data: { ...data(event, registration), pointsReturned },
  };
}
