import type { AuditLogEntry, Paginated } from '@vip-club/shared';
import { request } from '../lib/request';

/** `GET /audit-log` (manager): newest first. */
export async function listAuditLog(limit = 50): Promise<AuditLogEntry[]> {
  const page = await request<Paginated<AuditLogEntry>>('/audit-log', { query: { limit }, auth: 'staff' });
  return page.items;
}
