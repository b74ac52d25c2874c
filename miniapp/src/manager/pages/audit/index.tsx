import { Text, View } from '@tarojs/components';
import type { AuditLogEntry } from '@vip-club/shared';
import { useState } from 'react';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT, type MessageKey } from '../../../i18n';
import { friendlyError } from '../../../lib/errors';
import { listAuditLog } from '../../../services/audit.service';
import { useManagerGuard } from '../../use-manager-guard';
import '../../../staff/pages/staff.scss';
import '../../manager.scss';

const KNOWN_ACTIONS = new Set([
  'points.adjust',
  'rules.update',
  'purchase.refund',
  'api_key.issue',
  'api_key.revoke',
  'reward.create',
  'reward.update',
  'redemption.cancel',
  'member.import',
]);

/** A value of the log, short enough to read on a phone. */
function brief(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** In the phone's own time zone: a manager reads the log in boutique hours, not UTC. */
function when(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** Every staff action that changed points, stock or rules: who, when, what, before and after. */
export default function ManagerAuditPage() {
  const t = useT();
  usePageChrome('manager.audit.title');
  const [entries, setEntries] = useState<AuditLogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useManagerGuard(() => {
    listAuditLog()
      .then(setEntries)
      .catch((err: unknown) => setError(friendlyError(err)));
  });

  const label = (action: string) =>
    KNOWN_ACTIONS.has(action) ? t(`manager.audit.action.${action}` as MessageKey) : action;

  return (
    <View className="page staff manager">
      <Text className="title">{t('manager.audit.title')}</Text>
      <View className="hairline" />
      {error ? <View className="banner-error">{error}</View> : null}
      {entries && entries.length === 0 ? <Text className="lead">{t('manager.audit.empty')}</Text> : null}
      {entries?.map((e) => (
        <View key={e.id} className="card-surface manager__audit-item" data-action={e.action}>
          <View className="manager__list-head">
            <Text className="manager__audit-action">{label(e.action)}</Text>
            <Text className="manager__audit-when">{when(e.createdAt)}</Text>
          </View>
          <Text className="manager__list-meta">
            {e.actor} · {e.entity} #{e.entityId}
          </Text>
          <Text className="manager__audit-json">
            {t('manager.audit.before')}: {brief(e.before)}
          </Text>
          <Text className="manager__audit-json">
            {t('manager.audit.after')}: {brief(e.after)}
          </Text>
        </View>
      ))}
    </View>
  );
}
