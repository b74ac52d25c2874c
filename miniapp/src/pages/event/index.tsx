import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { seatsFor, type EventForMember, type EventMemberState } from '@vip-club/shared';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useMemberGuard } from '../../hooks/use-member-guard';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { useT, type MessageKey } from '../../i18n';
import { friendlyError } from '../../lib/errors';
import { formatPoints } from '../../lib/format';
import { newIdempotencyKey } from '../../lib/idempotency';
import { decodedParam } from '../../lib/route-params';
import { ROUTES } from '../../routes';
import { useEventsStore } from '../../stores/events.store';
import { useMemberStore } from '../../stores/member.store';
import { usePointsStore } from '../../stores/points.store';
import { useSubscriptionsStore } from '../../stores/subscriptions.store';
import {
  EventHeading,
  formatClubMoment,
  formatEventWhen,
  isLive,
  isPriorityWindowOn,
  liveState,
} from '../events/event-view';
import { TicketPass } from '../tickets/ticket-pass';
import './index.scss';

/** The primary button's words per state; only these three let the member go on. */
const ACTION: Record<EventMemberState, MessageKey> = {
  open: 'event.action.open',
  priority: 'event.action.priority',
  full: 'event.action.full',
  upcoming: 'event.action.upcoming',
  closed: 'event.action.closed',
  cancelled: 'event.action.cancelled',
  ended: 'event.action.ended',
};
const REGISTERABLE: ReadonlySet<EventMemberState> = new Set(['open', 'priority', 'full']);

/** While the page is on show the state is re-read against the clock this often (a window may open). */
const CLOCK_TICK_MS = 15_000;

interface Sheet {
  guests: number;
  /** One key per confirmation: a second tap or a retry after a lost answer never registers twice. */
  key: string;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="event__row">
      <Text className="event__row-label">{label}</Text>
      <View className="event__row-value">{children}</View>
    </View>
  );
}

