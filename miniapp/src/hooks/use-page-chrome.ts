import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import { translate, useLocaleStore, type MessageKey } from '../i18n';

// In the order of app.config.ts's tabBar list.
const TAB_LABELS: MessageKey[] = ['tab.card', 'tab.events', 'tab.me'];

/** Keeps the navigation bar title, and on tab pages the tab labels, in the member's language. */
export function usePageChrome(titleKey: MessageKey, options: { isTabPage?: boolean } = {}): void {
  const locale = useLocaleStore((s) => s.locale);
  const apply = () => {
    Taro.setNavigationBarTitle({ title: translate(locale, titleKey) }).catch(() => undefined);
    if (options.isTabPage) {
      TAB_LABELS.forEach((key, index) => {
        Taro.setTabBarItem({ index, text: translate(locale, key) }).catch(() => undefined);
      });
    }
  };
  useEffect(apply, [locale, titleKey]);
  useDidShow(apply);
}
