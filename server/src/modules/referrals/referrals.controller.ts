import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ReferralSummary } from '@vip-club/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { ReferralsService } from './referrals.service';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller()
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Get('me/referral')
  @Roles('member')
  @ApiOperation({ summary: 'My referral code, who I brought in and what it earned' })
  summary(@CurrentUser() user: AuthUser): Promise<ReferralSummary> {
    return this.referrals.summary(user);
  }
}
