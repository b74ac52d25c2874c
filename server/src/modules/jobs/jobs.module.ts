import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller';
import { JobsRegistry } from './jobs.registry';
import { JobsScheduler } from './jobs.scheduler';

/**
 * One jobs mechanism: feature modules import this module and register their jobs with `JobsRegistry`
 * on init; the one route `POST /jobs/{name}/runs` and the one scheduler run them.
 */
@Module({
  controllers: [JobsController],
  providers: [JobsRegistry, JobsScheduler],
  exports: [JobsRegistry],
})
export class JobsModule {}
