import { AGE_BANDS, type AgeBand, ageBandOf, ageOn } from '@vip-club/shared';
import { birthYearsFor } from './event-audience';

const TZ = 'Asia/Shanghai';

describe('birthYearsFor (the SQL pre-filter of age bands)', () => {
  // Every birthday of 1900–2030 against a few "nows" around the new year in the club's time zone:
  // whoever the shared rule puts in a band must fall inside the birth years the SQL reads.
  const nows = [
    new Date('2026-01-01T00:00:00+08:00'),
    new Date('2026-06-15T12:00:00+08:00'),
    new Date('2026-12-31T23:59:59+08:00'),
  ];
  const bandSets: AgeBand[][] = [
    ...AGE_BANDS.map((b) => [b]),
    ['under_25', '50_plus'],
    ['25_29', '30_34', '35_39'],
  ];

  it.each(bandSets.map((bands) => [bands.join('+'), bands] as const))(
    'never leaves out a member of %s',
    (_name, bands) => {
      for (const now of nows) {
        const year = Number(now.toLocaleString('en', { timeZone: TZ, year: 'numeric' }));
        const range = birthYearsFor(bands, year);
        for (let birthYear = 1900; birthYear <= 2030; birthYear++) {
          for (const [month, day] of [
            [1, 1],
            [2, 29],
            [6, 15],
            [12, 31],
          ]) {
            if (
              month === 2 &&
              day === 29 &&
              !(birthYear % 4 === 0 && (birthYear % 100 !== 0 || birthYear % 400 === 0))
            )
              continue;
            const age = ageOn({ year: birthYear, month, day }, now, TZ);
            if (age === null || age < 0 || !bands.includes(ageBandOf(age))) continue;
            expect(birthYear).toBeLessThanOrEqual(range.max);
            if (range.min !== null) expect(birthYear).toBeGreaterThanOrEqual(range.min);
          }
        }
      }
    },
  );

  it('leaves the oldest end open only for 50 and over', () => {
    expect(birthYearsFor(['50_plus'], 2026).min).toBeNull();
    expect(birthYearsFor(['40_49'], 2026)).toEqual({ min: 2026 - 49 - 2, max: 2026 - 40 + 1 });
    expect(birthYearsFor(['under_25', '30_34'], 2026)).toEqual({ min: 2026 - 34 - 2, max: 2026 + 1 });
  });
});
