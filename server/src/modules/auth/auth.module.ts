import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtAuthGuard } from '../../common/auth/jwt-auth.guard';
import { MembersModule } from '../members/members.module';
import { StaffAccess } from '../../common/auth/staff-access';
import { StaffAccessService } from '../staff/staff-access.service';
import { StaffModule } from '../staff/staff.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { IdentityModule } from './identity.module';

/** The `/auth/*` routes and the global guard every other route sits behind. */
@Module({
  imports: [IdentityModule, MembersModule, StaffModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    { provide: StaffAccess, useExisting: StaffAccessService },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
})
export class AuthModule {}
