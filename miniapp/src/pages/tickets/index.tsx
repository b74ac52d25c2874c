import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { refundsPointsOnCancel, type MyTicket } from '@vip-club/shared';
import { useState } from 'react';
import { useMemberGuard } from '../../hooks/use-member-guard';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { useT, type MessageKey } from '../../i18n';
import { friendlyError } from '../../lib/errors';
import { formatPoints } from '../../lib/format';
import { ROUTES } from '../../routes';
import { useEventsStore } from '../../stores/events.store';
import { formatEventWhen, isLive } from '../events/event-view';
import { TicketPass } from './ticket-pass';
import './index.scss';

const STARS = [1, 2, 3, 4, 5] as const;
const COMMENT_MAX = 500;

type Standing = 'confirmed' | 'waitlisted' | 'checkedIn' | 'missed' | 'cancelled' | 'eventCancelled';

/** One word for where a ticket stands, as the member would put it. */
function standingOf(ticket: MyTicket, now: number): Standing {
  if (ticket.event.status === 'cancelled') return 'eventCancelled';
  if (ticket.status === 'cancelled') return 'cancelled';
  if (ticket.checkedInAt) return 'checkedIn';
  if (now >= Date.parse(ticket.event.endsAt)) return 'missed';
  return ticket.status;
}

/** Still ahead, holding a seat or a place in line: shown first, with the QR. */
function isUpcoming(ticket: MyTicket, now: number): boolean {
  return isLive(ticket) && ticket.event.status !== 'cancelled' && now < Date.parse(ticket.event.endsAt);
}

interface RatingDraft {
  rating: number;
  comment: string;
}

