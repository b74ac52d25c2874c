import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import {
  fillGreetingText,
  GREETING_CHANNELS,
  GREETING_FIELDS,
  GREETING_PURPOSES,
  type GreetingResult,
  type MemberDetail,
} from '@vip-club/shared';
import { useRef, useState } from 'react';
import { Chips } from '../../../components/chips';
import { Field } from '../../../components/field';
import { ToggleRow } from '../../../components/toggle-row';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { ApiError } from '../../../lib/api-error';
import { toClubDateTime } from '../../../lib/club-time';
import { friendlyError } from '../../../lib/errors';
import { ROUTES } from '../../../routes';
import { useClerkStore } from '../../../stores/clerk.store';
import { GREETING_MAX_LENGTH, greetingFieldsOf, useGreetingStore } from '../../../stores/greeting.store';
import { useSessionStore } from '../../../stores/session.store';
import { Deliveries } from '../member/deliveries';
// The text box is the manager forms' textarea, look and all.
import '../../../manager/manager.scss';
import '../staff.scss';
import './index.scss';

function SendResult({ result, member }: { result: GreetingResult; member: MemberDetail }) {
  const t = useT();
  return (
    <View className="greet__result" data-result="greeting">
      <View className="card-surface greet__result-card">
        <Text className="greet__result-head">{t('greet.done', { name: member.name })}</Text>
        <Deliveries deliveries={result.deliveries} />
      </View>
      <View className="staff__actions">
        <Button className="btn-primary" data-action="back-to-member" onClick={() => void Taro.navigateBack()}>
          {t('greet.back.member')}
        </Button>
        <Button
          className="btn-ghost"
          data-action="back-to-worklist"
          onClick={() => void Taro.reLaunch({ url: ROUTES.staffWorklist })}
        >
          {t('greet.back.worklist')}
        </Button>
      </View>
    </View>
  );
}

