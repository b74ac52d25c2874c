import { Injectable } from '@nestjs/common';
import {
  type CreateStoreInput,
  ErrorCode,
  type Paginated,
  type PaginationQuery,
  type Store,
  type StoreWithHours,
  type UpdateStoreInput,
} from '@vip-club/shared';
import { DomainError } from '../../common/errors/domain-error';
import { parseCursor, toPage } from '../../common/pagination/page';
import type { StoreEntity } from './entities/store.entity';
import { StoresRepository } from './stores.repository';
import { toStore, toStoreWithHours } from './stores.mapper';

@Injectable()
export class StoresService {
  constructor(private readonly stores: StoresRepository) {}

  async create(input: CreateStoreInput): Promise<Store> {
    return toStore(await this.stores.insert(input, new Date()));
  }

  async list(query: PaginationQuery): Promise<Paginated<Store>> {
    const rows = await this.stores.listAfter(parseCursor(query.cursor), query.limit + 1);
    return toPage(rows, query.limit, toStore);
  }

  async update(id: string, input: UpdateStoreInput): Promise<StoreWithHours> {
    await this.require(id, 'id');
    await this.stores.setOpeningHours(id, input.openingHours);
    return toStoreWithHours(await this.require(id, 'id'));
  }

  /** The store, or 404 NOT_FOUND naming the field that referred to it. */
  async require(id: string, field = 'storeId'): Promise<StoreEntity> {
    const store = await this.stores.findById(id);
    if (!store) throw new DomainError(ErrorCode.NOT_FOUND, `No store with id ${id}`, { field });
    return store;
  }
}
