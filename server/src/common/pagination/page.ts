import { IdSchema, type Paginated } from '@vip-club/shared';
import { type FindOptionsOrder, type FindOptionsWhere, MoreThan, type Repository } from 'typeorm';
import { parseInput } from '../pipes/parse-input';

/**
 * List cursors are the id of the last row of the previous page: stable under inserts and cheap
 * to seek with the primary key. A cursor that is not an id is a 400 naming `cursor`.
 */
export function parseCursor(cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : parseInput(IdSchema, cursor, 'cursor');
}

/** `rows` were fetched with `limit + 1`: the extra row only says whether another page exists. */
export function toPage<E extends { id: string }, T>(
  rows: E[],
  limit: number,
  map: (row: E) => T,
): Paginated<T> {
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  return { items: page.map(map), nextCursor: hasMore ? page[page.length - 1].id : null };
}

/** Oldest first: `limit` rows after the `afterId` cursor (for lists in creation order). */
export function findAfterId<E extends { id: string }>(
  repo: Repository<E>,
  afterId: string | undefined,
  limit: number,
): Promise<E[]> {
  return repo.find({
    where: (afterId === undefined ? {} : { id: MoreThan(afterId) }) as FindOptionsWhere<E>,
    order: { id: 'ASC' } as FindOptionsOrder<E>,
    take: limit,
  });
}
