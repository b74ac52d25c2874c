import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtAuthGuard } from '../../common/auth/jwt-auth.guard';
import { MembersModule } from '../members/members.module';
import { MemberAccess } from '../../common/auth/member-access';
import { StaffAccess } from '../../common/auth/staff-access';
import { StaffAccessService } from '../staff/staff-access.service';
import { StaffModule } from '../staff/staff.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { IdentityModule } from './identity.module';
import { MemberAccessService } from './member-access.service';

/** The `/auth/*` routes and the global guard every other route sits behind. */
@Module({
  imports: [IdentityModule, MembersModule, StaffModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    MemberAccessService,
    { provide: StaffAccess, useExisting: StaffAccessService },
    { provide: MemberAccess, useExisting: MemberAccessService },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
})
export class AuthModule {}
