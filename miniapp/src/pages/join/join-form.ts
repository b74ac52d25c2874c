import { JoinInputSchema, PhoneSchema, type Gender, type JoinInput } from '@vip-club/shared';
import type { MessageKey } from '../../i18n';

/** What the join form holds while the person fills it in. */
export interface JoinDraft {
  name: string;
  gender: Gender | null;
  /** "YYYY-MM-DD" from the date picker, or empty. */
  birthDate: string;
  isYearPrivate: boolean;
  /** The typed number (H5) … */
  phoneDigits: string;
  /** … or the code the platform gave after the member shared their number (weapp, alipay). */
  platformPhoneCode: string;
  interests: string[];
  storeId: string | null;
  isMarketingOk: boolean;
  /** The friend's code the join link or WeChat code carried, or empty. */
  referralCode: string;
}

export type JoinField = 'name' | 'gender' | 'birthday' | 'phone' | 'interests' | 'store';
export type JoinErrors = Partial<Record<JoinField, MessageKey>>;

const FIELD_OF_PATH: Record<string, JoinField> = {
  name: 'name',
  gender: 'gender',
  birthday: 'birthday',
  phoneCode: 'phone',
  interests: 'interests',
  storeId: 'store',
};

const MESSAGE_OF_FIELD: Record<JoinField, MessageKey> = {
  name: 'join.error.name',
  gender: 'join.error.gender',
  birthday: 'join.error.birthday',
  phone: 'join.error.phone',
  interests: 'join.error.interests',
  store: 'join.error.store',
};

export const EMPTY_DRAFT: JoinDraft = {
  name: '',
  gender: null,
  birthDate: '',
  isYearPrivate: false,
  phoneDigits: '',
  platformPhoneCode: '',
  interests: [],
  storeId: null,
  isMarketingOk: false,
  referralCode: '',
};

/** The form as the API body: the year dropped when the member keeps it private. */
export function toJoinInput(
  draft: JoinDraft,
  phoneCodeFromDigits: (digits: string) => string,
  isTyped: boolean,
): JoinInput {
  const birthday = draft.isYearPrivate && draft.birthDate ? draft.birthDate.slice(5) : draft.birthDate;
  const phoneCode = isTyped
    ? draft.phoneDigits
      ? phoneCodeFromDigits(draft.phoneDigits)
      : ''
    : draft.platformPhoneCode;
  return {
    name: draft.name.trim(),
    // An unset gender is sent as-is so the shared schema names it as the missing field.
    gender: (draft.gender ?? '') as Gender,
    birthday,
    phoneCode,
    interests: draft.interests,
    storeId: draft.storeId ?? undefined,
    consent: { marketing: draft.isMarketingOk },
    ...(draft.referralCode ? { referralCode: draft.referralCode } : {}),
  };
}

/** Field errors from the shared JoinInputSchema (the server's own rules), plus the typed phone's shape. */
export function validateJoin(draft: JoinDraft, input: JoinInput, isTyped: boolean): JoinErrors {
  const errors: JoinErrors = {};
  const result = JoinInputSchema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = FIELD_OF_PATH[String(issue.path[0])];
      if (field) errors[field] = MESSAGE_OF_FIELD[field];
    }
  }
  if (isTyped && !PhoneSchema.safeParse(draft.phoneDigits).success) errors.phone = MESSAGE_OF_FIELD.phone;
  return errors;
}

/** Field errors from a server 400, by the contract's `details[].path`. */
export function errorsFromServer(details: { path: string }[]): JoinErrors {
  const errors: JoinErrors = {};
  for (const d of details) {
    const field = FIELD_OF_PATH[d.path.split('.')[0]];
    if (field) errors[field] = MESSAGE_OF_FIELD[field];
  }
  return errors;
}

const FIELD_OF_DRAFT: Record<keyof JoinDraft, JoinField | null> = {
  name: 'name',
  gender: 'gender',
  birthDate: 'birthday',
  isYearPrivate: 'birthday',
  phoneDigits: 'phone',
  platformPhoneCode: 'phone',
  interests: 'interests',
  storeId: 'store',
  isMarketingOk: null,
  referralCode: null,
};

/** The errors left once the fields touched by `change` are being corrected. */
export function clearErrorsFor(errors: JoinErrors, change: Partial<JoinDraft>): JoinErrors {
  const next = { ...errors };
  for (const key of Object.keys(change) as (keyof JoinDraft)[]) {
    const field = FIELD_OF_DRAFT[key];
    if (field) delete next[field];
  }
  return next;
}
