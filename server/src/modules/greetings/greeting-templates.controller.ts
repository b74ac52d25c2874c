import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GreetingTemplateInputSchema, type GreetingTemplate, type GreetingTemplates } from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { GreetingsService } from './greetings.service';

class GreetingTemplateDto extends createZodDto(GreetingTemplateInputSchema) {}

@ApiTags('greetings')
@ApiBearerAuth()
@Controller('greeting-templates')
export class GreetingTemplatesController {
  constructor(private readonly greetings: GreetingsService) {}

  @Get()
  @Roles('clerk', 'manager')
  @ApiOperation({ summary: 'Greeting templates', description: 'Newest first (the latest 200).' })
  list(): Promise<GreetingTemplates> {
    return this.greetings.listTemplates();
  }

  @Post()
  @Roles('manager')
  @ApiOperation({
    summary: 'Add a greeting template',
    description:
      'Text with `{name} {tier} {birthday} {lastPurchase}`, filled per member when a clerk sends it ' +
      '(`POST /greetings` with `templateId`); `purpose` (default `marketing`) is the greeting’s unless the clerk sets one.',
  })
  create(@CurrentUser() user: AuthUser, @Body() body: GreetingTemplateDto): Promise<GreetingTemplate> {
    return this.greetings.createTemplate(user, body);
  }
}
