import { isBirthdayToday } from './birthday';
import { birthdayKeysCelebratedOn, birthdayOnFileLongEnough } from './birthday-gifts';

const TZ = 'Asia/Shanghai';

describe('birthdayKeysCelebratedOn', () => {
  it('adds 29 February on 28 February of a common year only', () => {
    expect(birthdayKeysCelebratedOn(new Date('2027-02-28T02:00:00Z'), TZ)).toEqual([228, 229]);
    expect(birthdayKeysCelebratedOn(new Date('2028-02-28T02:00:00Z'), TZ)).toEqual([228]);
    expect(birthdayKeysCelebratedOn(new Date('2028-02-29T02:00:00Z'), TZ)).toEqual([229]);
  });

  it('reckons the day in the club time zone', () => {
    // 17:00 UTC on 9 March is already 10 March in Shanghai.
    expect(birthdayKeysCelebratedOn(new Date('2027-03-09T17:00:00Z'), TZ)).toEqual([310]);
  });

  it('agrees with isBirthdayToday for every birthday over two years', () => {
    for (let t = Date.UTC(2027, 0, 1, 4); t < Date.UTC(2029, 0, 1); t += 86_400_000) {
      const now = new Date(t);
      const keys = birthdayKeysCelebratedOn(now, TZ);
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          if (day > new Date(Date.UTC(2000, month, 0)).getUTCDate()) continue;
          expect(keys.includes(month * 100 + day)).toBe(isBirthdayToday({ month, day }, now, TZ));
        }
      }
    }
  });
});

describe('birthdayOnFileLongEnough', () => {
  const now = new Date('2027-05-31T00:00:00Z');
  it('needs the full guard', () => {
    expect(birthdayOnFileLongEnough(new Date('2027-05-01T00:00:00Z'), now, 30)).toBe(true);
    expect(birthdayOnFileLongEnough(new Date('2027-05-01T00:00:01Z'), now, 30)).toBe(false);
    expect(birthdayOnFileLongEnough(null, now, 0)).toBe(false);
    expect(birthdayOnFileLongEnough(now, now, 0)).toBe(true);
  });
});
