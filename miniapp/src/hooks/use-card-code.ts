import { useDidHide, useDidShow } from '@tarojs/taro';
import type { CardCode } from '@vip-club/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useMemberStore } from '../stores/member.store';

/** Fetch a fresh code this long before the current one expires, so the QR shown is always valid. */
const REFRESH_MARGIN_MS = 5_000;
const CODE_LIFETIME_MS = 60_000;

export interface CardCodeState {
  code: CardCode | null;
  secondsLeft: number;
  isRefreshing: boolean;
  error: unknown;
  refresh: () => void;
}

/**
 * The member's in-store code with a countdown, renewed before it expires while the page is shown.
 * The deadline is reckoned on this device's clock from the moment the code arrived, so a phone
 * whose clock is off does not show a stale code or refresh in a loop.
 */
export function useCardCode(isActive: boolean): CardCodeState {
  const refreshCardCode = useMemberStore((s) => s.refreshCardCode);
  const code = useMemberStore((s) => s.cardCode);
  const [deadline, setDeadline] = useState(0);
  const [now, setNow] = useState(Date.now());
  const [isRefreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [isShown, setShown] = useState(true);
  const inFlight = useRef(false);

  const refresh = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    setRefreshing(true);
    refreshCardCode()
      .then((c) => {
        const receivedAt = Date.now();
        const validFor = Date.parse(c.expiresAt) - receivedAt;
        const sane =
          validFor > REFRESH_MARGIN_MS && validFor <= 2 * CODE_LIFETIME_MS ? validFor : CODE_LIFETIME_MS;
        setDeadline(receivedAt + sane);
        setError(null);
      })
      .catch(setError)
      .finally(() => {
        inFlight.current = false;
        setRefreshing(false);
      });
  }, [refreshCardCode]);

  useDidShow(() => setShown(true));
  useDidHide(() => setShown(false));

  useEffect(() => {
    if (!isActive || !isShown) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [isActive, isShown]);

  useEffect(() => {
    if (!isActive || !isShown || error) return;
    if (deadline === 0 || deadline - now <= REFRESH_MARGIN_MS) refresh();
  }, [isActive, isShown, deadline, now, error, refresh]);

  return {
    code,
    secondsLeft: Math.max(0, Math.ceil((deadline - now) / 1000)),
    isRefreshing,
    error,
    refresh,
  };
}
