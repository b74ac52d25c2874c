import {
  GREETING_CHANNELS,
  parseBirthday,
  type GreetingChannel,
  type GreetingInput,
  type GreetingPersonalFields,
  type GreetingPurpose,
  type GreetingResult,
  type GreetingTemplate,
  type MemberDetail,
} from '@vip-club/shared';
import { create } from 'zustand';
import { newIdempotencyKey } from '../lib/idempotency';
import { toClubDateTime } from '../lib/club-time';
import { listGreetingTemplates } from '../services/greeting-templates.service';
import { sendGreeting } from '../services/greetings.service';

/** The most a greeting may say (as the server's schema allows). */
export const GREETING_MAX_LENGTH = 500;

/**
 * The member's side of the personal fields, from the same facts the server fills them from: the stored
 * birthday's month and day, and the club-calendar day of the latest purchase.
 */
export function greetingFieldsOf(member: MemberDetail): GreetingPersonalFields {
  const birthday = member.birthday ? parseBirthday(member.birthday) : null;
  const latest = member.purchases.reduce<string | null>(
    (max, p) => (max === null || Date.parse(p.occurredAt) > Date.parse(max) ? p.occurredAt : max),
    null,
  );
  const day = latest ? toClubDateTime(latest).date.split('-').map(Number) : null;
  return {
    name: member.name,
    tier: member.tier,
    birthday: birthday ? { month: birthday.month, day: birthday.day } : null,
    lastPurchase: day ? { year: day[0], month: day[1], day: day[2] } : null,
  };
}

interface Draft {
  memberId: string;
  text: string;
  /** The template the text started from, while it is unchanged. */
  templateId: string | null;
  channels: GreetingChannel[];
  purpose: GreetingPurpose;
}

interface GreetingState {
  templates: GreetingTemplate[] | null;
  loadTemplates: () => Promise<void>;

  draft: Draft;
  /** A fresh draft for this member, unless one for them is still being written. */
  start: (memberId: string) => void;
  setText: (text: string) => void;
  chooseTemplate: (template: GreetingTemplate) => void;
  toggleChannel: (channel: GreetingChannel) => void;
  setPurpose: (purpose: GreetingPurpose) => void;

  result: GreetingResult | null;
  /** Sends the draft; a retry of the very same draft carries the same Idempotency-Key. */
  send: () => Promise<GreetingResult>;
}

function emptyDraft(memberId: string): Draft {
  return { memberId, text: '', templateId: null, channels: ['inbox'], purpose: 'marketing' };
}

function inputOf(draft: Draft): GreetingInput {
  return {
    memberId: draft.memberId,
    text: draft.text.trim(),
    // In the contract's order, which is also the order a retry must repeat.
    channels: GREETING_CHANNELS.filter((c) => draft.channels.includes(c)),
    purpose: draft.purpose,
  };
}

// The key belongs to one draft: any change to what would be sent makes it another greeting.
let key: { for: string; value: string } | null = null;

/** A clerk's greeting to one member: template or own words, channels, purpose, the answer. */
export const useGreetingStore = create<GreetingState>((set, get) => ({
  templates: null,
  async loadTemplates() {
    set({ templates: await listGreetingTemplates() });
  },

  draft: emptyDraft(''),
  start(memberId) {
    const { draft, result } = get();
    if (draft.memberId === memberId && !result) return;
    key = null;
    set({ draft: emptyDraft(memberId), result: null });
  },
  setText(text) {
    set((s) => ({ draft: { ...s.draft, text, templateId: null } }));
  },
  chooseTemplate(template) {
    set((s) => ({
      draft: { ...s.draft, text: template.text, templateId: template.id, purpose: template.purpose },
    }));
  },
  toggleChannel(channel) {
    // The inbox always takes a greeting.
    if (channel === 'inbox') return;
    set((s) => ({
      draft: {
        ...s.draft,
        channels: s.draft.channels.includes(channel)
          ? s.draft.channels.filter((c) => c !== channel)
          : [...s.draft.channels, channel],
      },
    }));
  },
  setPurpose(purpose) {
    set((s) => ({ draft: { ...s.draft, purpose } }));
  },

  result: null,
  async send() {
    const input = inputOf(get().draft);
    const fingerprint = JSON.stringify(input);
    if (!key || key.for !== fingerprint) key = { for: fingerprint, value: newIdempotencyKey() };
    const result = await sendGreeting(input, key.value);
    key = null;
    set({ result });
    return result;
  },
}));
