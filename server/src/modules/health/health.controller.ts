import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@vip-club/shared';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/public.decorator';
import { HealthService } from './health.service';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOkResponse({ description: '`{status: "ok", db: "ok"}`' })
  @ApiServiceUnavailableResponse({
    description: '`{status: "degraded", db: "down"}`: the database does not answer',
  })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const dbUp = await this.health.isDatabaseUp();
    void reply.status(dbUp ? 200 : 503).header('cache-control', 'no-store');
    return dbUp ? { status: 'ok', db: 'ok' } : { status: 'degraded', db: 'down' };
  }
}
