import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type ClubEvent,
  type EventForMember,
  EventsQuerySchema,
  IdParamSchema,
  type Paginated,
} from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { EventsService } from './events.service';

class IdParamDto extends createZodDto(IdParamSchema) {}
class EventsQueryDto extends createZodDto(EventsQuerySchema) {}

/** Events as members browse them; the same paths answer staff with the manager's view. */
@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @Roles('member', 'clerk', 'manager')
  @ApiOperation({
    summary: 'Events: members see published ones they are invited to; staff see ClubEvent',
    description:
      'Members: published events they are eligible for (or registered to) that have not ended, soonest first, ' +
      'with seatsLeft, state and their registration. Managers: every status (`?status=`), latest start first; ' +
      'clerks: published events only.',
  })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: EventsQueryDto,
  ): Promise<Paginated<EventForMember> | Paginated<ClubEvent>> {
    return user.role === 'member'
      ? this.events.listForMember(user, query)
      : this.events.listForStaff(user, query);
  }

  @Get(':id')
  @Roles('member', 'clerk', 'manager')
  @ApiOperation({
    summary: 'One event (EventForMember for members, ClubEvent for staff)',
    description: '404 for a member who is neither invited nor registered, and for drafts.',
  })
  one(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<EventForMember | ClubEvent> {
    return user.role === 'member'
      ? this.events.oneForMember(user, params.id)
      : this.events.oneForStaff(user, params.id);
  }
}
