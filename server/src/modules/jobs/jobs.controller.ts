import { Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { JobList } from '@vip-club/shared';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Roles } from '../../common/auth/roles.decorator';
import { createZodDto } from 'nestjs-zod';
import { JobsRegistry } from './jobs.registry';

class JobNameParamDto extends createZodDto(
  z.strictObject({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a job name such as points-expiry'),
  }),
) {}

/** The club's scheduled jobs, listed and run now by a manager. */
@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(private readonly registry: JobsRegistry) {}

  @Get()
  @Roles('manager')
  @ApiOperation({
    summary: 'List the jobs',
    description:
      'Every registered job with what it does and when it runs on its own (null: only when run here).',
  })
  list(): JobList {
    return { items: this.registry.list() };
  }

  @Post(':name/runs')
  @Roles('manager')
  @ApiOperation({
    summary: 'Run a scheduled job now',
    description:
      '`points-expiry` (daily: expires earnings past their date, warns a month ahead) and `tier-review` (yearly) run ' +
      'once per period: the first run is 201, a second the same day (year) is 200 with the first run and changes ' +
      'nothing. `redemptions-expiry` returns what was never picked up (200; running it again returns nothing twice). ' +
      '`feedback-photos` deletes the photos a day old that no rating uses (200; again: nothing more). ' +
      'An unknown job is 404 NOT_FOUND.',
  })
  async run(@Param() params: JobNameParamDto, @Res() reply: FastifyReply): Promise<void> {
    const outcome = await this.registry.run(params.name);
    // Set here rather than by @HttpCode: a repeat of a period's run is 200, a new run 201.
    await reply.code(outcome.created ? 201 : 200).send(outcome.result);
  }
}
