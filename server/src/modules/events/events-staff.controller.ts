import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AudienceCount,
  AudienceCountInputSchema,
  CancelEventInputSchema,
  type ClubEvent,
  CreateEventInputSchema,
  type EventSummary,
  IdParamSchema,
  UpdateEventInputSchema,
} from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { EventsService } from './events.service';

class IdParamDto extends createZodDto(IdParamSchema) {}
class CreateEventDto extends createZodDto(CreateEventInputSchema) {}
class UpdateEventDto extends createZodDto(UpdateEventInputSchema) {}
class CancelEventDto extends createZodDto(CancelEventInputSchema) {}
class AudienceCountDto extends createZodDto(AudienceCountInputSchema) {}

/** The manager's event editor: create, edit, publish, cancel, and who would be invited. */
@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsStaffController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @Roles('manager')
  @ApiOperation({ summary: 'Create an event (draft)', description: 'Unknown store: 400 naming the field.' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateEventDto): Promise<ClubEvent> {
    return this.events.create(user, body);
  }

  @Post('audience-count')
  @Roles('manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'How many members an eligibility invites now (the editor’s live count)' })
  audienceCount(@Body() body: AudienceCountDto): Promise<AudienceCount> {
    return this.events.audienceCount(body.eligibility);
  }

  @Patch(':id')
  @Roles('manager')
  @ApiOperation({
    summary: 'Edit an event',
    description:
      'Cancelled: 409 CONFLICT. Published: a changed eligibility is 409 CONFLICT, a capacity below the ' +
      'confirmed seats 409 CONFLICT, a capacity raise confirms waitlisted registrations that now fit. ' +
      'Times given by halves are checked against the stored other half (400).',
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: UpdateEventDto,
  ): Promise<ClubEvent> {
    return this.events.update(user, params.id, body);
  }

  @Post(':id/publication')
  @Roles('manager')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish a draft',
    description: 'Invitations are queued in the background. Not a draft: 409 CONFLICT.',
  })
  publish(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<ClubEvent> {
    return this.events.publish(user, params.id);
  }

  @Post(':id/cancellation')
  @Roles('manager')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel an event',
    description: 'Every live registration is cancelled, its points returned in full, each member told.',
  })
  cancel(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: CancelEventDto,
  ): Promise<ClubEvent> {
    return this.events.cancel(user, params.id, body.reason);
  }

  @Get(':id/audience')
  @Roles('manager')
  @ApiOperation({ summary: 'How many members the event invites now' })
  audience(@Param() params: IdParamDto): Promise<AudienceCount> {
    return this.events.audienceOf(params.id);
  }

  @Get(':id/summary')
  @Roles('manager')
  @ApiOperation({
    summary: 'Registrations, attendance, ratings and the clerks’ invitations of an event',
    description: 'attendanceRate is null before any confirmation, noShows null until the event has ended.',
  })
  summary(@Param() params: IdParamDto): Promise<EventSummary> {
    return this.events.summary(params.id);
  }
}
