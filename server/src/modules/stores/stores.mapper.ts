import type { Store } from '@vip-club/shared';
import type { StoreEntity } from './entities/store.entity';

export function toStore(entity: StoreEntity): Store {
  return { id: entity.id, name: entity.name, city: entity.city, address: entity.address };
}
