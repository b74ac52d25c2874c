import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type AuthTokens,
  PlatformLoginInputSchema,
  type PlatformLoginResponse,
  RefreshInputSchema,
  StaffLoginInputSchema,
  type StaffLoginResponse,
} from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import { Public } from '../../common/auth/public.decorator';
import { AuthRateLimit } from '../../common/rate-limit/auth-rate-limit';
import { AuthService } from './auth.service';

class PlatformLoginDto extends createZodDto(PlatformLoginInputSchema) {}
class StaffLoginDto extends createZodDto(StaffLoginInputSchema) {}
class RefreshDto extends createZodDto(RefreshInputSchema) {}

@ApiTags('identity')
@Controller('auth')
@Public()
@AuthRateLimit()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('wechat')
  @HttpCode(200)
  wechat(@Body() body: PlatformLoginDto): Promise<PlatformLoginResponse> {
    return this.auth.platformLogin('wechat', body.code);
  }

  @Post('alipay')
  @HttpCode(200)
  alipay(@Body() body: PlatformLoginDto): Promise<PlatformLoginResponse> {
    return this.auth.platformLogin('alipay', body.code);
  }

  @Post('staff')
  @HttpCode(200)
  staff(@Body() body: StaffLoginDto): Promise<StaffLoginResponse> {
    return this.auth.staffLogin(body.username, body.password);
  }

  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshDto): Promise<AuthTokens> {
    return this.auth.refresh(body.refreshToken);
  }
}
