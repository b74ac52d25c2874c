/**
 * The club's wall clock (China Standard Time, no daylight saving): managers plan evenings and clerks
 * read arrival times in it, whatever the phone's own zone.
 */
const CLUB_OFFSET_MS = 8 * 3_600_000;
const CLUB_OFFSET = '+08:00';

/** A date and a time of day as the club's pickers show them: `2026-12-05`, `19:30`. */
export interface ClubDateTime {
  date: string;
  time: string;
}

/** Splits an instant into the club's date and time of day. */
export function toClubDateTime(iso: string | number): ClubDateTime {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  const shifted = new Date(ms + CLUB_OFFSET_MS).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** The ISO instant (with the club's offset) of a club date and time. */
export function fromClubDateTime(value: ClubDateTime): string {
  return `${value.date}T${value.time}:00${CLUB_OFFSET}`;
}

/** `19:02` in the club's time. */
export function clubClock(iso: string): string {
  return toClubDateTime(iso).time;
}

/** `12-05 19:30` in the club's time: short enough for a list row. */
export function clubShortDateTime(iso: string): string {
  const { date, time } = toClubDateTime(iso);
  return `${date.slice(5)} ${time}`;
}

/** Whether two instants fall on the same club day. */
export function isSameClubDay(a: string | number, b: string | number): boolean {
  return toClubDateTime(a).date === toClubDateTime(b).date;
}
