import type { EventEntity } from './entities/event.entity';
import { registrationWindowOf, seatsLeftOf, toClubEvent } from './events.mapper';

function event(overrides: Partial<EventEntity> = {}): EventEntity {
  const at = new Date('2026-05-01T02:00:00.000Z');
  return {
    id: '7',
    title: '母亲节感恩晚宴',
    kind: 'banquet',
    description: '',
    venue: '外滩店',
    storeId: null,
    coverImageUrl: null,
    startsAt: new Date('2026-05-10T10:00:00.000Z'),
    endsAt: new Date('2026-05-10T13:00:00.000Z'),
    capacity: 40,
    pointsCost: 200,
    guestsAllowed: 1,
    eligibility: { genders: ['female'] },
    opensAt: new Date('2026-05-02T02:00:00.000Z'),
    closesAt: new Date('2026-05-09T02:00:00.000Z'),
    priorityTiers: [],
    priorityOpensAt: null,
    status: 'published',
    confirmedSeats: 12,
    checkedInSeats: 0,
    invitedCount: 300,
    publishedAt: at,
    cancelledAt: null,
    cancelReason: null,
    createdByStaffId: '1',
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

describe('events mapper', () => {
  it('shows a priority window only when it has both its tiers and its start', () => {
    expect(registrationWindowOf(event())).toEqual({
      opensAt: '2026-05-02T02:00:00.000Z',
      closesAt: '2026-05-09T02:00:00.000Z',
    });
    expect(
      registrationWindowOf(
        event({ priorityTiers: ['gold'], priorityOpensAt: new Date('2026-05-01T02:00:00.000Z') }),
      ),
    ).toEqual({
      opensAt: '2026-05-02T02:00:00.000Z',
      closesAt: '2026-05-09T02:00:00.000Z',
      priorityTiers: ['gold'],
      priorityOpensAt: '2026-05-01T02:00:00.000Z',
    });
  });

  it('never shows fewer than zero seats left', () => {
    expect(seatsLeftOf(event())).toBe(28);
    expect(seatsLeftOf(event({ capacity: 10, confirmedSeats: 12 }))).toBe(0);
  });

  it('maps the counters and times of a ClubEvent', () => {
    expect(toClubEvent(event(), 3)).toMatchObject({
      id: '7',
      confirmedSeats: 12,
      seatsLeft: 28,
      waitlisted: 3,
      invited: 300,
      publishedAt: '2026-05-01T02:00:00.000Z',
      cancelledAt: null,
      eligibility: { genders: ['female'] },
    });
  });
});