/** The member's tickets: upcoming ones with the QR to show at the door, then the past with a rating. */
export default function TicketsPage() {
  const t = useT();
  usePageChrome('tickets.title');
  const isMember = useMemberGuard();
  const tickets = useEventsStore((s) => s.tickets);
  const loadTickets = useEventsStore((s) => s.loadTickets);
  const loadEvent = useEventsStore((s) => s.loadEvent);
  const cancel = useEventsStore((s) => s.cancel);
  const rate = useEventsStore((s) => s.rate);
  const [isLoaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, RatingDraft>>({});
  const [busyId, setBusyId] = useState<string | null>(null);

  useDidShow(() => {
    if (!isMember) return;
    loadTickets()
      .then(() => setError(null))
      .catch((err: unknown) => setError(friendlyError(err)))
      .finally(() => setLoaded(true));
  });

  const now = Date.now();
  const upcoming = tickets.filter((x) => isUpcoming(x, now));
  const past = tickets.filter((x) => !isUpcoming(x, now));

  const askCancel = async (ticket: MyTicket) => {
    if (busyId) return;
    setBusyId(ticket.id);
    setError(null);
    try {
      // The ticket does not carry the registration deadline; the event does, and it says whether
      // the points come back (the server's answer below is what counts).
      const event = await loadEvent(ticket.eventId);
      const refunds = refundsPointsOnCancel({ closesAt: new Date(event.registration.closesAt) }, new Date());
      const content: string =
        ticket.pointsSpent === 0
          ? t('tickets.cancel.free')
          : refunds
            ? t('tickets.cancel.refund', { points: formatPoints(ticket.pointsSpent) })
            : t('tickets.cancel.noRefund', { points: formatPoints(ticket.pointsSpent) });
      const answer = await Taro.showModal({
        title: t(ticket.status === 'waitlisted' ? 'tickets.leaveWaitlist' : 'tickets.cancel'),
        content,
        confirmText: t('tickets.cancel.ok'),
        cancelText: t('tickets.cancel.keep'),
        confirmColor: '#9E3B32',
      });
      if (!answer.confirm) return;
      const done = await cancel(ticket.eventId);
      void Taro.showToast({
        title:
          done.pointsReturned > 0
            ? t('tickets.cancelled.refund', { points: formatPoints(done.pointsReturned) })
            : t('tickets.cancelled'),
        icon: 'none',
        duration: 2000,
      });
    } catch (err) {
      setError(friendlyError(err));
    } finally {
      setBusyId(null);
    }
  };

  const draftOf = (ticket: MyTicket): RatingDraft => drafts[ticket.id] ?? { rating: 0, comment: '' };
  const setDraft = (ticket: MyTicket, patch: Partial<RatingDraft>) =>
    setDrafts((d) => ({ ...d, [ticket.id]: { ...draftOf(ticket), ...patch } }));

  const submitRating = async (ticket: MyTicket) => {
    const draft = draftOf(ticket);
    if (draft.rating < 1 || busyId) return;
    setBusyId(ticket.id);
    setError(null);
    try {
      await rate(ticket.eventId, draft.rating, draft.comment.trim());
      void Taro.showToast({ title: t('tickets.rate.thanks'), icon: 'none' });
    } catch (err) {
      setError(friendlyError(err));
    } finally {
      setBusyId(null);
    }
  };

  const stars = (value: number, onPick?: (n: number) => void) => (
    <View className="tickets__stars" data-rating={value}>
      {STARS.map((n) => (
        <Text
          key={n}
          className={`tickets__star${n <= value ? ' tickets__star--on' : ''}`}
          data-star={n}
          onClick={onPick ? () => onPick(n) : undefined}
        >
          ★
        </Text>
      ))}
    </View>
  );

  const ratingPart = (ticket: MyTicket) => {
    if (!ticket.checkedInAt || now < Date.parse(ticket.event.startsAt)) return null;
    if (ticket.rating !== null) {
      return (
        <View className="tickets__rated">
          <Text className="tickets__rate-label">{t('tickets.rate.given')}</Text>
          {stars(ticket.rating)}
        </View>
      );
    }
    const draft = draftOf(ticket);
    return (
      <View className="tickets__rate" data-form="rating">
        <Text className="tickets__rate-label">{t('tickets.rate.title')}</Text>
        {stars(draft.rating, (rating) => setDraft(ticket, { rating }))}
        <Textarea
          className="tickets__comment"
          value={draft.comment}
          maxlength={COMMENT_MAX}
          placeholder={t('tickets.rate.placeholder')}
          placeholderClass="placeholder"
          onInput={(e) => setDraft(ticket, { comment: e.detail.value })}
        />
        <Button
          className="btn-primary tickets__rate-submit"
          onClick={() => void submitRating(ticket)}
          disabled={draft.rating < 1 || busyId === ticket.id || undefined}
        >
          {t('tickets.rate.submit')}
        </Button>
      </View>
    );
  };

  const card = (ticket: MyTicket) => {
    const standing = standingOf(ticket, now);
    const showsQr = standing === 'confirmed';
    return (
      <View
        key={ticket.id}
        className={`card-surface tickets__item tickets__item--${standing}`}
        data-ticket={ticket.event.title}
        data-standing={standing}
      >
        <View
          className="tickets__head"
          onClick={() => Taro.navigateTo({ url: `${ROUTES.event}?id=${ticket.eventId}` })}
        >
          <Text className="tickets__name">{ticket.event.title}</Text>
          <Text className={`event-chip event-chip--${ticket.status}`} data-chip="standing">
            {t(`tickets.standing.${standing}` as MessageKey)}
          </Text>
        </View>
        <Text className="tickets__meta">
          {formatEventWhen(t, ticket.event.startsAt, ticket.event.endsAt)}
        </Text>
        <Text className="tickets__meta">
          {ticket.event.venue} · {t('tickets.seats', { seats: ticket.seats })}
        </Text>
        {showsQr ? (
          <View className="tickets__pass">
            <TicketPass code={ticket.ticketCode} />
          </View>
        ) : null}
        {standing === 'waitlisted' ? (
          <View className="tickets__waitlist">
            <Text className="tickets__position" data-position={ticket.waitlistPosition ?? ''}>
              {t('tickets.waitlist', { position: ticket.waitlistPosition ?? '—' })}
            </Text>
            <Text className="tickets__hint">{t('event.result.waitlistedHint')}</Text>
          </View>
        ) : null}
        {standing === 'confirmed' || standing === 'waitlisted' ? (
          <Text className="tickets__cancel" data-action="cancel" onClick={() => void askCancel(ticket)}>
            {t(standing === 'waitlisted' ? 'tickets.leaveWaitlist' : 'tickets.cancel')}
          </Text>
        ) : null}
        {ratingPart(ticket)}
      </View>
    );
  };

  return (
    <View className="page tickets">
      {error ? <View className="banner-error">{error}</View> : null}
      {!isLoaded && !error ? <Text className="lead">{t('common.loading')}</Text> : null}
      {isLoaded && tickets.length === 0 && !error ? (
        <View className="tickets__empty">
          <Text className="lead">{t('tickets.empty')}</Text>
          <Button
            className="btn-ghost tickets__to-events"
            onClick={() => Taro.switchTab({ url: ROUTES.events })}
          >
            {t('tickets.toEvents')}
          </Button>
        </View>
      ) : null}
      {upcoming.length > 0 ? <Text className="eyebrow tickets__group">{t('tickets.upcoming')}</Text> : null}
      {upcoming.map(card)}
      {past.length > 0 ? <Text className="eyebrow tickets__group">{t('tickets.past')}</Text> : null}
      {past.map(card)}
    </View>
  );
}
