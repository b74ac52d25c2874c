import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import {
  GREETING_FIELDS,
  GREETING_PURPOSES,
  GreetingTemplateInputSchema,
  fillGreetingText,
  type GreetingPersonalFields,
  type GreetingPurpose,
  type GreetingTemplate,
} from '@vip-club/shared';
import { useState } from 'react';
import { Chips } from '../../../components/chips';
import { Field } from '../../../components/field';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { ApiError } from '../../../lib/api-error';
import { friendlyError } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { createGreetingTemplate, listGreetingTemplates } from '../../../services/greeting-templates.service';
import { useManagerGuard } from '../../use-manager-guard';
import '../../../staff/pages/staff.scss';
import '../../manager.scss';
import './index.scss';

type GreetingField = (typeof GREETING_FIELDS)[number];

interface Draft {
  name: string;
  text: string;
  purpose: GreetingPurpose;
}

const EMPTY: Draft = { name: '', text: '', purpose: 'marketing' };

/** Braces are written here, not in the dictionaries, whose own `{x}` placeholders would swallow them. */
const token = (field: GreetingField) => `{${field}}`;

/** Templates with the personal fields, and how a clerk's message will read for a sample member. */
export default function ManagerGreetingTemplatesPage() {
  const t = useT();
  usePageChrome('manager.greetings.title');
  const [templates, setTemplates] = useState<GreetingTemplate[] | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ isOk: boolean; text: string } | null>(null);
  const [isBusy, setBusy] = useState(false);

  // The same sample everywhere on the page, filled by the rule the server fills greetings with.
  const sample: GreetingPersonalFields = {
    name: t('manager.greetings.sampleName'),
    tier: 'gold',
    birthday: { month: 5, day: 20 },
    lastPurchase: { year: 2026, month: 9, day: 12 },
  };
  const preview = (text: string) => fillGreetingText(text, sample);

  const reload = () =>
    listGreetingTemplates()
      .then(setTemplates)
      .catch((err: unknown) => setNotice({ isOk: false, text: friendlyError(err) }));

  useManagerGuard(() => void reload());

  // An edited field's message goes with the edit; the others stay until the next save.
  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setFieldErrors(Object.fromEntries(Object.entries(fieldErrors).filter(([field]) => !(field in patch))));
  };

  const save = async () => {
    setNotice(null);
    const parsed = GreetingTemplateInputSchema.safeParse(draft);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        errors[field] = t(field === 'name' ? 'manager.greetings.nameNeeded' : 'manager.greetings.textNeeded');
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      await createGreetingTemplate(parsed.data);
      setDraft(EMPTY);
      setNotice({ isOk: true, text: t('manager.greetings.saved') });
      await reload();
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setFieldErrors(
          Object.fromEntries(err.fieldErrors.map((f) => [f.path.split('.')[0], t('join.error.generic')])),
        );
      }
      setNotice({ isOk: false, text: friendlyError(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page staff manager">
      <Text className="title">{t('manager.greetings.title')}</Text>
      <Text className="lead">{t('manager.greetings.lead')}</Text>
      <View className="hairline" />
      {notice ? <View className={notice.isOk ? 'staff__ok' : 'banner-error'}>{notice.text}</View> : null}

      <Text className="staff__section-title">{t('manager.greetings.new')}</Text>
      <Field name="templateName" label={t('manager.greetings.name')} error={fieldErrors.name}>
        <Input
          className="input"
          value={draft.name}
          maxlength={40}
          placeholder={t('manager.greetings.namePlaceholder')}
          placeholderClass="placeholder"
          onInput={(e) => set({ name: e.detail.value })}
        />
      </Field>
      <Field name="templateText" label={t('manager.greetings.text')} error={fieldErrors.text}>
        <Textarea
          className="manager__textarea greetings__text"
          value={draft.text}
          maxlength={500}
          onInput={(e) => set({ text: e.detail.value })}
        />
      </Field>
      <View className="greetings__fields">
        <Text className="manager__hint">{t('manager.greetings.fieldsHint')}</Text>
        <View className="chips">
          {GREETING_FIELDS.map((field) => (
            <View
              key={field}
              className="chip greetings__field"
              data-insert={field}
              onClick={() => set({ text: `${draft.text}${token(field)}` })}
            >
              <Text>
                {t(`manager.greetings.field.${field}`)} {token(field)}
              </Text>
            </View>
          ))}
        </View>
      </View>
      <Field
        name="templatePurpose"
        label={t('manager.greetings.purpose')}
        hint={t(`manager.greetings.purposeHint.${draft.purpose}`)}
      >
        <Chips
          options={GREETING_PURPOSES.map((p) => ({ value: p, label: t(`manager.greetings.purpose.${p}`) }))}
          selected={[draft.purpose]}
          onToggle={(purpose) => set({ purpose })}
        />
      </Field>

      <View className="card-surface greetings__preview" data-preview>
        <Text className="greetings__preview-label">{t('manager.greetings.preview')}</Text>
        <Text className="greetings__preview-text">
          {draft.text.trim() ? preview(draft.text) : t('manager.greetings.previewEmpty')}
        </Text>
      </View>

      <Button
        className="btn-primary staff__submit"
        data-action="save-template"
        onClick={() => void save()}
        disabled={isBusy || undefined}
      >
        {t('manager.greetings.save')}
      </Button>

      <Text className="staff__section-title">{t('manager.greetings.list')}</Text>
      {templates === null ? <Text className="lead">{t('common.loading')}</Text> : null}
      {templates?.length === 0 ? <Text className="lead">{t('manager.greetings.empty')}</Text> : null}
      {templates?.map((tpl) => (
        <View key={tpl.id} className="card-surface manager__list-item" data-template={tpl.name}>
          <View className="manager__list-head">
            <Text className="manager__list-name">{tpl.name}</Text>
            <Text className="staff__badge">{t(`manager.greetings.purpose.${tpl.purpose}`)}</Text>
          </View>
          <Text className="manager__list-meta greetings__raw">{tpl.text}</Text>
          <Text className="greetings__filled">{preview(tpl.text)}</Text>
          <Text className="manager__list-meta">{formatDate(tpl.createdAt)}</Text>
        </View>
      ))}
    </View>
  );
}
