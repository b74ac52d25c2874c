import { Button, Text, View } from '@tarojs/components';
import { ErrorCode, type HandoverInput, type Staff, type Store } from '@vip-club/shared';
import { useState } from 'react';
import { Chips } from '../../../components/chips';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { ApiError } from '../../../lib/api-error';
import { friendlyError } from '../../../lib/errors';
import { handOverMembers, listStaff, updateStaff } from '../../../services/staff.service';
import { listStores } from '../../../services/store.service';
import { useSessionStore } from '../../../stores/session.store';
import { StoreScopePicker } from '../../components/store-scope-picker';
import { useManagerGuard } from '../../use-manager-guard';
import '../../../staff/pages/staff.scss';
import '../../manager.scss';
import './index.scss';

/** What the manager is doing to one clerk; a change refused for their members comes back after the handover. */
type Action =
  | { kind: 'handover'; staff: Staff; mode: HandoverInput['mode']; to: string[]; resume?: Action }
  | { kind: 'move'; staff: Staff; storeId: string }
  | { kind: 'deactivate'; staff: Staff };

interface Notice {
  isOk: boolean;
  text: string;
}

const ALL = 'all';
/** The move panel's choice that takes a manager off her store: every boutique is hers again. */
const CHAIN_WIDE = 'chain-wide';

