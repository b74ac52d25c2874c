import {
  clubDateTime,
  invitationMessage,
  personalInvitationMessage,
  reminderMessage,
} from './invitations.messages';

const event = {
  id: '7',
  title: '母亲节感恩晚宴 · 上海旗舰店三楼宴会厅特别专场',
  venue: '上海旗舰店',
  // 2026-05-10 18:30 in Shanghai.
  startsAt: new Date('2026-05-10T10:30:00Z'),
};

describe('event messages', () => {
  it('writes times on the club’s wall clock', () => {
    expect(clubDateTime(event.startsAt, 'Asia/Shanghai')).toBe('5月10日 18:30');
    expect(clubDateTime(new Date('2026-05-09T16:05:00Z'), 'Asia/Shanghai')).toBe('5月10日 00:05');
    expect(clubDateTime(event.startsAt, 'Europe/London')).toBe('5月10日 11:30');
  });

  it('names each invitation by event and member, so a page queued twice sends it once', () => {
    const message = invitationMessage(event, '42', 'Asia/Shanghai');
    expect(message).toMatchObject({
      memberId: '42',
      topic: 'event_invitation',
      ref: 'event-invite:7:42',
      title: '诚邀您出席',
      data: { eventId: '7' },
    });
    expect(message.body).toBe(`「${event.title}」将于5月10日 18:30在上海旗舰店举行，诚邀您光临。`);
    // WeChat `thing` fields hold 20 characters at most.
    expect(message.platform?.fields.thing1).toHaveLength(20);
    expect(message.platform?.fields.thing1.endsWith('…')).toBe(true);
    expect(message.platform?.fields.time2).toBe('5月10日 18:30');
    expect(message.platform?.page).toBe('pages/events/index?id=7');
  });

  it('puts the clerk’s name and note in a personal invitation, one per clerk', () => {
    const message = personalInvitationMessage(
      event,
      '42',
      { id: '3', name: '王店员' },
      '给您留了位置',
      'Asia/Shanghai',
    );
    expect(message.ref).toBe('event-personal-invite:7:42:3');
    expect(message.title).toBe('王店员诚邀您出席');
    expect(message.body.startsWith('“给您留了位置”')).toBe(true);
    expect(
      personalInvitationMessage(event, '42', { id: '3', name: '王店员' }, null, 'Asia/Shanghai').body,
    ).not.toContain('“');
  });

  it('reminds once per registration', () => {
    const message = reminderMessage(event, { id: '99', memberId: '42' }, 'Asia/Shanghai');
    expect(message).toMatchObject({ ref: 'event-reminder:99', topic: 'event_reminder', memberId: '42' });
    expect(message.platform?.template).toBe('event_reminder');
  });
});
