import { Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import type { ClerkActivity, ClerkActivityReport, ClerkContact, Store } from '@vip-club/shared';
import { useRef, useState } from 'react';
import { Chips } from '../../../components/chips';
import { LoadMore } from '../../../components/load-more';
import { StaffRow } from '../../../components/staff-row';
import { useNextPage } from '../../../hooks/use-next-page';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { clubShortDateTime, toClubDateTime } from '../../../lib/club-time';
import { friendlyError } from '../../../lib/errors';
import { formatMoney, printMemberNo } from '../../../lib/format';
import { getClerkActivity, getClerkContacts } from '../../../services/staff-activity.service';
import { listStores } from '../../../services/store.service';
import { StoreScopePicker } from '../../components/store-scope-picker';
import { useManagerGuard } from '../../use-manager-guard';
import { PERIODS, periodDates, type PeriodName } from './period';
import '../../../staff/pages/staff.scss';
import '../../manager.scss';
import './index.scss';

const ALL_STORES = 'all';
/** A clerk's contacts read at a time: a screenful several times over, the rest as the manager asks. */
const CONTACTS_PAGE = 20;

/** The clerk and period whose contacts are shown, and where their next page starts (null: all shown). */
interface Drill {
  staffId: string;
  from: string;
  to: string;
  cursor: string | null;
}

/** `40%`: a share of the clerk's contacts; a dash where there were none to count. */
function rate(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : '—';
}

/** Each clerk's contacts in a period and what followed them; tap a clerk for their contacts one by one. */
export default function ManagerClerkActivityPage() {
  const t = useT();
  usePageChrome('manager.activity.title');
  const [period, setPeriod] = useState<PeriodName>('last30');
  const [storeId, setStoreId] = useState<string>(ALL_STORES);
  const [report, setReport] = useState<ClerkActivityReport | null>(null);
  const [stores, setStores] = useState<Store[]>([]);
  const [clerk, setClerk] = useState<ClerkActivity | null>(null);
  const [contacts, setContacts] = useState<ClerkContact[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const more = useNextPage();
  // Beside the state so a read can judge at once what is shown; a later page reads the clerk and period
  // it was asked for, never those on screen when it lands.
  const drill = useRef<Drill | null>(null);

  // Only the latest read may fill the page: a period, boutique or clerk tapped quickly after another must
  // not show the other's answer under its own label.
  const latestRead = useRef(0);
  const latest = <V,>(read: Promise<V>, fill: (value: V) => void) => {
    const mine = ++latestRead.current;
    read
      .then((value) => {
        if (mine === latestRead.current) fill(value);
      })
      .catch((err: unknown) => {
        if (mine === latestRead.current) setError(friendlyError(err));
      });
  };

  const showDrill = (next: Drill | null) => {
    drill.current = next;
    setHasMore(Boolean(next?.cursor));
    more.reset();
  };

  const load = (name: PeriodName, store: string) => {
    setPeriod(name);
    setStoreId(store);
    setError(null);
    setReport(null);
    setClerk(null);
    showDrill(null);
    latest(
      getClerkActivity(periodDates(name, Date.now()), store === ALL_STORES ? undefined : store),
      setReport,
    );
  };

  useManagerGuard(() => {
    load(period, storeId);
    listStores()
      .then(setStores)
      .catch(() => undefined);
  });

  const open = (row: ClerkActivity) => {
    if (!report) return;
    setClerk(row);
    setContacts(null);
    setError(null);
    // The report's own dates, so the contacts are those the row counted.
    const period = { from: report.from, to: report.to };
    showDrill(null);
    latest(getClerkContacts(row.staffId, period, { limit: CONTACTS_PAGE }), (page) => {
      setContacts(page.items);
      showDrill({ staffId: row.staffId, ...period, cursor: page.nextCursor });
    });
  };

  const close = () => {
    // A page still on its way belongs to the clerk left behind.
    latestRead.current += 1;
    showDrill(null);
    setClerk(null);
  };

  const loadMore = () => {
    const shown = drill.current;
    const after = shown?.cursor;
    if (!shown || !after) return;
    const mine = latestRead.current;
    more.readNext(
      after,
      () => getClerkContacts(shown.staffId, shown, { limit: CONTACTS_PAGE, cursor: after }),
      () => mine === latestRead.current,
      (page) => {
        setContacts((list) => [...(list ?? []), ...page.items]);
        drill.current = { ...shown, cursor: page.nextCursor };
        setHasMore(Boolean(page.nextCursor));
      },
    );
  };

  useReachBottom(loadMore);

  const storeName = (id: string | null) =>
    (id && stores.find((s) => s.id === id)?.name) || t('manager.staff.noStore');

  const followed = (c: ClerkContact) => {
    const f = c.followedBy;
    if (!f) return t('manager.activity.followed.none');
    const date = toClubDateTime(f.at).date;
    return f.kind === 'purchase'
      ? t('manager.activity.followed.purchase', { date, amount: formatMoney(f.amount ?? 0) })
      : t(`manager.activity.followed.${f.kind}`, { date });
  };

  return (
    <View className="page staff manager">
      <Text className="title">
        {clerk ? t('manager.activity.contactsOf', { name: clerk.name }) : t('manager.activity.title')}
      </Text>
      <Text className="lead">{t('manager.activity.lead')}</Text>
      <View className="hairline" />
      {error ? <View className="banner-error">{error}</View> : null}

      {clerk ? (
        <View data-clerk-contacts={clerk.name}>
          <Text className="manager__edit activity__back" data-action="back" onClick={close}>
            {t('manager.activity.back')}
          </Text>
          {report ? (
            <Text className="manager__hint">
              {t('manager.activity.range', { from: report.from, to: report.to })}
            </Text>
          ) : null}
          {contacts === null ? <Text className="lead">{t('common.loading')}</Text> : null}
          {contacts?.length === 0 ? <Text className="lead">{t('manager.activity.noContacts')}</Text> : null}
          {contacts?.map((c) => (
            <View key={c.id} className="card-surface manager__list-item" data-contact={c.memberNo}>
              <View className="manager__list-head">
                <Text className="manager__list-name">{c.memberName}</Text>
                <Text className="staff__badge">{t(`manager.greetings.purpose.${c.purpose}`)}</Text>
              </View>
              <Text className="manager__list-meta">
                {printMemberNo(c.memberNo)} · {clubShortDateTime(c.at)}
              </Text>
              <Text className="activity__text">{c.text}</Text>
              <Text
                className={`activity__followed${c.followedBy ? ' activity__followed--yes' : ''}`}
                data-followed={c.followedBy?.kind ?? 'none'}
              >
                {followed(c)}
              </Text>
            </View>
          ))}
          {hasMore ? (
            <LoadMore
              label="manager.activity.more"
              isLoading={more.isLoading}
              error={more.error}
              onMore={loadMore}
            />
          ) : null}
        </View>
      ) : (
        <View>
          <View className="activity__periods" data-field="period">
            <Chips
              options={PERIODS.map((p) => ({ value: p, label: t(`manager.activity.period.${p}`) }))}
              selected={[period]}
              onToggle={(name) => load(name, storeId)}
            />
          </View>
          <StoreScopePicker
            field="store"
            stores={stores}
            allValue={ALL_STORES}
            value={storeId}
            onChange={(store) => load(period, store)}
          />
          {report ? (
            <Text className="manager__hint" data-range>
              {t('manager.activity.range', { from: report.from, to: report.to })}
            </Text>
          ) : (
            <Text className="lead">{t('common.loading')}</Text>
          )}
          {report?.items.length === 0 ? <Text className="lead">{t('manager.activity.empty')}</Text> : null}
          {report?.items.map((row) => (
            <View
              key={row.staffId}
              className="card-surface manager__list-item activity__row"
              data-clerk={row.name}
              onClick={() => open(row)}
            >
              <View className="manager__list-head">
                <Text className="manager__list-name">{row.name}</Text>
                <Text className="manager__edit">{t('manager.activity.open')}</Text>
              </View>
              <Text className="manager__list-meta">
                {storeName(row.storeId)} · {t('manager.activity.members', { count: row.members })}
                {row.active ? '' : ` · ${t('manager.activity.inactive')}`}
              </Text>
              <View className="activity__figures">
                <View className="activity__figure" data-figure="contacts">
                  <Text className="activity__value">{row.contacts}</Text>
                  <Text className="activity__label">{t('manager.activity.contacts')}</Text>
                </View>
                <View className="activity__figure" data-figure="reached">
                  <Text className="activity__value">{row.membersReached}</Text>
                  <Text className="activity__label">{t('manager.activity.reached')}</Text>
                </View>
                <View className="activity__figure" data-figure="visit">
                  <Text className="activity__value">{rate(row.followedByVisit, row.contacts)}</Text>
                  <Text className="activity__label">{t('manager.activity.visitRate')}</Text>
                </View>
                <View className="activity__figure" data-figure="purchase">
                  <Text className="activity__value">{rate(row.followedByPurchase, row.contacts)}</Text>
                  <Text className="activity__label">{t('manager.activity.purchaseRate')}</Text>
                </View>
              </View>
              <StaffRow className="activity__spend" data-figure="spend" label={t('manager.activity.spend')}>
                {formatMoney(row.followedSpend)}
              </StaffRow>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
