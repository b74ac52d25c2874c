import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  type ApiKeyCreated,
  type AuditLogEntry,
  AuditLogQuerySchema,
  CreateApiKeyInputSchema,
  IdParamSchema,
  type Paginated,
  RecordPurchaseInputSchema,
} from '@vip-club/shared';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { AllowApiKey } from '../../common/auth/allow-api-key.decorator';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { type ApiKeyCaller, requestActor } from './actor';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysService } from './api-keys.service';
import { AuditService } from './audit.service';
import { PurchasesService } from './purchases.service';

class IdParamDto extends createZodDto(IdParamSchema) {}
class RecordPurchaseDto extends createZodDto(RecordPurchaseInputSchema) {}
class CreateApiKeyDto extends createZodDto(CreateApiKeyInputSchema) {}
class AuditLogQueryDto extends createZodDto(AuditLogQuerySchema) {}

/** Points as the stores and managers work them: purchases, refunds, keys, adjustments, rules, jobs. */
@ApiTags('points and purchases')
@ApiBearerAuth()
@Controller()
export class PointsStaffController {
  constructor(
    private readonly purchases: PurchasesService,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
  ) {}

  @Post('purchases')
  @Roles('clerk', 'manager')
  @AllowApiKey()
  @UseGuards(ApiKeyGuard)
  @ApiSecurity('api-key')
  @ApiHeader({ name: 'X-Api-Key', required: false, description: "A store till's POS key instead of a bearer token" })
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

  @Post('stores/:id/api-keys')
  @Roles('manager')
  @ApiOperation({ summary: "Issue a POS key for a store's till", description: 'The key is in this answer only.' })
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
  @ApiOperation({ summary: 'Revoke a POS key', description: 'It stops working at once; revoking twice is harmless.' })
  revokeKey(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<void> {
    return this.apiKeys.revoke(user, params.id);
  }

  @Get('audit-log')
  @Roles('manager')
  @ApiOperation({
    summary: 'The audit log, newest first',
    description: 'Every staff action that changed points, stock or rules; filter by `entity` or `actor` (`staff:<id>`).',
  })
  auditLog(@Query() query: AuditLogQueryDto): Promise<Paginated<AuditLogEntry>> {
    return this.audit.list(query);
  }
}
