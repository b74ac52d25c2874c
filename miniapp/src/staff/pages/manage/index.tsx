import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { CreateStaffInputSchema, CreateStoreInputSchema, type Store } from '@vip-club/shared';
import { useState } from 'react';
import { Chips } from '../../../components/chips';
import { Field } from '../../../components/field';
import { usePageChrome } from '../../../hooks/use-page-chrome';
import { useT } from '../../../i18n';
import { friendlyError } from '../../../lib/errors';
import { ROUTES } from '../../../routes';
import { createStaff } from '../../../services/staff.service';
import { createStore, listStores } from '../../../services/store.service';
import { useSessionStore } from '../../../stores/session.store';
import '../staff.scss';

interface Notice {
  isOk: boolean;
  text: string;
}

/** A manager's small desk: open a boutique, give a clerk an account. */
export default function StaffManagePage() {
  const t = useT();
  usePageChrome('staff.manage.title');
  const [stores, setStores] = useState<Store[]>([]);
  const [store, setStore] = useState({ name: '', city: '', address: '' });
  const [clerk, setClerk] = useState({ name: '', username: '', password: '', storeId: '' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [isBusy, setBusy] = useState(false);

  const reloadStores = () =>
    listStores()
      .then(setStores)
      .catch(() => undefined);

  useDidShow(() => {
    if (useSessionStore.getState().staff?.role !== 'manager') {
      Taro.redirectTo({ url: ROUTES.staffLogin });
      return;
    }
    void reloadStores();
  });

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setNotice(null);
    try {
      await work();
      setNotice({ isOk: true, text: t('staff.manage.created') });
    } catch (err) {
      setNotice({ isOk: false, text: friendlyError(err) });
    } finally {
      setBusy(false);
    }
  };

  const addStore = () => {
    const parsed = CreateStoreInputSchema.safeParse(store);
    if (!parsed.success) {
      setNotice({ isOk: false, text: t('error.VALIDATION_FAILED') });
      return;
    }
    void run(async () => {
      await createStore(parsed.data);
      setStore({ name: '', city: '', address: '' });
      await reloadStores();
    });
  };

  const addClerk = () => {
    const parsed = CreateStaffInputSchema.safeParse({
      ...clerk,
      role: 'clerk',
      storeId: clerk.storeId || undefined,
    });
    if (!parsed.success) {
      setNotice({ isOk: false, text: t('error.VALIDATION_FAILED') });
      return;
    }
    void run(async () => {
      await createStaff(parsed.data);
      setClerk({ name: '', username: '', password: '', storeId: clerk.storeId });
    });
  };

  return (
    <View className="page staff">
      <Text className="title">{t('staff.manage.title')}</Text>
      <View className="hairline" />
      {notice ? <View className={notice.isOk ? 'staff__ok' : 'banner-error'}>{notice.text}</View> : null}

      <Text className="staff__section-title">{t('staff.manage.store')}</Text>
      <Field name="storeName" label={t('staff.manage.storeName')}>
        <Input
          className="input"
          value={store.name}
          maxlength={60}
          onInput={(e) => setStore({ ...store, name: e.detail.value })}
        />
      </Field>
      <Field name="city" label={t('staff.manage.city')}>
        <Input
          className="input"
          value={store.city}
          maxlength={40}
          onInput={(e) => setStore({ ...store, city: e.detail.value })}
        />
      </Field>
      <Field name="address" label={t('staff.manage.address')}>
        <Input
          className="input"
          value={store.address}
          maxlength={200}
          onInput={(e) => setStore({ ...store, address: e.detail.value })}
        />
      </Field>
      <Button className="btn-ghost staff__submit manage__add-store" onClick={addStore} disabled={isBusy || undefined}>
        {t('staff.manage.create')}
      </Button>

      <Text className="staff__section-title">{t('staff.manage.clerk')}</Text>
      <Field name="clerkName" label={t('staff.manage.clerkName')}>
        <Input
          className="input"
          value={clerk.name}
          maxlength={40}
          onInput={(e) => setClerk({ ...clerk, name: e.detail.value })}
        />
      </Field>
      <Field name="clerkUsername" label={t('staff.username')}>
        <Input
          className="input"
          value={clerk.username}
          maxlength={32}
          onInput={(e) => setClerk({ ...clerk, username: e.detail.value })}
        />
      </Field>
      <Field name="clerkPassword" label={t('staff.password')}>
        <Input
          className="input"
          password
          value={clerk.password}
          maxlength={128}
          onInput={(e) => setClerk({ ...clerk, password: e.detail.value })}
        />
      </Field>
      <Field name="clerkStore" label={t('staff.manage.clerkStore')}>
        {/* Boutiques as chips: a manager sees every one at a glance, and a new one is a tap away. */}
        <Chips
          options={stores.map((s) => ({ value: s.id, label: `${s.name} · ${s.city}` }))}
          selected={clerk.storeId ? [clerk.storeId] : []}
          onToggle={(id) => setClerk({ ...clerk, storeId: id })}
        />
      </Field>
      <Button className="btn-ghost staff__submit manage__add-clerk" onClick={addClerk} disabled={isBusy || undefined}>
        {t('staff.manage.create')}
      </Button>
    </View>
  );
}
