import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { platformAuth } from '../../lib/auth';
import { friendlyError } from '../../lib/errors';
import { ROUTES } from '../../routes';
import { useSessionStore } from '../../stores/session.store';
import './index.scss';

const LOGIN_LABEL: MessageKey =
  process.env.TARO_ENV === 'weapp'
    ? 'welcome.login.wechat'
    : process.env.TARO_ENV === 'alipay'
      ? 'welcome.login.alipay'
      : 'welcome.login.h5';

export default function WelcomePage() {
  const t = useT();
  const memberRole = useSessionStore((s) => s.memberRole);
  const login = useSessionStore((s) => s.login);
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    // A member who opens the club again goes straight to the card, unless the address names someone else.
    if (memberRole === 'member' && !platformAuth.hasRequestedIdentity()) {
      Taro.switchTab({ url: ROUTES.home });
    }
  });

  const enter = async () => {
    setBusy(true);
    setError(null);
    try {
      const role = await login();
      if (role === 'member') await Taro.switchTab({ url: ROUTES.home });
      else await Taro.redirectTo({ url: ROUTES.join });
    } catch (err) {
      setError(friendlyError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="welcome">
      <View className="welcome__glow" />
      <View className="welcome__mark">
        <View className="welcome__diamond" />
      </View>
      <Text className="welcome__house">{t('brand.house')}</Text>
      <Text className="welcome__title">{t('welcome.title')}</Text>
      <View className="welcome__rule" />
      <Text className="welcome__line">{t('welcome.line')}</Text>

      <View className="welcome__actions">
        {error ? <View className="banner-error">{error}</View> : null}
        <Button className="btn-primary welcome__enter" onClick={enter} disabled={isBusy || undefined}>
          {isBusy ? t('welcome.loggingIn') : t(LOGIN_LABEL)}
        </Button>
        <Text className="welcome__note">{t('welcome.note')}</Text>
      </View>
    </View>
  );
}
