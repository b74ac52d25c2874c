/**
 * The club-calendar day of a stored instant, as SQL both drivers run. Neither database knows the
 * club's time zone (MariaDB's zone tables are not loaded, SQLite has none), so the zone's offset is
 * worked out here for the period queried and written into the statement: one constant for a zone
 * without daylight saving (Asia/Shanghai, Hong Kong), a CASE over the few changes otherwise.
 */

/** From `until` (exclusive; null for the last) back to the previous one, the zone is `offsetSeconds` ahead of UTC. */
export interface OffsetSegment {
  until: Date | null;
  offsetSeconds: number;
}

const HOUR_MS = 60 * 60 * 1000;
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** How many seconds the wall clock of `timeZone` is ahead of UTC at `at`. */
export function zoneOffsetSeconds(at: Date, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(name);
  if (!match) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0);
  return match[1] === '-' ? -seconds : seconds;
}

/**
 * The zone's offsets from `from` to `to`, each change found to the second. Zones change their offset
 * at most a few times a year and never twice within a few hours, so probing every 6 hours misses none.
 */
export function offsetSegments(from: Date, to: Date, timeZone: string): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let current = zoneOffsetSeconds(from, timeZone);
  // Whole seconds, so the change found is the exact instant (zones change on a whole second).
  for (let t = Math.floor(from.getTime() / 1000) * 1000; t < to.getTime();) {
    const next = Math.min(t + 6 * HOUR_MS, Math.ceil(to.getTime() / 1000) * 1000);
    const offset = zoneOffsetSeconds(new Date(next), timeZone);
    if (offset !== current) {
      let lo = t;
      let hi = next;
      while (hi - lo > 1000) {
        const mid = lo + Math.max(1000, Math.floor((hi - lo) / 2000) * 1000);
        if (zoneOffsetSeconds(new Date(mid), timeZone) === current) lo = mid;
        else hi = mid;
      }
      segments.push({ until: new Date(hi), offsetSeconds: current });
      current = offset;
    }
    t = next;
  }
  segments.push({ until: null, offsetSeconds: current });
  return segments;
}

/** A stored UTC instant as the literal both drivers compare DATETIME(3) values with. */
export function sqlInstant(at: Date): string {
  return `'${at.toISOString().slice(0, 23).replace('T', ' ')}'`;
}

/** SQL for the club-calendar date of `column` (a DATETIME(3) in UTC), on `driver`'s dialect. */
export function clubDaySql(column: string, segments: OffsetSegment[], driver: 'mysql' | 'sqlite'): string {
  const literal = (seconds: number) =>
    driver === 'sqlite' ? `'${seconds >= 0 ? '+' : ''}${seconds} seconds'` : String(seconds);
  const last = segments[segments.length - 1]!;
  const offset =
    segments.length === 1
      ? literal(last.offsetSeconds)
      : `CASE ${segments
          .slice(0, -1)
          .map((s) => `WHEN ${column} < ${sqlInstant(s.until!)} THEN ${literal(s.offsetSeconds)}`)
          .join(' ')} ELSE ${literal(last.offsetSeconds)} END`;
  return driver === 'sqlite'
    ? `date(${column}, ${offset})`
    : `DATE(DATE_ADD(${column}, INTERVAL ${offset} SECOND))`;
}
