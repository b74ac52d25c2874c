import { Module } from '@nestjs/common';
import { StaffModule } from '../../modules/staff/staff.module';
import { DemoSeedService } from './demo-seed.service';

/** Imports StaffModule so that Nest initialises it (and its bootstrap manager) first. */
@Module({
  imports: [StaffModule],
  providers: [DemoSeedService],
})
export class SeedModule {}
