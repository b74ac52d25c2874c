import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GreetingInputSchema,
  type GreetingResult,
  IdempotencyKeySchema,
  IdParamSchema,
  type MemberContacts,
} from '@vip-club/shared';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { parseInput } from '../../common/pipes/parse-input';
import { GreetingsService } from './greetings.service';

class GreetingDto extends createZodDto(GreetingInputSchema) {}
class IdParamDto extends createZodDto(IdParamSchema) {}

@ApiTags('greetings')
@ApiBearerAuth()
@Controller()
export class GreetingsController {
  constructor(private readonly greetings: GreetingsService) {}

  @Post('greetings')
  @Roles('clerk')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: '1 to 64 printable characters, new per greeting',
  })
  @ApiOperation({
    summary: 'Send a member a personal greeting',
    description:
      '`{name} {tier} {birthday} {lastPurchase}` in the text are filled from the member. The inbox always takes it; ' +
      'WeChat/Alipay only with marketing consent and the accepted `greeting` template, SMS only with consent ' +
      '(`purpose: service` needs none): otherwise that channel is `skipped` with the reason. A marketing greeting ' +
      'to a member who had one from the club in the last 3 days: 409 CONTACT_CAP_REACHED (details `nextAllowedAt`). ' +
      'A clerk greets their own or their store’s members (else 403). The same Idempotency-Key again answers 200 ' +
      'with the first greeting; for another greeting, 409 IDEMPOTENCY_CONFLICT.',
  })
  async send(
    @CurrentUser() user: AuthUser,
    @Body() body: GreetingDto,
    @Headers('idempotency-key') idempotencyKey: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GreetingResult> {
    const key = parseInput(IdempotencyKeySchema, idempotencyKey, 'Idempotency-Key');
    const outcome = await this.greetings.send(user, body, key);
    reply.status(outcome.created ? 201 : 200);
    return outcome.body;
  }

  @Get('members/:id/contacts')
  @Roles('clerk', 'manager')
  @ApiOperation({
    summary: "A member's contact history",
    description:
      'Newest first (the latest 100), with each channel’s delivery result; it stays with the member whoever their ' +
      "clerk is. Clerks of the member's store and managers.",
  })
  history(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<MemberContacts> {
    return this.greetings.history(user, params.id);
  }
}
