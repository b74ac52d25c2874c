import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  AGE_BANDS,
  CancelEventInputSchema,
  CreateEventInputSchema,
  EVENT_KINDS,
  EventEligibilitySchema,
  GENDERS,
  MAX_GUESTS_ALLOWED,
  TIERS,
  type ClubEvent,
  type CreateEventInput,
  type Store,
  type UpdateEventInput,
} from '@vip-club/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Chips } from '../../../components/chips';
import { Field } from '../../../components/field';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT, type MessageKey } from '../../../i18n';
import { INTERESTS } from '../../../interests';
import { ApiError } from '../../../lib/api-error';
import { friendlyError } from '../../../lib/errors';
import { formatPoints } from '../../../lib/format';
import { decodedParam } from '../../../lib/route-params';
import { ROUTES } from '../../../routes';
import { cancelEvent, createEvent, publishEvent, updateEvent } from '../../../services/events-staff.service';
import { listStores } from '../../../services/store.service';
import { useEventsStaffStore } from '../../../stores/events-staff.store';
import { useManagerGuard } from '../../use-manager-guard';
import { DateTimePicker } from './date-time-picker';
import { TextInput } from './text-input';
import {
  draftOf,
  eligibilityOf,
  emptyDraft,
  fieldErrorsOf,
  inputOf,
  issuesOfFieldErrors,
  type DraftField,
  type EventDraft,
} from './event-draft';
import '../../../staff/pages/staff.scss';
import '../../manager.scss';
import '../events/index.scss';
import './index.scss';

type Notice = { isOk: boolean; text: string };

const toggle = <T,>(list: readonly T[], value: T): T[] =>
  list.includes(value) ? list.filter((x) => x !== value) : [...list, value];

/**
 * Plans one club event: what, where, when, for whom. The audience is built from chips and the
 * number of members it reaches is counted live, so the manager sees whom an evening will invite
 * before anyone is invited.
 */
