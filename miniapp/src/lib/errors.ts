import { currentLocale, translate, type Locale, type MessageKey } from '../i18n';
import { ApiError } from './api-error';

/**
 * The one place an error becomes words for a person: a friendly sentence in their language,
 * never the server's developer-facing message.
 */
export function friendlyError(error: unknown, locale: Locale = currentLocale()): string {
  const code = error instanceof ApiError ? error.code : 'UNKNOWN';
  return translate(locale, `error.${code}` as MessageKey);
}
