import { clubDaySql, offsetSegments, zoneOffsetSeconds } from './club-days';

describe('club days in SQL', () => {
  it('has one offset for a zone without daylight saving', () => {
    const segments = offsetSegments(
      new Date('2025-11-23T00:00:00Z'),
      new Date('2026-11-23T00:00:00Z'),
      'Asia/Shanghai',
    );
    expect(segments).toEqual([{ until: null, offsetSeconds: 8 * 3600 }]);
    expect(clubDaySql('p.at', segments, 'mysql')).toBe('DATE(DATE_ADD(p.at, INTERVAL 28800 SECOND))');
    expect(clubDaySql('p.at', segments, 'sqlite')).toBe("date(p.at, '+28800 seconds')");
  });

  it('finds each daylight-saving change to the second', () => {
    const segments = offsetSegments(
      new Date('2025-11-23T00:00:00.123Z'),
      new Date('2026-11-23T00:00:00Z'),
      'America/New_York',
    );
    expect(segments).toEqual([
      { until: new Date('2026-03-08T07:00:00Z'), offsetSeconds: -5 * 3600 },
      { until: new Date('2026-11-01T06:00:00Z'), offsetSeconds: -4 * 3600 },
      { until: null, offsetSeconds: -5 * 3600 },
    ]);
    expect(clubDaySql('p.at', segments, 'sqlite')).toBe(
      "date(p.at, CASE WHEN p.at < '2026-03-08 07:00:00.000' THEN '-18000 seconds' WHEN p.at < '2026-11-01 06:00:00.000' THEN '-14400 seconds' ELSE '-18000 seconds' END)",
    );
  });

  it('reads offsets of half hours and of UTC itself', () => {
    expect(zoneOffsetSeconds(new Date('2026-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3600);
    expect(zoneOffsetSeconds(new Date('2026-01-01T00:00:00Z'), 'UTC')).toBe(0);
  });
});
