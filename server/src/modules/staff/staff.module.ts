import { Module } from '@nestjs/common';
import { StoresModule } from '../stores/stores.module';
import { PasswordHasher } from './password-hasher';
import { StaffController } from './staff.controller';
import { StaffRepository } from './staff.repository';
import { StaffService } from './staff.service';

@Module({
  imports: [StoresModule],
  controllers: [StaffController],
  providers: [StaffService, StaffRepository, PasswordHasher],
  exports: [StaffService],
})
export class StaffModule {}
