import type { InsightsOverview } from '@vip-club/shared';
import { request } from '../lib/request';

/** `GET /insights/overview[?storeId=]` (manager): the club's figures now, or one store's members'. */
export function getInsightsOverview(storeId?: string): Promise<InsightsOverview> {
  return request<InsightsOverview>('/insights/overview', { query: { storeId }, auth: 'staff' });
}
