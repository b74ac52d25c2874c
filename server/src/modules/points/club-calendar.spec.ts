import { DEFAULT_CLUB_RULES, pointsExpiryAt, zonedDateParts } from '@vip-club/shared';
import { ClubCalendar } from './club-calendar';

describe('ClubCalendar', () => {
  // One calendar for the whole walk, so answers come both from the remembered month and fresh.
  const calendar = new ClubCalendar();
  const instants = [
    '2026-03-31T15:59:59.999Z', // 23:59:59.999 on 31 March in Shanghai
    '2026-03-31T16:00:00.000Z', // midnight, 1 April in Shanghai
    '2026-03-31T16:30:00.000Z',
    '2026-03-15T00:00:00.000Z', // back to March
    '2026-12-31T16:00:00.000Z', // New Year in Shanghai
    '2027-02-28T16:00:00.000Z',
  ].map((iso) => new Date(iso));

  it.each(['Asia/Shanghai', 'UTC', 'America/New_York'])(
    'answers the shared rules month and expiry for every instant in %s',
    (timeZone) => {
      for (const at of instants) {
        const { year, month } = zonedDateParts(at, timeZone);
        expect(calendar.monthOf(at, timeZone)).toMatchObject({ year, month });
        expect(calendar.expiryAt(at, DEFAULT_CLUB_RULES, timeZone).toISOString()).toBe(
          pointsExpiryAt(at, DEFAULT_CLUB_RULES, timeZone).toISOString(),
        );
        const shorter = { ...DEFAULT_CLUB_RULES, pointsLifeMonths: 6 };
        expect(calendar.expiryAt(at, shorter, timeZone).toISOString()).toBe(
          pointsExpiryAt(at, shorter, timeZone).toISOString(),
        );
      }
    },
  );
});
