import { CreateEventInputSchema, RegisterInputSchema, TicketCodeSchema } from './events.schema';

const valid = {
  title: '母亲节感恩晚宴',
  kind: 'banquet',
  description: '与妈妈共度一个温暖的夜晚',
  venue: '上海半岛酒店 宴会厅',
  startsAt: '2026-05-10T18:00:00+08:00',
  endsAt: '2026-05-10T21:00:00+08:00',
  capacity: 120,
  pointsCost: 0,
  guestsAllowed: 1,
  eligibility: { genders: ['female'], ageBands: ['30_34', '35_39'] },
  registration: {
    priorityTiers: ['gold', 'diamond'],
    priorityOpensAt: '2026-04-20T10:00:00+08:00',
    opensAt: '2026-04-22T10:00:00+08:00',
    closesAt: '2026-05-08T22:00:00+08:00',
  },
};

const pathsOf = (input: unknown) => {
  const result = CreateEventInputSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('CreateEventInputSchema', () => {
  it('accepts a whole event', () => {
    expect(CreateEventInputSchema.parse(valid).title).toBe('母亲节感恩晚宴');
  });

  it.each([
    ['ends before it starts', { endsAt: '2026-05-10T17:00:00+08:00' }, 'endsAt'],
    [
      'registration closes after the start',
      { registration: { ...valid.registration, closesAt: '2026-05-10T19:00:00+08:00' } },
      'registration.closesAt',
    ],
    [
      'priority without tiers',
      {
        registration: {
          opensAt: valid.registration.opensAt,
          closesAt: valid.registration.closesAt,
          priorityOpensAt: '2026-04-20T10:00:00+08:00',
        },
      },
      'registration.priorityOpensAt',
    ],
    [
      'priority after the general opening',
      { registration: { ...valid.registration, priorityOpensAt: '2026-04-23T10:00:00+08:00' } },
      'registration.priorityOpensAt',
    ],
    ['four guests', { guestsAllowed: 4 }, 'guestsAllowed'],
    ['zero capacity', { capacity: 0 }, 'capacity'],
    ['negative points cost', { pointsCost: -1 }, 'pointsCost'],
    ['a tier named twice', { eligibility: { tiers: ['gold', 'gold'] } }, 'eligibility.tiers'],
    ['an unknown age band', { eligibility: { ageBands: ['teen'] } }, 'eligibility.ageBands.0'],
    ['an unknown eligibility field', { eligibility: { city: 'Shanghai' } }, 'eligibility'],
  ])('refuses an event whose %s', (_name, change, path) => {
    expect(pathsOf({ ...valid, ...change })).toContain(path);
  });
});

describe('RegisterInputSchema and TicketCodeSchema', () => {
  it('defaults to no guests and forgives the case of a typed ticket', () => {
    expect(RegisterInputSchema.parse({})).toEqual({ guests: 0 });
    expect(TicketCodeSchema.parse(' abcdefghjk ')).toBe('ABCDEFGHJK');
    expect(TicketCodeSchema.safeParse('ABCDEFGHJ0').success).toBe(false);
  });
});
