/**
 * A page parameter as text. WeChat and Alipay hand query values over still encoded while H5 may
 * already have decoded them; a stray `%` in a decoded name must not break the page.
 */
export function decodedParam(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
