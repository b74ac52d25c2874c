import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Worklist } from '@vip-club/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { WorklistService } from './worklist.service';

@ApiTags('greetings')
@ApiBearerAuth()
@Controller()
export class WorklistController {
  constructor(private readonly worklist: WorklistService) {}

  @Get('staff/worklist')
  @Roles('clerk')
  @ApiOperation({
    summary: 'My members to reach today',
    description:
      "The clerk's own members with at least one reason: `birthday` (within 7 days, club time; 29 February kept " +
      'on 28 February in other years), `anniversary` (of joining, today), `welcome` (joined in the last 7 days, ' +
      'not yet contacted), `cleaning` (a purchase 180–186 days ago: a free cleaning and check is due), `dormant` ' +
      '(no purchase and no contact in 90 days), `follow_up` (an open follow-up). Highest spend over the last 12 ' +
      'months first.',
  })
  get(@CurrentUser() user: AuthUser): Promise<Worklist> {
    return this.worklist.forClerk(user);
  }
}
