import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type MemberSubscriptions, SubscriptionResultsInputSchema } from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { SubscriptionsService } from './subscriptions.service';

class SubscriptionResultsDto extends createZodDto(SubscriptionResultsInputSchema) {}

@ApiTags('messages')
@ApiBearerAuth()
@Controller()
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post('me/subscriptions')
  @HttpCode(200)
  @Roles('member')
  @ApiOperation({
    summary: 'Record what the subscribe dialog answered',
    description:
      'One entry per template the WeChat/Alipay subscribe dialog asked about, on the platform the member is logged in through. Platform messages go only to members who accepted the template and consented to marketing.',
  })
  record(@CurrentUser() user: AuthUser, @Body() body: SubscriptionResultsDto): Promise<MemberSubscriptions> {
    return this.subscriptions.record(user, body);
  }
}
