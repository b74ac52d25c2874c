import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, type ReferralCard } from '@vip-club/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { PlatformError } from '../../platforms/platform-error';
import { WechatClient } from '../../platforms/wechat/wechat.client';
import { IdentitiesService } from '../auth/identities.service';
import { MembersService } from '../members/members.service';

/** The mini-program page a referral code opens; the join form reads the code from it. */
export const REFERRAL_JOIN_PAGE = 'pages/join/index';

/** The H5 join page with the code (hash routing), relative to wherever the club's H5 app is served. */
export function referralShareUrl(code: string): string {
  return `/#/${REFERRAL_JOIN_PAGE}?referralCode=${encodeURIComponent(code)}`;
}

@Injectable()
export class ReferralCardService {
  private readonly logger = new Logger('Referrals');

  constructor(
    private readonly members: MembersService,
    private readonly identities: IdentitiesService,
    private readonly wechat: WechatClient,
  ) {}

  /**
   * The share card. A WeChat member also gets the mini-program code whose scene is their referral
   * code; when WeChat does not answer, the card still carries the link rather than failing.
   */
  async card(user: AuthUser): Promise<ReferralCard> {
    const member = await this.members.getOwn(user.sub);
    if (!member) throw new DomainError(ErrorCode.NOT_FOUND, 'No such member');
    const card: ReferralCard = { code: member.referralCode, shareUrl: referralShareUrl(member.referralCode) };
    const identity = await this.identities.require(user.identityId);
    if (identity.platform !== 'wechat') return card;
    try {
      const image = await this.wechat.getUnlimitedQrCode({ scene: member.referralCode, page: REFERRAL_JOIN_PAGE });
      return { ...card, wechatCodeImage: image.toString('base64') };
    } catch (err) {
      if (!(err instanceof PlatformError)) throw err;
      this.logger.warn({ platformCode: err.code }, 'WeChat gave no mini-program code for a referral card');
      return card;
    }
  }
}