export default function EventPage() {
  const t = useT();
  usePageChrome('event.title');
  const isMember = useMemberGuard();
  const { params } = useRouter();
  const id = decodedParam(params.id);
  const event = useEventsStore((s) => s.byId[id]) as EventForMember | undefined;
  const loadEvent = useEventsStore((s) => s.loadEvent);
  const register = useEventsStore((s) => s.register);
  const me = useMemberStore((s) => s.me);
  const loadMe = useMemberStore((s) => s.loadMe);
  const spendable = usePointsStore((s) => s.summary?.spendable);
  const loadPoints = usePointsStore((s) => s.loadPoints);
  const askToSubscribe = useSubscriptionsStore((s) => s.ask);
  const [error, setError] = useState<string | null>(null);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [sheetError, setSheetError] = useState<string | null>(null);
  // Set before the request: the store shows the new registration before `register` resolves, and the
  // first words the member reads should already be the "you are in" ones.
  const [isJustRegistered, setJustRegistered] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const busy = useRef(false);
  const [now, setNow] = useState(() => new Date());
  const [isShown, setShown] = useState(true);

  const reload = () =>
    Promise.all([loadEvent(id), me ? Promise.resolve(me) : loadMe(), loadPoints()])
      .then(() => setError(null))
      .catch((err: unknown) => setError(friendlyError(err)));

  useDidShow(() => {
    setShown(true);
    setJustRegistered(false);
    setNow(new Date());
    if (!id) setError(t('error.NOT_FOUND'));
    else if (isMember) void reload();
  });
  useDidHide(() => setShown(false));

  useEffect(() => {
    if (!isShown) return undefined;
    const timer = setInterval(() => setNow(new Date()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, [isShown]);

  if (!event) {
    return (
      <View className="page event">
        {error ? (
          <View className="banner-error">{error}</View>
        ) : (
          <Text className="lead">{t('common.loading')}</Text>
        )}
      </View>
    );
  }

  const tier = me?.card.tier;
  const state = liveState(event, tier, now);
  const mine = isLive(event.myRegistration) ? event.myRegistration : null;
  const canRegister = !mine && REGISTERABLE.has(state);
  const w = event.registration;
  const opensForMe = event.isPriorityForMe && w.priorityOpensAt ? w.priorityOpensAt : w.opensAt;

  const openSheet = () => {
    setSheetError(null);
    setSheet({ guests: 0, key: newIdempotencyKey() });
  };

  const setSheetGuests = (next: number) => {
    if (!sheet || next < 0 || next > event.guestsAllowed) return;
    setSheetError(null);
    // A new head count is a new request: the server would refuse the old key with other details.
    setSheet({ guests: next, key: newIdempotencyKey() });
  };

  const confirm = async () => {
    if (!sheet || busy.current) return;
    // First, while the tap still counts (WeChat opens the dialog only from one): the reminder before
    // the event and later invitations. It runs beside the registration and never holds it up.
    void askToSubscribe(['event_reminder', 'event_invitation']);
    busy.current = true;
    setBusy(true);
    setSheetError(null);
    setJustRegistered(true);
    try {
      await register(event.id, sheet.guests, sheet.key);
      setSheet(null);
      void loadPoints().catch(() => undefined);
    } catch (err) {
      setJustRegistered(false);
      setSheetError(friendlyError(err));
      // The refusal may be news (the window closed, the last seat went): show what stands now.
      void loadEvent(event.id).catch(() => undefined);
    } finally {
      busy.current = false;
      setBusy(false);
    }
  };

  const onPrimary = () => {
    if (mine) void Taro.navigateTo({ url: ROUTES.tickets });
    else if (canRegister) openSheet();
  };

  const seats = seatsFor(sheet?.guests ?? 0);
  // The shared rule's seat count against the seats left: what the server will most likely answer.
  const willWait = state === 'full' || seats > event.seatsLeft;
  const isShort = spendable !== undefined && event.pointsCost > spendable;

  return (
    <View className="page event">
      <View className="card-surface event__hero">
        <EventHeading event={event} state={state} tier={tier} now={now} size="hero" />
      </View>

      {error ? <View className="banner-error">{error}</View> : null}

      <View className="card-surface event__facts">
        <Row label={t('event.when')}>
          <Text className="event__when">{formatEventWhen(t, event.startsAt, event.endsAt)}</Text>
        </Row>
        <Row label={t('event.where')}>
          <Text>{event.venue}</Text>
          {event.store ? <Text className="event__sub">{event.store.name}</Text> : null}
        </Row>
        <Row label={t('event.cost')}>
          <Text className="event__cost">
            {event.pointsCost > 0
              ? t('events.cost', { points: formatPoints(event.pointsCost) })
              : t('events.free')}
          </Text>
        </Row>
        <Row label={t('event.seats')}>
          <Text className="event__seats" data-seats-left={event.seatsLeft}>
            {t('event.seats.value', {
              capacity: formatPoints(event.capacity),
              left: formatPoints(event.seatsLeft),
            })}
          </Text>
        </Row>
        {event.guestsAllowed > 0 ? (
          <Row label={t('event.guests')}>
            <Text>{t('event.guests.hint', { count: event.guestsAllowed })}</Text>
          </Row>
        ) : null}
        <Row label={t('event.window')}>
          {now.getTime() < Date.parse(w.opensAt) ? (
            <Text data-opens>{t('event.opensAt', { date: formatClubMoment(t, w.opensAt) })}</Text>
          ) : null}
          <Text>{t('event.closesAt', { date: formatClubMoment(t, w.closesAt) })}</Text>
          {isPriorityWindowOn(event, now) && w.priorityOpensAt && tier ? (
            <Text className="event__sub" data-priority-opens>
              {t('event.priorityOpensAt', {
                tier: t(`tier.${tier}`),
                date: formatClubMoment(t, w.priorityOpensAt),
              })}
            </Text>
          ) : null}
        </Row>
      </View>

      {event.description ? (
        <View className="event__about">
          <Text className="eyebrow">{t('event.about')}</Text>
          <Text className="event__description">{event.description}</Text>
        </View>
      ) : null}

      {mine ? (
        <View className={`card-surface event__mine event__mine--${mine.status}`} data-result={mine.status}>
          <Text className="event__mine-title">
            {mine.status === 'confirmed'
              ? t(isJustRegistered ? 'event.result.confirmed' : 'event.mine.confirmed')
              : t(isJustRegistered ? 'event.result.waitlisted' : 'event.mine.waitlisted', {
                  position: mine.waitlistPosition ?? '—',
                })}
          </Text>
          {mine.status === 'confirmed' ? (
            <>
              <Text className="event__mine-meta">
                {t('event.mine.seats', { seats: mine.seats, guests: mine.guests })}
              </Text>
              <View className="event__pass">
                <TicketPass code={mine.ticketCode} />
              </View>
            </>
          ) : (
            <Text className="event__mine-meta">{t('event.result.waitlistedHint')}</Text>
          )}
        </View>
      ) : null}

      <View className="event__bar">
        {state === 'upcoming' && !mine ? (
          <Text className="event__bar-note" data-opens-at={opensForMe}>
            {t('event.opensAt', { date: formatClubMoment(t, opensForMe) })}
          </Text>
        ) : canRegister && willWait ? (
          <Text className="event__bar-note">{t('event.waitlistNote')}</Text>
        ) : null}
        <Button
          className="btn-primary event__action"
          data-action={mine ? 'ticket' : state}
          onClick={onPrimary}
          disabled={(!mine && !canRegister) || undefined}
        >
          {mine ? t('event.action.ticket') : t(ACTION[state])}
        </Button>
      </View>

      {sheet ? (
        <View className="sheet" data-sheet="register">
          <View className="sheet__scrim" onClick={() => (isBusy ? undefined : setSheet(null))} />
          <View className="sheet__panel">
            <Text className="eyebrow">{t(willWait ? 'event.confirm.waitTitle' : 'event.confirm.title')}</Text>
            <Text className="sheet__name">{event.title}</Text>
            <Text className="sheet__body">{formatEventWhen(t, event.startsAt, event.endsAt)}</Text>
            {event.guestsAllowed > 0 ? (
              <View className="sheet__stepper">
                <Text
                  className="sheet__step"
                  data-step="less"
                  onClick={() => setSheetGuests(sheet.guests - 1)}
                >
                  −
                </Text>
                <Text className="sheet__quantity" data-guests={sheet.guests}>
                  {sheet.guests}
                </Text>
                <Text
                  className="sheet__step"
                  data-step="more"
                  onClick={() => setSheetGuests(sheet.guests + 1)}
                >
                  +
                </Text>
              </View>
            ) : null}
            <View className="sheet__figures">
              <View className="sheet__figure">
                <Text className="sheet__figure-label">{t('event.confirm.seats')}</Text>
                <Text className="sheet__figure-value" data-seats={seats}>
                  {sheet.guests > 0
                    ? t('event.confirm.seatsWithGuests', { seats, guests: sheet.guests })
                    : t('event.confirm.seatsAlone')}
                </Text>
              </View>
              <View className="sheet__figure">
                <Text className="sheet__figure-label">{t('event.confirm.points')}</Text>
                <Text className="sheet__figure-value" data-points={event.pointsCost}>
                  {event.pointsCost > 0
                    ? t('events.cost', { points: formatPoints(event.pointsCost) })
                    : t('events.free')}
                </Text>
              </View>
            </View>
            {isShort ? (
              <Text className="sheet__warn">
                {t('event.confirm.short', {
                  points: formatPoints(spendable),
                  missing: formatPoints(event.pointsCost - spendable),
                })}
              </Text>
            ) : willWait ? (
              <Text className="sheet__warn" data-note="waitlist">
                {t('event.confirm.waitlist', { seats: formatPoints(event.seatsLeft) })}
              </Text>
            ) : event.pointsCost > 0 && spendable !== undefined ? (
              <Text className="sheet__after">
                {t('event.confirm.after', { points: formatPoints(spendable - event.pointsCost) })}
              </Text>
            ) : null}
            {sheetError ? <View className="banner-error">{sheetError}</View> : null}
            <Button
              className="btn-primary sheet__ok"
              onClick={confirm}
              disabled={isBusy || isShort || undefined}
            >
              {t(willWait ? 'event.confirm.waitOk' : 'event.confirm.ok')}
            </Button>
            <Button className="btn-quiet" onClick={() => setSheet(null)} disabled={isBusy || undefined}>
              {t('event.confirm.cancel')}
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}
