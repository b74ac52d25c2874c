import type { Staff, StaffSummary } from '@vip-club/shared';
import type { StaffEntity } from './entities/staff.entity';

export function toStaff(entity: StaffEntity): Staff {
  return {
    id: entity.id,
    username: entity.username,
    name: entity.name,
    role: entity.role,
    storeId: entity.storeId,
    isActive: entity.active,
    active: entity.active,
    phone: entity.phone,
    createdAt: entity.createdAt.toISOString(),
  };
}

export function toStaffSummary(entity: StaffEntity): StaffSummary {
  return { id: entity.id, role: entity.role, storeId: entity.storeId };
}
