import { Module } from '@nestjs/common';
import { StoresModule } from '../stores/stores.module';
import { PasswordHasher } from './password-hasher';
import { StaffAccessService } from './staff-access.service';
import { StaffController } from './staff.controller';
import { StaffRepository } from './staff.repository';
import { StaffService } from './staff.service';

@Module({
  imports: [StoresModule],
  controllers: [StaffController],
  providers: [StaffService, StaffRepository, PasswordHasher, StaffAccessService],
  // The repository and hasher serve the staff-changes module beside this one (it needs the audit log,
  // which this module cannot import: points → members → staff).
  exports: [StaffService, StaffRepository, PasswordHasher, StaffAccessService],
})
export class StaffModule {}
