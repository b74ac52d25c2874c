import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Feedback, FeedbackInputSchema } from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { FeedbackService } from './feedback.service';

class FeedbackInputDto extends createZodDto(FeedbackInputSchema) {}

@ApiTags('feedback')
@ApiBearerAuth()
@Controller('feedback')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Post()
  @Roles('member')
  @ApiOperation({
    summary: 'Rate a purchase, an event, a store or anything',
    description:
      "`refId` names the member's own purchase, an event they attended (else 409 NOT_ATTENDED) or a store (absent: 404 NOT_FOUND). A rating of 3 or less opens a follow-up for the store concerned, due in its opening hours.",
  })
  give(@CurrentUser() user: AuthUser, @Body() body: FeedbackInputDto): Promise<Feedback> {
    return this.feedback.give(user.sub, body);
  }
}
