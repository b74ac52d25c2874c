import { Injectable } from '@nestjs/common';
import { BIRTHDAY_GIFT_DEFAULT_GUARD_DAYS, type BirthdayGiftSettings, TIERS } from '@vip-club/shared';
import { validationError } from '../../common/pipes/zod-validation.pipe';
import { BirthdayGiftsRepository } from './birthday-gifts.repository';

/** Until a manager saves gifts, no tier has one and the guard is the default. */
const DEFAULT_SETTINGS: BirthdayGiftSettings = {
  gifts: { friend: null, silver: null, gold: null, diamond: null },
  guardDays: BIRTHDAY_GIFT_DEFAULT_GUARD_DAYS,
};

/** The managers' birthday gift per tier (`GET/PUT /birthday-gifts`). */
@Injectable()
export class BirthdayGiftsService {
  constructor(private readonly repository: BirthdayGiftsRepository) {}

  async get(): Promise<BirthdayGiftSettings> {
    const row = await this.repository.settings();
    if (!row) return DEFAULT_SETTINGS;
    return { gifts: { ...DEFAULT_SETTINGS.gifts, ...row.gifts }, guardDays: row.guardDays };
  }

  /** A reward gift must name an existing voucher-kind reward (a physical gift is not sent by a job). */
  async put(input: BirthdayGiftSettings, now = new Date()): Promise<BirthdayGiftSettings> {
    const rewardIds = TIERS.flatMap((tier) => {
      const gift = input.gifts[tier];
      return gift?.kind === 'reward' ? [gift.rewardId] : [];
    });
    const kinds = await this.repository.rewardKinds([...new Set(rewardIds)]);
    const bad = TIERS.flatMap((tier) => {
      const gift = input.gifts[tier];
      if (gift?.kind !== 'reward') return [];
      const kind = kinds.get(gift.rewardId);
      if (kind === 'voucher') return [];
      return [
        {
          path: `gifts.${tier}.rewardId`,
          message: kind === undefined ? 'no such reward' : 'must be a voucher-kind reward',
        },
      ];
    });
    if (bad.length > 0) throw validationError(bad);
    await this.repository.saveSettings(input, now);
    return this.get();
  }
}
