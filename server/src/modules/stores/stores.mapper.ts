import { DEFAULT_OPENING_HOURS, type Store, type StoreWithHours } from '@vip-club/shared';
import type { StoreEntity } from './entities/store.entity';

export function toStore(entity: StoreEntity): Store {
  return { id: entity.id, name: entity.name, city: entity.city, address: entity.address };
}

export function toStoreWithHours(entity: StoreEntity): StoreWithHours {
  return { ...toStore(entity), openingHours: entity.openingHours ?? DEFAULT_OPENING_HOURS };
}
