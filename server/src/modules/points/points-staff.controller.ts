import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  type ApiKeyCreated,
  type AuditLogEntry,
  AuditLogQuerySchema,
  CreateApiKeyInputSchema,
  IdParamSchema,
  type LedgerEntry,
  PointsAdjustmentInputSchema,
  type RuleSet,
  RulesDocumentSchema,
  type Paginated,
  type PurchaseDetail,
  PurchaseLookupQuerySchema,
  RecordPurchaseInputSchema,
  RefundInputSchema,
} from '@vip-club/shared';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { AllowApiKey } from '../../common/auth/allow-api-key.decorator';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { type ApiKeyCaller, requestActor, staffActor } from './actor';
import { AdjustmentsService } from './adjustments.service';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysService } from './api-keys.service';
import { AuditService } from './audit.service';
import { ClubRulesService } from './club-rules.service';
import { PurchasesService } from './purchases.service';
import { RefundsService } from './refunds.service';

class IdParamDto extends createZodDto(IdParamSchema) {}
class RecordPurchaseDto extends createZodDto(RecordPurchaseInputSchema) {}
class CreateApiKeyDto extends createZodDto(CreateApiKeyInputSchema) {}
class PurchaseLookupQueryDto extends createZodDto(PurchaseLookupQuerySchema) {}
class RefundDto extends createZodDto(RefundInputSchema) {}
class AdjustmentDto extends createZodDto(PointsAdjustmentInputSchema) {}
class RulesDocumentDto extends createZodDto(RulesDocumentSchema) {}
class AuditLogQueryDto extends createZodDto(AuditLogQuerySchema) {}

/** Points as the stores and managers work them: purchases, refunds, keys, adjustments, rules. */
@ApiTags('points and purchases')
@ApiBearerAuth()
@Controller()
export class PointsStaffController {
  constructor(
    private readonly purchases: PurchasesService,
    private readonly refunds: RefundsService,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
    private readonly adjustments: AdjustmentsService,
    private readonly rules: ClubRulesService,
  ) {}

  @Post('purchases')
  @Roles('clerk', 'manager')
  @AllowApiKey()
  @UseGuards(ApiKeyGuard)
  @ApiSecurity('api-key')
  @ApiHeader({
    name: 'X-Api-Key',
    required: false,
    description: "A store till's POS key instead of a bearer token",
  })
  @ApiOperation({
    summary: 'Record a purchase',
    description:
      'By a clerk of the store, a manager, or the store till with its POS key. 201 with the points earned; the same ' +
      'storeId+orderNo again is 200 with the first answer. A clerk or key of another store is 403 FORBIDDEN, an unknown ' +
      'store 404, an expired card code 410 CARD_CODE_EXPIRED.',
  })
  async record(
    @Req() request: { user?: AuthUser; apiKey?: ApiKeyCaller },
    @Body() body: RecordPurchaseDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const outcome = await this.purchases.record(requestActor(request), body);
    // Set here rather than by @HttpCode: a replay is 200, a new purchase 201.
    await reply.code(outcome.created ? 201 : 200).send(outcome.result);
  }

  @Get('purchases/lookup')
  @Roles('clerk', 'manager')
  @ApiOperation({
    summary: "Find a purchase by its store and the till's order number",
    description: 'For refunds.',
  })
  lookupPurchase(
    @CurrentUser() user: AuthUser,
    @Query() query: PurchaseLookupQueryDto,
  ): Promise<PurchaseDetail> {
    return this.purchases.lookup(staffActor(user), query);
  }

  @Get('purchases/:id')
  @Roles('clerk', 'manager')
  @ApiOperation({
    summary: 'A purchase with its refunds so far',
    description: 'A clerk of another store gets 403.',
  })
  purchaseDetail(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<PurchaseDetail> {
    return this.purchases.detail(staffActor(user), params.id);
  }

  @Post('purchases/:id/refunds')
  @Roles('clerk', 'manager')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key gets the first answer (200)',
  })
  @ApiOperation({
    summary: 'Refund part or all of a purchase',
    description:
      "By a clerk of the purchase's store or a manager. Reverses the points the refunded share earned (cumulatively exact, " +
      'even below zero); more than is left to refund is 409 REFUND_EXCEEDS_PURCHASE.',
  })
  async refund(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: RefundDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const outcome = await this.refunds.refund(staffActor(user), params.id, body, idempotencyKey);
    await reply.code(outcome.created ? 201 : 200).send(outcome.result);
  }

  @Post('members/:id/points/adjustments')
  @Roles('manager')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key gets the first entry',
  })
  @ApiOperation({
    summary: "Adjust a member's points",
    description:
      'A manual correction with a mandatory reason, kept in the audit log; it applies even below zero.',
  })
  adjust(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: AdjustmentDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<LedgerEntry> {
    return this.adjustments.adjust(user, params.id, body, idempotencyKey);
  }

  @Get('rules')
  @Roles('manager')
  @ApiOperation({ summary: 'The club rules in force' })
  currentRules(): Promise<RuleSet> {
    return this.rules.current();
  }

  @Put('rules')
  @Roles('manager')
  @ApiOperation({
    summary: 'Change the club rules',
    description:
      'Saved as a new rule set; purchases from then on earn under it, and each earning records its rule set.',
  })
  updateRules(@CurrentUser() user: AuthUser, @Body() body: RulesDocumentDto): Promise<RuleSet> {
    return this.rules.update(user, body);
  }

  @Post('stores/:id/api-keys')
  @Roles('manager')
  @ApiOperation({
    summary: "Issue a POS key for a store's till",
    description: 'The key is in this answer only.',
  })
  issueKey(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: CreateApiKeyDto,
  ): Promise<ApiKeyCreated> {
    return this.apiKeys.issue(user, params.id, body);
  }

  @Delete('api-keys/:id')
  @Roles('manager')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke a POS key',
    description: 'It stops working at once; revoking twice is harmless.',
  })
  revokeKey(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<void> {
    return this.apiKeys.revoke(user, params.id);
  }

  @Get('audit-log')
  @Roles('manager')
  @ApiOperation({
    summary: 'The audit log, newest first',
    description:
      'Every staff action that changed points, stock or rules; filter by `entity` or `actor` (`staff:<id>`).',
  })
  auditLog(@Query() query: AuditLogQueryDto): Promise<Paginated<AuditLogEntry>> {
    return this.audit.list(query);
  }
}
