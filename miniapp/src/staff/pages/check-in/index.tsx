import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { TicketCodeSchema, type ClubEvent } from '@vip-club/shared';
import { useRef, useState } from 'react';
import { Chips } from '../../../components/chips';
import { Field } from '../../../components/field';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { ApiError } from '../../../lib/api-error';
import { clubClock, isSameClubDay } from '../../../lib/club-time';
import { friendlyError } from '../../../lib/errors';
import { decodedParam } from '../../../lib/route-params';
import { scanCode } from '../../../lib/scan';
import { ROUTES } from '../../../routes';
import { listEventsForStaff } from '../../../services/events-staff.service';
import { useEventsStaffStore, type DoorAnswer } from '../../../stores/events-staff.store';
import { useSessionStore } from '../../../stores/session.store';
import { CodeEntry } from '../../code-entry';
import '../staff.scss';
import './index.scss';

/** The door opens three hours before an event starts (as the server allows) and closes when it ends. */
const DOOR_OPENS_BEFORE_MS = 3 * 3_600_000;

/** Events a clerk may be receiving guests for now: today's, or any whose door is open. */
function isToday(event: ClubEvent, now: number): boolean {
  const doorOpen =
    Date.parse(event.startsAt) - DOOR_OPENS_BEFORE_MS <= now && now <= Date.parse(event.endsAt);
  return doorOpen || isSameClubDay(event.startsAt, now);
}

function Answer({ answer }: { answer: DoorAnswer }) {
  const t = useT();
  if (answer.kind === 'welcome') {
    return (
      <View className="check-in__answer check-in__answer--welcome" data-answer="welcome">
        <Text className="check-in__headline">
          {t('eventsStaff.checkIn.welcome', { name: answer.name, seats: answer.seats })}
        </Text>
        <Text className={`staff__badge staff__badge--${answer.tier} check-in__tier`}>
          {t(`tier.${answer.tier}`)}
        </Text>
        {answer.guests ? (
          <Text className="check-in__detail">
            {t('eventsStaff.checkIn.guests', { guests: answer.guests })}
          </Text>
        ) : null}
      </View>
    );
  }
  if (answer.kind === 'repeat') {
    return (
      <View className="check-in__answer check-in__answer--repeat" data-answer="repeat">
        <Text className="check-in__headline">
          {t('eventsStaff.checkIn.repeat', { time: clubClock(answer.checkedInAt) })}
        </Text>
        <Text className="check-in__detail">{answer.name}</Text>
      </View>
    );
  }
  const code = answer.error instanceof ApiError ? answer.error.code : 'UNKNOWN';
  const text =
    code === 'TICKET_NOT_CONFIRMED'
      ? t('eventsStaff.checkIn.notConfirmed')
      : code === 'NOT_FOUND'
        ? t('eventsStaff.checkIn.unknown')
        : code === 'CONFLICT'
          ? t('eventsStaff.checkIn.doorClosed')
          : friendlyError(answer.error);
  return (
    <View className="check-in__answer check-in__answer--refused" data-answer="refused" data-code={code}>
      <Text className="check-in__headline">{t('eventsStaff.checkIn.refused')}</Text>
      <Text className="check-in__detail">{text}</Text>
    </View>
  );
}

/** The door: choose today's event, scan or type each ticket, and get a big clear answer. */
export default function StaffCheckInPage() {
  const t = useT();
  usePageChrome('eventsStaff.checkIn.title');
  const { params } = useRouter();
  const [events, setEvents] = useState<ClubEvent[] | null>(null);
  const [code, setCode] = useState('');
  const [answer, setAnswer] = useState<DoorAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const busy = useRef(false);
  const event = useEventsStaffStore((s) => s.event);
  const loadEvent = useEventsStaffStore((s) => s.loadEvent);
  const admit = useEventsStaffStore((s) => s.admit);

  const chosen = events?.find((e) => e.id === event?.id) ? event : null;

  const choose = (id: string) => {
    setAnswer(null);
    loadEvent(id).catch((err: unknown) => setError(friendlyError(err)));
  };

  useDidShow(() => {
    if (!useSessionStore.getState().staff) {
      Taro.redirectTo({ url: ROUTES.staffLogin });
      return;
    }
    listEventsForStaff({ status: 'published', limit: 100 })
      .then((page) => {
        const now = Date.now();
        const today = page.items
          .filter((e) => isToday(e, now))
          .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
        setEvents(today);
        const wanted = decodedParam(params.id);
        const pick = today.find((e) => e.id === wanted) ?? (today.length === 1 ? today[0] : undefined);
        if (pick) choose(pick.id);
      })
      .catch((err: unknown) => setError(friendlyError(err)));
  });

  const admitCode = async (raw: string) => {
    if (busy.current || !chosen) return;
    const parsed = TicketCodeSchema.safeParse(raw);
    setError(null);
    if (!parsed.success) {
      setError(t('eventsStaff.checkIn.error.code'));
      return;
    }
    busy.current = true;
    setBusy(true);
    try {
      setAnswer(await admit(chosen.id, parsed.data));
      setCode('');
    } finally {
      busy.current = false;
      setBusy(false);
    }
  };

  const scan = async () => {
    try {
      const scanned = await scanCode();
      setCode(scanned);
      await admitCode(scanned);
    } catch {
      // The clerk closed the scanner: nothing to say.
    }
  };

  return (
    <View className="page staff check-in">
      <Text className="title">{t('eventsStaff.checkIn.title')}</Text>
      <View className="hairline" />

      {events && events.length === 0 ? <Text className="lead">{t('eventsStaff.checkIn.none')}</Text> : null}
      {events && events.length > 1 ? (
        <Field name="event" label={t('eventsStaff.checkIn.choose')}>
          <Chips
            options={events.map((e) => ({ value: e.id, label: `${clubClock(e.startsAt)} ${e.title}` }))}
            selected={chosen ? [chosen.id] : []}
            onToggle={choose}
          />
        </Field>
      ) : null}

      {chosen ? (
        <View className="check-in__event" data-event-id={chosen.id}>
          <Text className="check-in__event-title">{chosen.title}</Text>
          <Text
            className="check-in__count"
            data-checked-in={chosen.checkedInSeats}
            data-confirmed={chosen.confirmedSeats}
          >
            {t('eventsStaff.checkIn.count', {
              arrived: chosen.checkedInSeats,
              expected: chosen.confirmedSeats,
            })}
          </Text>
        </View>
      ) : null}

      {answer ? <Answer answer={answer} /> : null}

      {chosen ? (
        <CodeEntry
          name="ticketCode"
          errorName="check-in"
          label={t('eventsStaff.checkIn.code')}
          placeholder={t('eventsStaff.checkIn.code.placeholder')}
          scanLabel={t('eventsStaff.checkIn.scan')}
          submitLabel={t('eventsStaff.checkIn.submit')}
          inputClassName="check-in__input"
          submitAction="check-in"
          code={code}
          error={error}
          isBusy={isBusy}
          onCode={setCode}
          onScan={() => void scan()}
          onSubmit={() => void admitCode(code)}
        />
      ) : error ? (
        <View className="banner-error">{error}</View>
      ) : null}
    </View>
  );
}