/** A clerk's greeting to one member: a template or their own words, previewed as the member will read it. */
export default function StaffGreetPage() {
  const t = useT();
  usePageChrome('greet.title');
  const { params } = useRouter();
  const memberId = params.memberId ?? '';
  const member = useClerkStore((s) => s.members[memberId]);
  const ensureMember = useClerkStore((s) => s.ensureMember);
  const {
    templates,
    loadTemplates,
    draft,
    start,
    setText,
    chooseTemplate,
    toggleChannel,
    setPurpose,
    result,
    send,
  } = useGreetingStore();
  const [error, setError] = useState<string | null>(null);
  const [isSending, setSending] = useState(false);
  // Where a personal field goes when tapped: the caret as last reported, else the end.
  const caret = useRef<number | null>(null);

  useDidShow(() => {
    if (!useSessionStore.getState().staff) {
      Taro.redirectTo({ url: ROUTES.staffLogin });
      return;
    }
    start(memberId);
    setError(null);
    ensureMember(memberId).catch((err: unknown) => setError(friendlyError(err)));
    loadTemplates().catch((err: unknown) => setError(friendlyError(err)));
  });

  const insertField = (field: string) => {
    const token = `{${field}}`;
    const at = Math.min(caret.current ?? draft.text.length, draft.text.length);
    const next = `${draft.text.slice(0, at)}${token}${draft.text.slice(at)}`;
    if (next.length > GREETING_MAX_LENGTH) return;
    caret.current = at + token.length;
    setText(next);
  };

  const submit = async () => {
    if (isSending) return;
    if (!draft.text.trim()) {
      setError(t('greet.empty'));
      return;
    }
    setError(null);
    setSending(true);
    try {
      await send();
    } catch (err) {
      const nextAllowedAt =
        err instanceof ApiError && err.code === 'CONTACT_CAP_REACHED' && !Array.isArray(err.details)
          ? err.details?.nextAllowedAt
          : undefined;
      if (typeof nextAllowedAt === 'string') {
        const at = toClubDateTime(nextAllowedAt);
        setError(t('greet.capped', { time: `${at.date} ${at.time}` }));
      } else {
        setError(friendlyError(err));
      }
    } finally {
      setSending(false);
    }
  };

  if (!member) {
    return (
      <View className="page staff greet">
        {error ? (
          <View className="banner-error">{error}</View>
        ) : (
          <Text className="lead">{t('common.loading')}</Text>
        )}
      </View>
    );
  }

  const preview = draft.text.trim() ? fillGreetingText(draft.text.trim(), greetingFieldsOf(member)) : '';

  return (
    <View className="page staff greet" data-member-id={member.id}>
      <Text className="eyebrow">{t('greet.to', { name: member.name })}</Text>
      <Text className="title">{t('greet.title')}</Text>
      <View className="hairline" />

      {result ? (
        <SendResult result={result} member={member} />
      ) : (
        <View>
          <Field name="template" label={t('greet.templates')}>
            {templates && templates.length === 0 ? (
              <Text className="lead">{t('greet.templates.none')}</Text>
            ) : (
              <Chips
                options={(templates ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name }))}
                selected={draft.templateId ? [draft.templateId] : []}
                onToggle={(id) => {
                  const template = templates?.find((tpl) => tpl.id === id);
                  if (template) {
                    caret.current = null;
                    chooseTemplate(template);
                  }
                }}
              />
            )}
          </Field>

          <Field
            name="text"
            label={t('greet.text')}
            hint={t('greet.text.count', { count: draft.text.length, max: GREETING_MAX_LENGTH })}
          >
            <Textarea
              className="manager__textarea greet__text"
              value={draft.text}
              maxlength={GREETING_MAX_LENGTH}
              placeholder={t('greet.text.placeholder')}
              onInput={(e) => {
                caret.current = e.detail.cursor ?? null;
                setText(e.detail.value);
              }}
            />
          </Field>

          <Field name="fields" label={t('greet.fields')}>
            <View className="chips">
              {GREETING_FIELDS.map((field) => (
                <View
                  key={field}
                  className="chip greet__field"
                  data-insert={field}
                  onClick={() => insertField(field)}
                >
                  <Text>+ {t(`greet.field.${field}`)}</Text>
                </View>
              ))}
            </View>
          </Field>

          <Text className="staff__section-title">{t('greet.preview')}</Text>
          <View className="card-surface greet__preview" data-preview="greeting">
            <Text className="greet__preview-kind">{t('inbox.kind.greeting')}</Text>
            <Text className="greet__preview-title">{t('greet.preview.title')}</Text>
            <Text className={`greet__preview-body${preview ? '' : ' greet__preview-body--empty'}`}>
              {preview || t('greet.preview.empty')}
            </Text>
          </View>

          <Field name="channels" label={t('greet.channels')}>
            {GREETING_CHANNELS.map((channel) => (
              <ToggleRow
                key={channel}
                name={`channel-${channel}`}
                label={
                  channel === 'inbox'
                    ? `${t('greet.channel.inbox')} · ${t('greet.channel.inbox.locked')}`
                    : t(`greet.channel.${channel}`)
                }
                isOn={draft.channels.includes(channel)}
                onChange={() => toggleChannel(channel)}
              />
            ))}
          </Field>

          <Field name="purpose" label={t('greet.purpose')} hint={t('greet.purpose.hint')}>
            <Chips
              options={GREETING_PURPOSES.map((p) => ({ value: p, label: t(`greet.purpose.${p}`) }))}
              selected={[draft.purpose]}
              onToggle={setPurpose}
            />
          </Field>

          {error ? (
            <View className="banner-error" data-error="greeting">
              {error}
            </View>
          ) : null}

          <Button
            className="btn-primary greet__send"
            data-action="send-greeting"
            disabled={isSending}
            loading={isSending}
            onClick={() => void submit()}
          >
            {t('greet.send')}
          </Button>
        </View>
      )}
    </View>
  );
}
