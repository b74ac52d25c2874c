import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SandboxOutboxQuerySchema, type SandboxOutboxResponse } from '@vip-club/shared';
import { Roles } from '../../common/auth';
import { createZodDto } from '../../common/pipes';
import { PlatformSandboxHost } from '../platform-sandbox-host';

class SandboxOutboxQueryDto extends createZodDto(SandboxOutboxQuerySchema) {}

/** What the platforms were asked to deliver. Registered only while the club runs on the sandbox. */
@ApiTags('sandbox')
@Controller('sandbox/outbox')
export class SandboxOutboxController {
  constructor(private readonly host: PlatformSandboxHost) {}

  @Get()
  @Roles('manager')
  list(@Query() query: SandboxOutboxQueryDto): SandboxOutboxResponse {
    return { items: this.host.sandbox?.outbox.list(query) ?? [] };
  }
}