export default function ManagerEventEditorPage() {
  const t = useT();
  usePageChrome('eventsStaff.editor.title');
  const { params } = useRouter();
  const [event, setEvent] = useState<ClubEvent | null>(null);
  const [draft, setDraft] = useState<EventDraft>(() => emptyDraft());
  const [stores, setStores] = useState<Store[]>([]);
  const [errors, setErrors] = useState<Partial<Record<DraftField, MessageKey>>>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [isConfirming, setConfirming] = useState(false);
  const [interestText, setInterestText] = useState('');
  const [cancelReason, setCancelReason] = useState('');
  const [cancelError, setCancelError] = useState<string | null>(null);
  const busy = useRef(false);
  const audienceCount = useEventsStaffStore((s) => s.audienceCount);
  const isCounting = useEventsStaffStore((s) => s.isCounting);
  const countAudienceSoon = useEventsStaffStore((s) => s.countAudienceSoon);
  const loadEvent = useEventsStaffStore((s) => s.loadEvent);

  const eventId = event?.id ?? decodedParam(params.id);
  // A published event's invitations are out: who was invited can no longer change.
  const isAudienceLocked = event !== null && event.status !== 'draft';
  const isCancelled = event?.status === 'cancelled';

  useManagerGuard(() => {
    listStores()
      .then(setStores)
      .catch(() => undefined);
    if (eventId && !event) {
      loadEvent(eventId)
        .then((loaded) => {
          setEvent(loaded);
          setDraft(draftOf(loaded));
        })
        .catch((err: unknown) => setNotice({ isOk: false, text: friendlyError(err) }));
    }
  });

  const eligibility = useMemo(() => eligibilityOf(draft), [draft]);
  const eligibilityKey = JSON.stringify(eligibility);
  useEffect(() => {
    // Half-typed member ids would only be refused: the count waits until the audience is valid.
    if (EventEligibilitySchema.safeParse(eligibility).success) countAudienceSoon(eligibility);
    // Keyed on the eligibility's content: a new but equal object must not count again.
  }, [eligibilityKey]);

  const set = (patch: Partial<EventDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setAudience = (patch: Partial<EventDraft>) => {
    if (!isAudienceLocked) set(patch);
  };

  // Once a save has shown what is wrong, each field's sentence goes away as soon as it is put right.
  const [hasTriedSaving, setTriedSaving] = useState(false);
  useEffect(() => {
    if (!hasTriedSaving) return;
    const parsed = CreateEventInputSchema.safeParse(inputOf(draft));
    setErrors(parsed.success ? {} : fieldErrorsOf(parsed.error.issues));
  }, [draft, hasTriedSaving]);

  const errorOf = (field: DraftField) => (errors[field] ? t(errors[field]) : undefined);

  /** Checks the form with the shared schema; the fields at fault show why, beside themselves. */
  const validated = (): CreateEventInput | null => {
    setTriedSaving(true);
    const parsed = CreateEventInputSchema.safeParse(inputOf(draft));
    if (parsed.success) {
      setErrors({});
      return parsed.data;
    }
    setErrors(fieldErrorsOf(parsed.error.issues));
    setNotice({ isOk: false, text: t('error.VALIDATION_FAILED') });
    return null;
  };

  const run = async (work: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    setBusy(true);
    setNotice(null);
    try {
      await work();
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(fieldErrorsOf(issuesOfFieldErrors(err.fieldErrors)));
      }
      setNotice({ isOk: false, text: friendlyError(err) });
    } finally {
      busy.current = false;
      setBusy(false);
    }
  };

  /** Creates the draft, or saves changes; a published event keeps its audience as it went out. */
  const persist = async (input: CreateEventInput): Promise<ClubEvent> => {
    if (!event) return createEvent(input);
    if (event.status === 'draft') return updateEvent(event.id, input);
    const changes: UpdateEventInput = { ...input };
    delete changes.eligibility;
    return updateEvent(event.id, changes);
  };

  const save = () => {
    const input = validated();
    if (!input) return;
    void run(async () => {
      const saved = await persist(input);
      setEvent(saved);
      setNotice({ isOk: true, text: t('eventsStaff.editor.saved') });
    });
  };

  const askPublish = () => {
    const input = validated();
    if (!input) return;
    setNotice(null);
    countAudienceSoon(eligibility);
    setConfirming(true);
  };

  const publish = () => {
    const input = validated();
    if (!input) return;
    void run(async () => {
      const saved = await persist(input);
      const published = await publishEvent(saved.id);
      setEvent(published);
      setConfirming(false);
      setNotice({ isOk: true, text: t('eventsStaff.editor.published') });
    });
  };

  const cancel = () => {
    if (!event) return;
    const parsed = CancelEventInputSchema.safeParse({ reason: cancelReason });
    if (!parsed.success) {
      setCancelError(t('eventsStaff.error.cancelReason'));
      return;
    }
    setCancelError(null);
    void run(async () => {
      setEvent(await cancelEvent(event.id, parsed.data.reason));
      setNotice({ isOk: true, text: t('eventsStaff.editor.cancelled') });
    });
  };

  const addInterest = () => {
    const tag = interestText.trim();
    if (tag && !draft.interests.includes(tag)) setAudience({ interests: [...draft.interests, tag] });
    setInterestText('');
  };

  const interestOptions = [
    ...INTERESTS.map((i) => ({ value: i.tag, label: t(i.label) })),
    ...draft.interests
      .filter((tag) => !INTERESTS.some((i) => i.tag === tag))
      .map((tag) => ({ value: tag, label: tag })),
  ];

  const countText =
    audienceCount === null
      ? t('eventsStaff.audience.counting')
      : t('eventsStaff.audience.count', { count: formatPoints(audienceCount) });

  return (
    <View className="page staff manager event-editor">
      <View className="event-editor__head">
        <Text className="title">
          {event ? event.title : eventId ? t('common.loading') : t('eventsStaff.editor.new')}
        </Text>
        {event ? (
          <Text className={`events__status events__status--${event.status}`} data-status={event.status}>
            {t(`eventsStaff.status.${event.status}`)}
          </Text>
        ) : null}
      </View>
      <View className="hairline" />
      {notice ? (
        <View
          className={notice.isOk ? 'staff__ok' : 'banner-error'}
          data-notice={notice.isOk ? 'ok' : 'error'}
        >
          {notice.text}
        </View>
      ) : null}
      {isCancelled && event?.cancelReason ? (
        <Text className="lead">
          {t('eventsStaff.editor.cancelReasonShown', { reason: event.cancelReason })}
        </Text>
      ) : null}

      <Text className="staff__section-title">{t('eventsStaff.editor.basics')}</Text>
      <Field name="title" label={t('eventsStaff.field.title')} error={errorOf('title')}>
        <TextInput value={draft.title} maxlength={60} onChange={(value) => set({ title: value })} />
      </Field>
      <Field name="kind" label={t('eventsStaff.field.kind')}>
        <Chips
          options={EVENT_KINDS.map((k) => ({ value: k, label: t(`eventsStaff.kind.${k}`) }))}
          selected={[draft.kind]}
          onToggle={(kind) => set({ kind })}
        />
      </Field>
      <Field name="description" label={t('eventsStaff.field.description')} error={errorOf('description')}>
        <Textarea
          className="manager__textarea"
          value={draft.description}
          maxlength={4000}
          onInput={(e) => set({ description: e.detail.value })}
        />
      </Field>
      <Field name="venue" label={t('eventsStaff.field.venue')} error={errorOf('venue')}>
        <TextInput value={draft.venue} maxlength={120} onChange={(value) => set({ venue: value })} />
      </Field>
      <Field
        name="hostStore"
        label={t('eventsStaff.field.hostStore')}
        hint={t('eventsStaff.field.hostStore.hint')}
      >
        <Chips
          options={[
            { value: '', label: t('eventsStaff.field.hostStore.none') },
            ...stores.map((s) => ({ value: s.id, label: s.name })),
          ]}
          selected={[draft.storeId ?? '']}
          onToggle={(id) => set({ storeId: id || null })}
        />
      </Field>
      <Field name="cover" label={t('eventsStaff.field.cover')} error={errorOf('coverImageUrl')}>
        <TextInput
          value={draft.coverImageUrl}
          maxlength={500}
          placeholder={t('common.optional')}
          onChange={(value) => set({ coverImageUrl: value })}
        />
      </Field>
      <Field name="startsAt" label={t('eventsStaff.field.startsAt')} error={errorOf('startsAt')}>
        <DateTimePicker name="startsAt" value={draft.starts} onChange={(starts) => set({ starts })} />
      </Field>
      <Field name="endsAt" label={t('eventsStaff.field.endsAt')} error={errorOf('endsAt')}>
        <DateTimePicker name="endsAt" value={draft.ends} onChange={(ends) => set({ ends })} />
      </Field>
      <View className="manager__grid">
        <Field name="capacity" label={t('eventsStaff.field.capacity')} error={errorOf('capacity')}>
          <TextInput
            type="number"
            value={draft.capacity}
            maxlength={6}
            onChange={(value) => set({ capacity: value })}
          />
        </Field>
        <Field name="pointsCost" label={t('eventsStaff.field.pointsCost')} error={errorOf('pointsCost')}>
          <TextInput
            type="number"
            value={draft.pointsCost}
            maxlength={9}
            onChange={(value) => set({ pointsCost: value })}
          />
        </Field>
      </View>
      <Field name="guestsAllowed" label={t('eventsStaff.field.guestsAllowed')}>
        <Chips
          options={Array.from({ length: MAX_GUESTS_ALLOWED + 1 }, (_, n) => ({
            value: String(n),
            label: n === 0 ? t('eventsStaff.field.guests.none') : t('eventsStaff.field.guests.n', { n }),
          }))}
          selected={[String(draft.guestsAllowed)]}
          onToggle={(n) => set({ guestsAllowed: Number(n) })}
        />
      </Field>

      <Text className="staff__section-title">{t('eventsStaff.editor.audience')}</Text>
      <Text className="manager__hint">
        {isAudienceLocked ? t('eventsStaff.audience.locked') : t('eventsStaff.audience.hint')}
      </Text>
      <View className={`event-editor__audience${isAudienceLocked ? ' event-editor__audience--locked' : ''}`}>
        <Field name="tiers" label={t('eventsStaff.audience.tiers')}>
          <Chips
            options={TIERS.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))}
            selected={draft.tiers}
            onToggle={(tier) => setAudience({ tiers: toggle(draft.tiers, tier) })}
          />
        </Field>
        <Field name="genders" label={t('eventsStaff.audience.genders')}>
          <Chips
            options={GENDERS.map((g) => ({ value: g, label: t(`gender.${g}`) }))}
            selected={draft.genders}
            onToggle={(g) => setAudience({ genders: toggle(draft.genders, g) })}
          />
        </Field>
        <Field name="ageBands" label={t('eventsStaff.audience.ageBands')}>
          <Chips
            options={AGE_BANDS.map((band) => ({ value: band, label: t(`eventsStaff.age.${band}`) }))}
            selected={draft.ageBands}
            onToggle={(band) => setAudience({ ageBands: toggle(draft.ageBands, band) })}
          />
        </Field>
        <Field name="storeIds" label={t('eventsStaff.audience.stores')}>
          <Chips
            options={stores.map((s) => ({ value: s.id, label: s.name }))}
            selected={draft.storeIds}
            onToggle={(id) => setAudience({ storeIds: toggle(draft.storeIds, id) })}
          />
        </Field>
        <Field
          name="interests"
          label={t('eventsStaff.audience.interests')}
          error={errorOf('eligibility.interests')}
        >
          <Chips
            options={interestOptions}
            selected={draft.interests}
            onToggle={(tag) => setAudience({ interests: toggle(draft.interests, tag) })}
          />
          {isAudienceLocked ? null : (
            <View className="event-editor__add-tag">
              <TextInput
                className="manager__grow"
                value={interestText}
                maxlength={20}
                placeholder={t('eventsStaff.audience.interest.placeholder')}
                onConfirm={addInterest}
                onChange={(value) => setInterestText(value)}
              />
              <Text className="manager__edit" data-action="add-interest" onClick={addInterest}>
                {t('eventsStaff.audience.interest.add')}
              </Text>
            </View>
          )}
        </Field>
        <Field
          name="memberIds"
          label={t('eventsStaff.audience.memberIds')}
          hint={t('eventsStaff.audience.memberIds.hint')}
          error={errorOf('eligibility.memberIds')}
        >
          <TextInput
            value={draft.memberIds}
            maxlength={2000}
            disabled={isAudienceLocked}
            placeholder={t('common.optional')}
            onChange={(value) => setAudience({ memberIds: value })}
          />
        </Field>
      </View>
      <View
        className="event-editor__count"
        data-audience-count={audienceCount ?? ''}
        data-counting={isCounting}
      >
        <Text className="event-editor__count-text">{countText}</Text>
      </View>

      <Text className="staff__section-title">{t('eventsStaff.editor.registration')}</Text>
      <Field name="opensAt" label={t('eventsStaff.field.opensAt')} error={errorOf('registration.opensAt')}>
        <DateTimePicker name="opensAt" value={draft.opens} onChange={(opens) => set({ opens })} />
      </Field>
      <Field name="closesAt" label={t('eventsStaff.field.closesAt')} error={errorOf('registration.closesAt')}>
        <DateTimePicker name="closesAt" value={draft.closes} onChange={(closes) => set({ closes })} />
      </Field>
      <Field
        name="priorityTiers"
        label={t('eventsStaff.field.priorityTiers')}
        hint={t('eventsStaff.field.priorityTiers.hint')}
      >
        <Chips
          options={TIERS.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))}
          selected={draft.priorityTiers}
          onToggle={(tier) => set({ priorityTiers: toggle(draft.priorityTiers, tier) })}
        />
      </Field>
      {draft.priorityTiers.length ? (
        <Field
          name="priorityOpensAt"
          label={t('eventsStaff.field.priorityOpensAt')}
          error={errorOf('registration.priorityOpensAt')}
        >
          <DateTimePicker
            name="priorityOpensAt"
            value={draft.priorityOpens}
            onChange={(priorityOpens) => set({ priorityOpens })}
          />
        </Field>
      ) : null}

      {isCancelled ? null : (
        <View className="staff__actions">
          <Button className="btn-ghost" data-action="save" onClick={save} disabled={isBusy || undefined}>
            {event ? t('eventsStaff.editor.save') : t('eventsStaff.editor.saveDraft')}
          </Button>
          {event?.status === 'published' ? null : (
            <Button
              className="btn-primary"
              data-action="publish"
              onClick={askPublish}
              disabled={isBusy || undefined}
            >
              {t('eventsStaff.editor.publish')}
            </Button>
          )}
        </View>
      )}
      {event ? (
        <Text
          className="staff__or"
          data-link="registrations"
          onClick={() => Taro.navigateTo({ url: `${ROUTES.managerEventRegistrations}?id=${event.id}` })}
        >
          {t('eventsStaff.editor.toRegistrations')} ›
        </Text>
      ) : null}

      {event && !isCancelled ? (
        <View className="event-editor__cancel">
          <Text className="staff__section-title">{t('eventsStaff.editor.cancelTitle')}</Text>
          <Field
            name="cancelReason"
            label={t('eventsStaff.editor.cancelReason')}
            error={cancelError ?? undefined}
          >
            <TextInput
              value={cancelReason}
              maxlength={200}
              placeholder={t('eventsStaff.editor.cancelReason.placeholder')}
              onChange={(value) => setCancelReason(value)}
            />
          </Field>
          <Button
            className="btn-quiet staff__submit"
            data-action="cancel-event"
            onClick={cancel}
            disabled={isBusy || undefined}
          >
            {t('eventsStaff.editor.cancelEvent')}
          </Button>
        </View>
      ) : null}

      {isConfirming ? (
        <View className="sheet" data-sheet="publish">
          <View className="sheet__scrim" onClick={() => (isBusy ? undefined : setConfirming(false))} />
          <View className="sheet__panel">
            <Text className="eyebrow">{t('eventsStaff.publish.eyebrow')}</Text>
            <Text className="sheet__name">{draft.title}</Text>
            <Text className="event-sheet__count" data-audience-count={audienceCount ?? ''}>
              {countText}
            </Text>
            <Text className="sheet__body event-sheet__note">{t('eventsStaff.publish.body')}</Text>
            <Button
              className="btn-primary"
              data-action="confirm-publish"
              onClick={publish}
              disabled={isBusy || isCounting || undefined}
            >
              {t('eventsStaff.publish.confirm')}
            </Button>
            <Button className="btn-quiet" onClick={() => setConfirming(false)} disabled={isBusy || undefined}>
              {t('eventsStaff.publish.back')}
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}
