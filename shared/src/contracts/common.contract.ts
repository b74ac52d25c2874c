/** A page of a list: `{items, nextCursor}` (null on the last page). */
export interface Paginated<T> {
  items: T[];
  nextCursor: string | null;
}

/** `GET /health`. */
export interface HealthResponse {
  status: 'ok' | 'degraded';
  db: 'ok' | 'down';
}

/** The API's base path. */
export const API_BASE_PATH = '/api/v1';
