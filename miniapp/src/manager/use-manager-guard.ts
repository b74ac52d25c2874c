import Taro, { useDidShow } from '@tarojs/taro';
import { ROUTES } from '../routes';
import { useSessionStore } from '../stores/session.store';

/** Manager pages send anyone else to the staff sign-in; `onShow` runs for a manager only. */
export function useManagerGuard(onShow?: () => void): void {
  useDidShow(() => {
    if (useSessionStore.getState().staff?.role !== 'manager') {
      Taro.redirectTo({ url: ROUTES.staffLogin });
      return;
    }
    onShow?.();
  });
}
