import { PICKUP_CODE_ALPHABET, TICKET_CODE_LENGTH, TicketCodeSchema } from '@vip-club/shared';
import { eventCancelledMessage, promotedMessage, waitlistReleasedMessage } from './event-messages';
import { generateTicketCode } from './registrations.service';

describe('generateTicketCode', () => {
  it('draws every character from the look-alike-free alphabet, as the door scanner expects', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateTicketCode();
      expect(code).toHaveLength(TICKET_CODE_LENGTH);
      expect(TicketCodeSchema.safeParse(code)).toEqual({ success: true, data: code });
    }
  });

  it('uses the random source it is given, position by position', () => {
    let n = 0;
    const code = generateTicketCode((max) => n++ % max);
    expect(code).toBe(PICKUP_CODE_ALPHABET.slice(0, TICKET_CODE_LENGTH));
  });
});

describe('registration messages', () => {
  const event = { id: '7', title: '母亲节感恩晚宴', cancelReason: '场地检修' };
  const registration = { id: '42', memberId: '9' };

  it('names each message after its registration, so a repeat is the same message', () => {
    expect(promotedMessage(event, registration)).toMatchObject({
      memberId: '9',
      topic: 'event_promoted',
      ref: 'event-promoted:42',
      title: '您已获得席位',
      body: '「母亲节感恩晚宴」候补转正，期待与您相见。',
      data: { eventId: '7', registrationId: '42' },
    });
    expect(eventCancelledMessage(event, registration, 0).ref).toBe('event-cancelled:42');
    expect(waitlistReleasedMessage(event, registration, 0).ref).toBe('event-waitlist-released:42');
  });

  it('says the points came back only when there were any', () => {
    expect(eventCancelledMessage(event, registration, 300).body).toBe(
      '很抱歉，「母亲节感恩晚宴」已取消（场地检修）。您的 300 积分已全数退还。期待下次与您相见。',
    );
    expect(eventCancelledMessage({ ...event, cancelReason: null }, registration, 0).body).toBe(
      '很抱歉，「母亲节感恩晚宴」已取消。期待下次与您相见。',
    );
    expect(waitlistReleasedMessage(event, registration, 120).body).toContain('您的 120 积分已全数退还。');
    expect(waitlistReleasedMessage(event, registration, 0).body).not.toContain('积分');
  });
});
