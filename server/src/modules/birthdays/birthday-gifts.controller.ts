import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type BirthdayGiftSettings, BirthdayGiftSettingsSchema } from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import { Roles } from '../../common/auth/roles.decorator';
import { BirthdayGiftsService } from './birthday-gifts.service';

class BirthdayGiftSettingsDto extends createZodDto(BirthdayGiftSettingsSchema) {}

/** The birthday gift per tier, set by managers and given by the `birthdays` job. */
@ApiTags('birthdays')
@ApiBearerAuth()
@Controller('birthday-gifts')
export class BirthdayGiftsController {
  constructor(private readonly gifts: BirthdayGiftsService) {}

  @Get()
  @Roles('manager')
  @ApiOperation({
    summary: 'The birthday gift per tier',
    description:
      'Per tier `{kind: "points", points}`, `{kind: "reward", rewardId}` (a voucher) or null, and `guardDays`: how long a birthday must have been on file to earn a gift (default 30).',
  })
  get(): Promise<BirthdayGiftSettings> {
    return this.gifts.get();
  }

  @Put()
  @Roles('manager')
  @ApiOperation({
    summary: 'Set the birthday gift per tier',
    description:
      'Every tier named (null for none). A reward must exist and be voucher-kind, else 400 VALIDATION_FAILED naming the tier. Gifts already given this year stay as they were.',
  })
  put(@Body() body: BirthdayGiftSettingsDto): Promise<BirthdayGiftSettings> {
    return this.gifts.put(body);
  }
}
