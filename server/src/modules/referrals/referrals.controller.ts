import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ReferralCard, ReferralSummary } from '@vip-club/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { ReferralCardService } from './referral-card.service';
import { ReferralsService } from './referrals.service';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller()
export class ReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly cards: ReferralCardService,
  ) {}

  @Get('me/referral')
  @Roles('member')
  @ApiOperation({ summary: 'My referral code, who I brought in and what it earned' })
  summary(@CurrentUser() user: AuthUser): Promise<ReferralSummary> {
    return this.referrals.summary(user);
  }

  @Get('me/referral/card')
  @Roles('member')
  @ApiOperation({
    summary: 'My share card',
    description: 'The code and a join link; on WeChat also a mini-program code (base64 PNG) whose scene is the code.',
  })
  card(@CurrentUser() user: AuthUser): Promise<ReferralCard> {
    return this.cards.card(user);
  }
}