/** The team per boutique: deactivate, move, or hand a clerk's members to others, each confirmed in words. */
export default function ManagerStaffPage() {
  const t = useT();
  usePageChrome('manager.staff.title');
  const myId = useSessionStore((s) => s.staff?.id);
  const [staff, setStaff] = useState<Staff[] | null>(null);
  const [stores, setStores] = useState<Store[]>([]);
  const [members, setMembers] = useState<Record<string, number>>({});
  const [storeFilter, setStoreFilter] = useState<string>(ALL);
  const [action, setAction] = useState<Action | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const [blocked, setBlocked] = useState<{ staff: Staff; count: number; resume: Action } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [isBusy, setBusy] = useState(false);

  const reload = async () => {
    try {
      const [people, boutiques] = await Promise.all([listStaff(), listStores()]);
      setStaff(people);
      setStores(boutiques);
      setMembers({});
    } catch (err) {
      setNotice({ isOk: false, text: friendlyError(err) });
    }
  };

  useManagerGuard(() => void reload());

  const storeName = (id: string | null) =>
    (id && stores.find((s) => s.id === id)?.name) || t('manager.staff.noStore');
  const nameOf = (id: string) => staff?.find((s) => s.id === id)?.name ?? '';
  // The list's count, unless a refused change has told a fresher one since.
  const countOf = (s: Staff) => members[s.id] ?? s.members ?? 0;

  const begin = (next: Action | null) => {
    setAction(next);
    setConfirming(false);
    setBlocked(null);
    setNotice(null);
  };

  const startHandover = (s: Staff, resume?: Action) =>
    begin({ kind: 'handover', staff: s, mode: 'spread', to: [], resume });

  /** The sentence the manager confirms: who, and how many members move. */
  const confirmation = (a: Action): string => {
    if (a.kind === 'deactivate') return t('manager.staff.confirm.deactivate', { name: a.staff.name });
    if (a.kind === 'move') {
      return a.storeId === CHAIN_WIDE
        ? t('manager.staff.confirm.chainWide', { name: a.staff.name })
        : t('manager.staff.confirm.move', { name: a.staff.name, store: storeName(a.storeId) });
    }
    const count = countOf(a.staff);
    const names = a.to.map(nameOf).join('、');
    return a.mode === 'spread' && a.to.length > 1
      ? t('manager.staff.confirm.spread', { count, names, each: Math.ceil(count / a.to.length) })
      : t('manager.staff.confirm.handover', { count, names });
  };

  const ask = () => {
    if (action?.kind === 'handover' && action.to.length === 0) {
      setNotice({ isOk: false, text: t('manager.staff.pickOne') });
      return;
    }
    setNotice(null);
    setConfirming(true);
  };

  const run = async (a: Action) => {
    setBusy(true);
    setNotice(null);
    try {
      if (a.kind === 'handover') {
        const input: HandoverInput =
          a.mode === 'one' ? { mode: 'one', toStaffId: a.to[0] } : { mode: 'spread', toStaffIds: a.to };
        const result = await handOverMembers(a.staff.id, input);
        await reload();
        // Back to the change the members were in the way of, ready to confirm.
        setAction(a.resume ?? null);
        setConfirming(Boolean(a.resume));
        setNotice({ isOk: true, text: t('manager.staff.handedOver', { count: result.moved }) });
        return;
      }
      await updateStaff(
        a.staff.id,
        a.kind === 'move' ? { storeId: a.storeId === CHAIN_WIDE ? null : a.storeId } : { active: false },
      );
      // The list is read again before the sentence shows, so the two never disagree.
      await reload();
      setAction(null);
      setConfirming(false);
      setNotice({
        isOk: true,
        text:
          a.kind !== 'move'
            ? t('manager.staff.deactivated', { name: a.staff.name })
            : a.storeId === CHAIN_WIDE
              ? t('manager.staff.madeChainWide', { name: a.staff.name })
              : t('manager.staff.moved', { name: a.staff.name, store: storeName(a.storeId) }),
      });
    } catch (err) {
      if (err instanceof ApiError && err.code === ErrorCode.CLERK_HAS_MEMBERS) {
        const details = err.details as { members?: number } | undefined;
        const count = details?.members ?? countOf(a.staff);
        setMembers({ ...members, [a.staff.id]: count });
        setBlocked({ staff: a.staff, count, resume: a });
        setConfirming(false);
        return;
      }
      // The server's only refusal of another manager's deactivation: she is the last active one.
      const isLastManager =
        err instanceof ApiError &&
        err.code === ErrorCode.CONFLICT &&
        a.kind === 'deactivate' &&
        a.staff.role === 'manager';
      setNotice({
        isOk: false,
        text: isLastManager ? t('manager.staff.lastManager', { name: a.staff.name }) : friendlyError(err),
      });
    } finally {
      setBusy(false);
    }
  };

  const activate = async (s: Staff) => {
    begin(null);
    setBusy(true);
    try {
      await updateStaff(s.id, { active: true });
      await reload();
      setNotice({ isOk: true, text: t('manager.staff.activated', { name: s.name }) });
    } catch (err) {
      setNotice({ isOk: false, text: friendlyError(err) });
    } finally {
      setBusy(false);
    }
  };

  const shownStores = storeFilter === ALL ? [...stores.map((s) => s.id), null] : [storeFilter];

  const panel = (s: Staff) => {
    if (blocked && blocked.staff.id === s.id) {
      return (
        <View className="staffmgr__panel" data-panel="blocked">
          <Text className="staffmgr__sentence">
            {t('manager.staff.hasMembers', { name: s.name, count: blocked.count })}
          </Text>
          <Button
            className="btn-primary staffmgr__button"
            data-action="to-handover"
            onClick={() => startHandover(s, blocked.resume)}
          >
            {t('manager.staff.toHandover')}
          </Button>
        </View>
      );
    }
    if (!action || action.staff.id !== s.id) return null;
    const a = action;
    return (
      <View className="staffmgr__panel" data-panel={a.kind}>
        {a.kind === 'handover' ? (
          <View>
            <Text className="staffmgr__sentence">
              {t('manager.staff.handoverTitle', { name: s.name, count: countOf(s) })}
            </Text>
            <View data-field="handover-mode">
              <Chips
                options={(['spread', 'one'] as const).map((m) => ({
                  value: m,
                  label: t(`manager.staff.mode.${m}`),
                }))}
                selected={[a.mode]}
                onToggle={(mode) => {
                  setConfirming(false);
                  setAction({ ...a, mode, to: mode === 'one' ? a.to.slice(0, 1) : a.to });
                }}
              />
            </View>
            <Text className="manager__hint">{t('manager.staff.pickClerks')}</Text>
            {targets(s).length ? (
              <View data-field="handover-to">
                <Chips
                  options={targets(s).map((c) => ({
                    value: c.id,
                    label: `${c.name} · ${storeName(c.storeId)}`,
                  }))}
                  selected={a.to}
                  onToggle={(id) => {
                    setConfirming(false);
                    const to =
                      a.mode === 'one'
                        ? [id]
                        : a.to.includes(id)
                          ? a.to.filter((x) => x !== id)
                          : [...a.to, id];
                    setAction({ ...a, to });
                  }}
                />
              </View>
            ) : (
              <Text className="manager__hint">{t('manager.staff.noClerks')}</Text>
            )}
          </View>
        ) : null}
        {a.kind === 'move' ? (
          <View>
            <Text className="manager__hint">{t('manager.staff.moveTo')}</Text>
            {/* A manager may serve the whole chain; a clerk belongs to one boutique. */}
            <StoreScopePicker
              field="move-to"
              stores={stores}
              allValue={s.role === 'manager' && s.storeId ? CHAIN_WIDE : undefined}
              allLabel={t('manager.staff.chainWide')}
              omit={s.storeId}
              value={a.storeId}
              onChange={(storeId) => {
                setConfirming(false);
                setAction({ ...a, storeId });
              }}
            />
          </View>
        ) : null}
        {isConfirming ? (
          <View className="staffmgr__confirm" data-confirm>
            <Text className="staffmgr__sentence">{confirmation(a)}</Text>
            <View className="staffmgr__buttons">
              <Button
                className="btn-primary staffmgr__button"
                data-action="confirm"
                disabled={isBusy || undefined}
                onClick={() => void run(a)}
              >
                {t('manager.staff.confirm.ok')}
              </Button>
              <Button className="btn-quiet staffmgr__button" data-action="cancel" onClick={() => begin(null)}>
                {t('manager.staff.confirm.cancel')}
              </Button>
            </View>
          </View>
        ) : a.kind === 'move' && !a.storeId ? null : (
          <Button className="btn-ghost staffmgr__button" data-action="review" onClick={ask}>
            {t(
              a.kind === 'handover'
                ? 'manager.staff.handover'
                : a.kind === 'move'
                  ? 'manager.staff.move'
                  : 'manager.staff.deactivate',
            )}
          </Button>
        )}
      </View>
    );
  };

  /** Active clerks other than `from`, those of the same boutique first. */
  const targets = (from: Staff) =>
    (staff ?? [])
      .filter((c) => c.role === 'clerk' && c.active && c.id !== from.id)
      .sort((a, b) => Number(b.storeId === from.storeId) - Number(a.storeId === from.storeId));

  return (
    <View className="page staff manager">
      <Text className="title">{t('manager.staff.title')}</Text>
      <Text className="lead">{t('manager.staff.lead')}</Text>
      <View className="hairline" />
      {notice ? <View className={notice.isOk ? 'staff__ok' : 'banner-error'}>{notice.text}</View> : null}

      <StoreScopePicker
        field="store-filter"
        stores={stores}
        allValue={ALL}
        value={storeFilter}
        onChange={setStoreFilter}
      />

      {staff === null ? <Text className="lead">{t('common.loading')}</Text> : null}
      {staff
        ? shownStores.map((storeId) => {
            const team = staff.filter((s) => s.storeId === storeId);
            if (storeId === null && team.length === 0) return null;
            return (
              <View key={storeId ?? 'none'} data-store={storeId ?? 'none'}>
                <Text className="staff__section-title">{storeName(storeId)}</Text>
                {team.length === 0 ? <Text className="manager__hint">{t('manager.staff.empty')}</Text> : null}
                {team.map((s) => (
                  <View
                    key={s.id}
                    className={`card-surface manager__list-item${s.active ? '' : ' staffmgr__inactive'}`}
                    data-staff={s.username}
                  >
                    <View className="manager__list-head">
                      <Text className="manager__list-name">{s.name}</Text>
                      <Text className={`staff__badge${s.active ? '' : ' staffmgr__badge--off'}`} data-state>
                        {t(s.active ? 'manager.staff.active' : 'manager.staff.inactive')}
                      </Text>
                    </View>
                    <Text className="manager__list-meta" data-members>
                      {t(`staff.role.${s.role}`)}
                      {s.role === 'clerk' ? ` · ${t('manager.staff.members', { count: countOf(s) })}` : ''}
                      {s.role === 'manager' && !s.storeId ? ` · ${t('manager.staff.chainWide')}` : ''}
                    </Text>
                    <View className="staffmgr__actions">
                      {s.role === 'clerk' && countOf(s) > 0 ? (
                        <Text
                          className="manager__edit"
                          data-action="handover"
                          onClick={() => startHandover(s)}
                        >
                          {t('manager.staff.handover')}
                        </Text>
                      ) : null}
                      {s.active ? (
                        <Text
                          className="manager__edit"
                          data-action="move"
                          onClick={() => begin({ kind: 'move', staff: s, storeId: '' })}
                        >
                          {t('manager.staff.move')}
                        </Text>
                      ) : null}
                      {/* The server refuses one's own deactivation: another manager does it. */}
                      {!s.active ? (
                        <Text
                          className="manager__edit"
                          data-action="activate"
                          onClick={() => void activate(s)}
                        >
                          {t('manager.staff.activate')}
                        </Text>
                      ) : s.id !== myId ? (
                        <Text
                          className="manager__edit"
                          data-action="deactivate"
                          onClick={() => {
                            begin({ kind: 'deactivate', staff: s });
                            setConfirming(true);
                          }}
                        >
                          {t('manager.staff.deactivate')}
                        </Text>
                      ) : null}
                    </View>
                    {panel(s)}
                  </View>
                ))}
              </View>
            );
          })
        : null}
    </View>
  );
}
