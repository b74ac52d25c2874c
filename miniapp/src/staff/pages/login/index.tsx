import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { StaffLoginInputSchema } from '@vip-club/shared';
import { useState } from 'react';
import { Field } from '../../../components/field';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { friendlyError } from '../../../lib/errors';
import { ROUTES } from '../../../routes';
import { useSessionStore } from '../../../stores/session.store';
import '../staff.scss';

export default function StaffLoginPage() {
  const t = useT();
  usePageChrome('staff.login.title');
  const staffLogin = useSessionStore((s) => s.staffLogin);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async () => {
    if (!StaffLoginInputSchema.safeParse({ username, password }).success) {
      setError(t('staff.login.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const staff = await staffLogin(username.trim(), password);
      // A clerk's day starts with the members to reach; a manager's with the counter tools.
      await Taro.redirectTo({ url: staff.role === 'clerk' ? ROUTES.staffWorklist : ROUTES.staffLookup });
    } catch (err) {
      setError(friendlyError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page staff">
      <Text className="eyebrow">{t('brand.house')}</Text>
      <Text className="title">{t('staff.login.title')}</Text>
      <Text className="lead">{t('staff.login.lead')}</Text>
      <View className="hairline" />
      <Field name="username" label={t('staff.username')}>
        <Input
          className="input"
          name="username"
          value={username}
          maxlength={64}
          onInput={(e) => {
            setUsername(e.detail.value);
            setError(null);
          }}
        />
      </Field>
      <Field name="password" label={t('staff.password')}>
        <Input
          className="input"
          name="password"
          password
          value={password}
          maxlength={128}
          onInput={(e) => {
            setPassword(e.detail.value);
            setError(null);
          }}
          onConfirm={submit}
        />
      </Field>
      {error ? <View className="banner-error">{error}</View> : null}
      <Button className="btn-primary staff__submit" onClick={submit} disabled={isBusy || undefined}>
        {t('staff.login.submit')}
      </Button>
    </View>
  );
}
