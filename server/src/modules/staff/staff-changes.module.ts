import { Module } from '@nestjs/common';
import { IdentityModule } from '../auth/identity.module';
import { PointsModule } from '../points/points.module';
import { StoresModule } from '../stores/stores.module';
import { StaffChangesController } from './staff-changes.controller';
import { StaffChangesService } from './staff-changes.service';
import { StaffModule } from './staff.module';

/**
 * Managers' changes to staff accounts. Apart from `StaffModule` because they are audited, and the
 * audit log lives in the points module, which depends on staff through members.
 */
@Module({
  imports: [StaffModule, StoresModule, PointsModule, IdentityModule],
  controllers: [StaffChangesController],
  providers: [StaffChangesService],
})
export class StaffChangesModule {}
