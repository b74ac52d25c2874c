import { Module } from '@nestjs/common';
import { StoresModule } from '../stores/stores.module';
import { InsightsController } from './insights.controller';
import { InsightsRepository } from './insights.repository';
import { InsightsService } from './insights.service';

/** The managers' club overview (`GET /insights/overview`). */
@Module({
  imports: [StoresModule],
  controllers: [InsightsController],
  providers: [InsightsService, InsightsRepository],
})
export class InsightsModule {}
