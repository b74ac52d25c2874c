import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type InsightsOverview, InsightsOverviewQuerySchema } from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import { Roles } from '../../common/auth/roles.decorator';
import { InsightsService } from './insights.service';

class InsightsOverviewQueryDto extends createZodDto(InsightsOverviewQuerySchema) {}

@ApiTags('operations')
@ApiBearerAuth()
@Controller('insights')
@Roles('manager')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  @Get('overview')
  overview(@Query() query: InsightsOverviewQueryDto): Promise<InsightsOverview> {
    return this.insights.overview(query);
  }
}
