import { create } from 'zustand';
import { readStored, writeStored } from '../lib/storage';
import { en } from './en';
import { zhHans, type Dictionary, type MessageKey } from './zh-Hans';
import { zhHant } from './zh-Hant';

export type { MessageKey } from './zh-Hans';

/** Languages the club speaks, Simplified Chinese first. */
export const LOCALES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const DICTIONARIES: Record<Locale, Dictionary> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };
const LOCALE_KEY = 'club.locale';

export type MessageParams = Record<string, string | number>;

/** The sentence for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = DICTIONARIES[locale][key] ?? zhHans[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

/** The member's chosen language, kept on the device. */
export const useLocaleStore = create<LocaleState>((set) => {
  const stored = readStored<string>(LOCALE_KEY);
  return {
    locale: isLocale(stored) ? stored : 'zh-Hans',
    setLocale: (locale) => {
      writeStored(LOCALE_KEY, locale);
      set({ locale });
    },
  };
});

/** The current language's translate function; re-renders when the language changes. */
export function useT(): (key: MessageKey, params?: MessageParams) => string {
  const locale = useLocaleStore((s) => s.locale);
  return (key, params) => translate(locale, key, params);
}

/** The current language outside React (error messages, toasts). */
export function currentLocale(): Locale {
  return useLocaleStore.getState().locale;
}
