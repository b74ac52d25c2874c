import { FollowUpResolutionInputSchema, FollowUpsQuerySchema } from './follow-ups.schema';

describe('FollowUpResolutionInputSchema', () => {
  it('takes a trimmed note of 1 to 500 characters and nothing else', () => {
    expect(FollowUpResolutionInputSchema.parse({ note: ' 已致电致歉 ' })).toEqual({ note: '已致电致歉' });
    for (const body of [
      { note: '' },
      { note: '   ' },
      { note: 'x'.repeat(501) },
      {},
      { note: 'ok', by: '1' },
    ]) {
      expect(FollowUpResolutionInputSchema.safeParse(body).success).toBe(false);
    }
  });
});

describe('FollowUpsQuerySchema', () => {
  it('lists open follow-ups unless asked for resolved ones', () => {
    expect(FollowUpsQuerySchema.parse({})).toEqual({ limit: 20, status: 'open' });
    expect(FollowUpsQuerySchema.parse({ status: 'resolved', limit: '5' })).toEqual({
      limit: 5,
      status: 'resolved',
    });
    expect(FollowUpsQuerySchema.safeParse({ status: 'late' }).success).toBe(false);
  });
});
