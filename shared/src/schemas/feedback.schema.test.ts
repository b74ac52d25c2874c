import { feedbackPhotoPath } from '../contracts/feedback.contract';
import { FeedbackInputSchema, FeedbackPhotoParamsSchema } from './feedback.schema';

const KEY = '0123456789abcdef0123456789abcdef';
const rate = (photoUrl: string) => FeedbackInputSchema.safeParse({ subject: 'store', rating: 2, photoUrl });

describe('FeedbackInputSchema photoUrl', () => {
  it('takes a photo kept by the club at its own path', () => {
    expect(rate(feedbackPhotoPath('42', KEY)).success).toBe(true);
  });

  it('refuses any address elsewhere, other schemes, and paths that only look like a kept photo', () => {
    for (const url of [
      'https://img.example.com/ring.jpg',
      `https://club.example.com${feedbackPhotoPath('42', KEY)}`,
      'http://img.example.com/ring.jpg',
      `http://127.0.0.1:3000${feedbackPhotoPath('42', KEY)}`,
      'javascript:alert(1)',
      'https://',
      `/api/v1/feedback/photos/42/${KEY.toUpperCase()}`,
      `/api/v1/feedback/photos/42/${KEY}0`,
      `/api/v1/feedback/photos/042/${KEY}`,
      `/api/v1/feedback/photos/42/${KEY}/../../members`,
      `/api/v2/feedback/photos/42/${KEY}`,
    ]) {
      const parsed = rate(url);
      expect({ url, success: parsed.success }).toEqual({ url, success: false });
      expect(parsed.error?.issues[0]?.path).toEqual(['photoUrl']);
    }
  });
});

describe('FeedbackPhotoParamsSchema', () => {
  it('takes an id and a 32-character lowercase hex key, nothing else', () => {
    expect(FeedbackPhotoParamsSchema.safeParse({ id: '7', key: KEY }).success).toBe(true);
    expect(FeedbackPhotoParamsSchema.safeParse({ id: '7', key: 'short' }).success).toBe(false);
    expect(FeedbackPhotoParamsSchema.safeParse({ id: 'x', key: KEY }).success).toBe(false);
  });
});
