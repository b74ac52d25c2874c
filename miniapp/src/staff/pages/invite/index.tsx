import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { ClubEvent, InvitableMember } from '@vip-club/shared';
import { useState } from 'react';
import { Field } from '../../../components/field';
import { StaffRow } from '../../../components/staff-row';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { clubShortDateTime } from '../../../lib/club-time';
import { friendlyError } from '../../../lib/errors';
import { printMemberNo } from '../../../lib/format';
import { ROUTES } from '../../../routes';
import {
  isSelectable,
  NOTE_MAX_LENGTH,
  useInvitationsStore,
  type InvitationOutcome,
} from '../../../stores/invitations.store';
import { useSessionStore } from '../../../stores/session.store';
// The note box is the manager forms' textarea, look and all.
import '../../../manager/manager.scss';
import '../staff.scss';
import './index.scss';

function EventCard({ event, onChoose }: { event: ClubEvent; onChoose: () => void }) {
  const t = useT();
  return (
    <View
      className="card-surface invite__event"
      data-event-id={event.id}
      data-event={event.title}
      onClick={onChoose}
    >
      <Text className="invite__event-title">{event.title}</Text>
      <Text className="invite__event-meta">
        {clubShortDateTime(event.startsAt)} · {event.venue}
      </Text>
      <Text className="invite__event-seats" data-seats-left={event.seatsLeft}>
        {event.seatsLeft > 0
          ? t('eventsInvite.event.seatsLeft', { seats: event.seatsLeft })
          : t('eventsInvite.event.full')}
      </Text>
    </View>
  );
}

function MemberRow({
  member,
  isOn,
  onToggle,
}: {
  member: InvitableMember;
  isOn: boolean;
  onToggle: () => void;
}) {
  const t = useT();
  const disabled = !isSelectable(member);
  return (
    <View
      className={`invite__member${isOn ? ' invite__member--on' : ''}${disabled ? ' invite__member--off' : ''}`}
      data-member-id={member.id}
      data-member-no={member.memberNo}
      role="checkbox"
      aria-checked={isOn}
      aria-disabled={disabled}
      onClick={onToggle}
    >
      <View className="invite__tick">{isOn ? '✓' : ''}</View>
      <View className="invite__member-main">
        <Text className="invite__member-name">{member.name}</Text>
        <Text className="invite__member-no">{printMemberNo(member.memberNo)}</Text>
      </View>
      {member.isRegistered ? (
        <Text className="invite__tag" data-tag="registered">
          {t('eventsInvite.tag.registered')}
        </Text>
      ) : member.isInvited ? (
        <Text className="invite__tag" data-tag="invited">
          {t('eventsInvite.tag.invited')}
        </Text>
      ) : null}
      <Text className={`staff__badge staff__badge--${member.tier}`}>{t(`tier.${member.tier}`)}</Text>
    </View>
  );
}

function Outcomes({ outcomes, onMore }: { outcomes: InvitationOutcome[]; onMore: () => void }) {
  const t = useT();
  const sent = outcomes.filter((o) => o.result === 'sent').length;
  return (
    <View className="invite__outcomes" data-result="invitations" data-sent={sent}>
      <View className="card-surface invite__summary">
        <Text className="invite__summary-head">
          {sent > 0 ? t('eventsInvite.done', { count: sent }) : t('eventsInvite.done.none')}
        </Text>
        {outcomes.map((o) => (
          <StaffRow
            key={o.member.id}
            data-outcome={o.result}
            data-push={o.push}
            data-member-id={o.member.id}
            label={`${o.member.name} · ${printMemberNo(o.member.memberNo)}`}
            isLabelMuted={false}
            valueClassName={`invite__result invite__result--${o.result === 'sent' ? 'sent' : 'other'}`}
          >
            {o.result === 'sent' && o.push === 'skipped'
              ? t('eventsInvite.result.sent.inboxOnly')
              : t(`eventsInvite.result.${o.result}`)}
          </StaffRow>
        ))}
      </View>
      <Button className="btn-primary staff__submit" data-action="invite-more" onClick={onMore}>
        {t('eventsInvite.again')}
      </Button>
    </View>
  );
}

