import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CheckInInputSchema,
  type CheckInResult,
  EventFeedbackInputSchema,
  type EventFeedbackResult,
  type EventRegistrationRow,
  IdempotencyKeySchema,
  IdParamSchema,
  type MyTicket,
  type Paginated,
  PaginationQuerySchema,
  RegisterInputSchema,
  type RegistrationCancelled,
  type RegistrationCreated,
  RegistrationsQuerySchema,
} from '@vip-club/shared';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { parseInput } from '../../common/pipes/parse-input';
import { RegistrationsService } from './registrations.service';

class IdParamDto extends createZodDto(IdParamSchema) {}
class PaginationQueryDto extends createZodDto(PaginationQuerySchema) {}
class RegisterDto extends createZodDto(RegisterInputSchema) {}
class CheckInDto extends createZodDto(CheckInInputSchema) {}
class EventFeedbackDto extends createZodDto(EventFeedbackInputSchema) {}
class RegistrationsQueryDto extends createZodDto(RegistrationsQuerySchema) {}

/** Registering, cancelling, tickets, the door and ratings. */
@ApiTags('events')
@ApiBearerAuth()
@Controller()
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Post('events/:id/registrations')
  @Roles('member')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      '1 to 64 printable characters, new per registration; a retry with it answers the first result',
  })
  @ApiOperation({
    summary: 'Register for an event',
    description:
      'The member and `guests` take `1 + guests` seats: 201 `confirmed` when they fit, else `waitlisted`; the points ' +
      'cost is spent either way (a waitlisted registration gets it back if never seated). The same Idempotency-Key ' +
      'again answers 200 with the first registration; with another event or party, 409 IDEMPOTENCY_CONFLICT. ' +
      '409 NOT_ELIGIBLE · REGISTRATION_CLOSED (details `opensAt` or `closesAt`, or `status: cancelled`) · ' +
      'ALREADY_REGISTERED · POINTS_INSUFFICIENT; more guests than the event allows: 400 naming `guests`.',
  })
  async register(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: RegisterDto,
    @Headers('idempotency-key') idempotencyKey: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegistrationCreated> {
    const key =
      idempotencyKey === undefined
        ? undefined
        : parseInput(IdempotencyKeySchema, idempotencyKey, 'Idempotency-Key');
    const outcome = await this.registrations.register(user, params.id, { guests: body.guests ?? 0 }, key);
    reply.status(outcome.created ? 201 : 200);
    return outcome.body;
  }

  @Delete('events/:id/registrations/me')
  @Roles('member')
  @ApiOperation({
    summary: 'Cancel my registration',
    description:
      'Points come back only while registration is open (`pointsReturned` 0 after it closed). The seats freed go to ' +
      'the first waitlisted registrations that fit, who are told. 404 when there is no live registration; ' +
      '409 CONFLICT once checked in.',
  })
  cancel(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<RegistrationCancelled> {
    return this.registrations.cancelMine(user, params.id);
  }

  @Get('me/registrations')
  @Roles('member')
  @ApiOperation({
    summary: 'My tickets',
    description:
      'Live registrations of events still to come first, soonest first; then past and cancelled ones.',
  })
  mine(@CurrentUser() user: AuthUser, @Query() query: PaginationQueryDto): Promise<Paginated<MyTicket>> {
    return this.registrations.listMine(user, query);
  }

  @Post('events/:id/check-ins')
  @Roles('clerk', 'manager')
  @ApiOperation({
    summary: 'Check a guest in by ticket',
    description:
      'From 3 hours before the start until the end (else 409 CONFLICT). Twice: 409 ALREADY_CHECKED_IN with ' +
      '`checkedInAt` and the member; a waitlisted or cancelled ticket: 409 TICKET_NOT_CONFIRMED; unknown or another ' +
      "event's ticket: 404. A clerk checks in only at their store's events or store-less ones (else 403).",
  })
  checkIn(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: CheckInDto,
  ): Promise<CheckInResult> {
    return this.registrations.checkIn(user, params.id, body.ticketCode);
  }

  @Get('events/:id/registrations')
  @Roles('manager')
  @ApiOperation({
    summary: "An event's registrations",
    description:
      'In arrival order (`?status=` confirmed, waitlisted, cancelled or checked_in); waitlisted rows carry `waitlistPosition`.',
  })
  list(
    @Param() params: IdParamDto,
    @Query() query: RegistrationsQueryDto,
  ): Promise<Paginated<EventRegistrationRow>> {
    return this.registrations.listForEvent(params.id, query);
  }

  @Post('events/:id/feedback')
  @Roles('member')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Rate an event I attended',
    description:
      '1–5 and a comment, once (again: 409 ALREADY_RATED), after the start by a member who was checked in (else 409 ' +
      'NOT_ATTENDED). A rating of 3 or less opens a follow-up for the hosting store (or the member’s own).',
  })
  feedback(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: EventFeedbackDto,
  ): Promise<EventFeedbackResult> {
    return this.registrations.feedback(user, params.id, { rating: body.rating, comment: body.comment ?? '' });
  }
}
