import { useRef, useState } from 'react';
import { friendlyError } from '../lib/errors';

/**
 * The next page of a list read by cursor, as the page's "more" button and reaching its bottom both ask
 * for it. Each cursor is read once while it is on its way (a tap and a reach-bottom together show no item
 * twice); an answer for a list since replaced (`isLatest` false: another tab, clerk, period or a refresh)
 * is dropped, its loading and error lines too; a failure frees the cursor to be asked for again.
 */
export function useNextPage() {
  const [isLoading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const asking = useRef<string | null>(null);

  /** The list starts again: nothing on its way counts, nothing failed. */
  const reset = () => {
    asking.current = null;
    setLoading(false);
    setError(null);
  };

  const readNext = <P>(
    cursor: string,
    fetch: () => Promise<P>,
    isLatest: () => boolean,
    fill: (page: P) => void,
  ) => {
    if (asking.current === cursor) return;
    asking.current = cursor;
    setLoading(true);
    setError(null);
    fetch()
      .then((page) => {
        if (isLatest()) fill(page);
      })
      .catch((err: unknown) => {
        if (!isLatest()) return;
        setError(friendlyError(err));
        asking.current = null;
      })
      .finally(() => {
        if (isLatest()) setLoading(false);
      });
  };

  return { isLoading, error, reset, readNext };
}