/** A clerk invites their own members, personally, to an upcoming club event. */
export default function StaffInvitePage() {
  const t = useT();
  usePageChrome('eventsInvite.title');
  const {
    events,
    loadEvents,
    event,
    chooseEvent,
    members,
    nextCursor,
    isLoadingMembers,
    loadMoreMembers,
    selected,
    toggle,
    toggleAllShown,
    note,
    setNote,
    outcomes,
    send,
    inviteMore,
  } = useInvitationsStore();
  const [error, setError] = useState<string | null>(null);
  const [isSending, setSending] = useState(false);

  const fail = (err: unknown) => setError(friendlyError(err));

  useDidShow(() => {
    if (!useSessionStore.getState().staff) {
      Taro.redirectTo({ url: ROUTES.staffLogin });
      return;
    }
    setError(null);
    loadEvents().catch(fail);
  });

  const choose = (next: ClubEvent | null) => {
    setError(null);
    chooseEvent(next).catch(fail);
  };

  const submit = async () => {
    if (isSending || selected.length === 0) return;
    setError(null);
    setSending(true);
    try {
      await send();
    } catch (err) {
      fail(err);
    } finally {
      setSending(false);
    }
  };

  const selectable = members.filter(isSelectable);
  const allOn = selectable.length > 0 && selectable.every((m) => selected.includes(m.id));

  return (
    <View className="page staff invite">
      <Text className="title">{t('eventsInvite.title')}</Text>
      <Text className="lead">{t('eventsInvite.lead')}</Text>
      <View className="hairline" />
      {error ? <View className="banner-error">{error}</View> : null}

      {!event ? (
        <View className="invite__events">
          {events && events.length === 0 ? (
            <Text className="lead">{t('eventsInvite.events.none')}</Text>
          ) : null}
          {events?.map((e) => (
            <EventCard key={e.id} event={e} onChoose={() => choose(e)} />
          ))}
        </View>
      ) : (
        <View>
          <View className="invite__chosen" data-event-id={event.id}>
            <View className="invite__chosen-main">
              <Text className="invite__event-title">{event.title}</Text>
              <Text className="invite__event-meta">
                {clubShortDateTime(event.startsAt)} ·{' '}
                {event.seatsLeft > 0
                  ? t('eventsInvite.event.seatsLeft', { seats: event.seatsLeft })
                  : t('eventsInvite.event.full')}
              </Text>
            </View>
            <Text className="invite__change" data-action="change-event" onClick={() => choose(null)}>
              {t('eventsInvite.event.change')}
            </Text>
          </View>

          {outcomes ? (
            <Outcomes outcomes={outcomes} onMore={inviteMore} />
          ) : (
            <View>
              <View className="invite__list-head">
                <Text className="staff__section-title invite__section">
                  {t('eventsInvite.members.title')}
                </Text>
                {selectable.length > 0 ? (
                  <Text className="invite__all" data-action="select-all" onClick={toggleAllShown}>
                    {allOn ? t('eventsInvite.members.clearAll') : t('eventsInvite.members.selectAll')}
                  </Text>
                ) : null}
              </View>
              {!isLoadingMembers && members.length === 0 ? (
                <Text className="lead">{t('eventsInvite.members.none')}</Text>
              ) : null}
              <View className="card-surface invite__members">
                {members.map((m) => (
                  <MemberRow
                    key={m.id}
                    member={m}
                    isOn={selected.includes(m.id)}
                    onToggle={() => toggle(m.id)}
                  />
                ))}
              </View>
              {nextCursor ? (
                <Text
                  className="staff__or"
                  data-action="more-members"
                  onClick={() => loadMoreMembers().catch(fail)}
                >
                  {t('eventsInvite.members.more')}
                </Text>
              ) : null}

              <Field
                name="note"
                label={t('eventsInvite.note')}
                hint={t('eventsInvite.note.count', { count: note.length, max: NOTE_MAX_LENGTH })}
              >
                <Textarea
                  className="manager__textarea"
                  value={note}
                  maxlength={NOTE_MAX_LENGTH}
                  placeholder={t('eventsInvite.note.placeholder')}
                  onInput={(e) => setNote(e.detail.value)}
                />
              </Field>

              <Button
                className="btn-primary staff__submit"
                data-action="send-invitations"
                disabled={selected.length === 0 || isSending}
                loading={isSending}
                onClick={() => void submit()}
              >
                {selected.length > 0
                  ? t('eventsInvite.send', { count: selected.length })
                  : t('eventsInvite.send.none')}
              </Button>
            </View>
          )}
        </View>
      )}
    </View>
  );
}
