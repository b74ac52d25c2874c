import type { ReferralRefusal } from '../rules/referral';

/**
 * A referral's state: bound at joining, rewarded at the qualifying purchase, or refused; `reversed` once the
 * qualifying purchase was refunded below the qualifying amount (both rewards taken back).
 */
export const REFERRAL_STATUSES = ['bound', 'rewarded', 'refused', 'reversed'] as const;
/** One of {@link REFERRAL_STATUSES}. */
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** One person a member brought in, as the referrer sees them. */
export interface ReferralEntry {
  /** Masked: first character then `**`. */
  name: string;
  joinedAt: string;
  status: ReferralStatus;
  refusalReason: ReferralRefusal | null;
  /** Points the referrer earned from this referral (0 once reversed). */
  pointsEarned: number;
}

/** `GET /me/referral`: the member's code and who they brought in, newest first. */
export interface ReferralSummary {
  code: string;
  /** People bound to this member through the code (refused bindings not counted). */
  invited: number;
  rewarded: number;
  referrals: ReferralEntry[];
}

/** `GET /me/referral/card`: what the share card shows. */
export interface ReferralCard {
  code: string;
  /** The join page with the code, for Alipay and H5 sharing. */
  shareUrl: string;
  /** WeChat only: a PNG mini-program code (base64) whose scene is the referral code. */
  wechatCodeImage?: string;
}
