import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Feedback,
  FeedbackInputSchema,
  type FeedbackPhoto,
  FeedbackPhotoParamsSchema,
} from '@vip-club/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Public } from '../../common/auth/public.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { ReadsMultipart } from '../../common/http/multipart';
import { PhotoUploadRateLimit } from '../../common/rate-limit/photo-upload-rate-limit';
import { FeedbackPhotosService, PHOTO_FIELD } from './feedback-photos.service';
import { FeedbackService } from './feedback.service';

class FeedbackInputDto extends createZodDto(FeedbackInputSchema) {}
class FeedbackPhotoParamsDto extends createZodDto(FeedbackPhotoParamsSchema) {}

@ApiTags('feedback')
@ApiBearerAuth()
@Controller('feedback')
export class FeedbackController {
  constructor(
    private readonly feedback: FeedbackService,
    private readonly photos: FeedbackPhotosService,
  ) {}

  @Post()
  @Roles('member')
  @ApiOperation({
    summary: 'Rate a purchase, an event, a store or anything',
    description:
      "`refId` names the member's own purchase, an event they attended (else 409 NOT_ATTENDED) or a store (absent: 404 NOT_FOUND). A rating of 3 or less opens a follow-up for the store concerned, due in its opening hours. `photoUrl`: the `photoUrl` `POST /feedback/photos` answered this member (another's: 404 NOT_FOUND; any other address: 400).",
  })
  give(@CurrentUser() user: AuthUser, @Body() body: FeedbackInputDto): Promise<Feedback> {
    return this.feedback.give(user.sub, body);
  }

  @Post('photos')
  @Roles('member')
  @PhotoUploadRateLimit()
  @ReadsMultipart()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [PHOTO_FIELD],
      properties: { [PHOTO_FIELD]: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOperation({
    summary: 'Upload a photo to go with a rating',
    description:
      'One JPEG, PNG or WebP image (judged by its first bytes, not its name) of at most 2 MB in the `photo` field of a multipart/form-data body; larger: 413 PAYLOAD_TOO_LARGE; anything else: 400 VALIDATION_FAILED. At most 20 uploads an hour per member, then 429 RATE_LIMITED with Retry-After. Metadata (EXIF with GPS, XMP, IPTC, text chunks) is removed before the photo is kept; a JPEG keeps its orientation. Answers `photoUrl`, a path on this server, to pass to `POST /feedback`.',
  })
  upload(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest): Promise<FeedbackPhoto> {
    return this.photos.upload(user.sub, request);
  }

  @Get('photos/:id/:key')
  @Public()
  @ApiOperation({
    summary: 'A feedback photo',
    description:
      'No token: an image tag cannot send one. The random key in the address is the permission; a wrong key is 404 like an unknown id.',
  })
  async photo(@Param() params: FeedbackPhotoParamsDto, @Res() reply: FastifyReply): Promise<void> {
    const { contentType, bytes } = await this.photos.read(params.id, params.key);
    await reply
      .header('content-type', contentType)
      .header('x-content-type-options', 'nosniff')
      // The address never changes content, but the photo is personal: browsers may keep it, shared caches not.
      .header('cache-control', 'private, max-age=86400, immutable')
      .send(bytes);
  }
}
