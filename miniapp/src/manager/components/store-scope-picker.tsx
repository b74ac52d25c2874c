import { Input, ScrollView, Text, View } from '@tarojs/components';
import type { Store } from '@vip-club/shared';
import { useState } from 'react';
import { useT } from '../../i18n';
import './store-scope-picker.scss';

interface StoreScopePickerProps<T extends string> {
  /** Names the control for tests and styles: `data-field`. */
  field: string;
  stores: readonly Store[];
  /** The first choice, above the stores: "every store" by the caller's own word for it; none when left out. */
  allValue?: T;
  /** The first choice's words; 全部门店 unless said. */
  allLabel?: string;
  /** A store not offered (the one a person already works in). */
  omit?: string | null;
  /** The store's id, `allValue`, or anything else while nothing is chosen yet ("选择门店"). */
  value: string;
  onChange: (value: string) => void;
}

/** Store names as a person types them: case, width and spaces aside. */
const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/**
 * One line, "全部门店 ▾" or the store chosen, opening a sheet of every store with a search box: a chain
 * has some 250 boutiques, too many for a wall of chips above the figures or for a wheel to scroll through.
 */
export function StoreScopePicker<T extends string>({
  field,
  stores,
  allValue,
  allLabel,
  omit,
  value,
  onChange,
}: StoreScopePickerProps<T>) {
  const t = useT();
  const [isOpen, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const all = allLabel ?? t('manager.staff.allStores');
  const chosen = stores.find((s) => s.id === value);
  const label = chosen ? chosen.name : allValue !== undefined && value === allValue ? all : t('storeScope.title');
  const sorted = stores
    .filter((s) => s.id !== omit)
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
  const wanted = fold(query);
  const shown = wanted ? sorted.filter((s) => fold(`${s.name}${s.city}`).includes(wanted)) : sorted;

  const choose = (next: string) => {
    setOpen(false);
    setQuery('');
    if (next !== value) onChange(next);
  };

  const option = (id: string, label: string, meta?: string) => (
    <View
      key={id}
      className={`store-scope__option${id === value ? ' store-scope__option--on' : ''}`}
      data-value={id}
      role="radio"
      aria-checked={id === value}
      onClick={() => choose(id)}
    >
      <Text className="store-scope__option-name">{label}</Text>
      {meta ? <Text className="store-scope__option-meta">{meta}</Text> : null}
    </View>
  );

  return (
    <View className="store-scope" data-field={field}>
      <View
        className="store-scope__button"
        data-action="pick-store"
        data-value={value}
        onClick={() => setOpen(true)}
      >
        <Text className="store-scope__label">{label}</Text>
        <Text className="store-scope__caret">▾</Text>
      </View>
      {isOpen ? (
        <View className="sheet store-scope__sheet" data-sheet="store-scope">
          <View className="sheet__scrim" onClick={() => choose(value)} />
          <View className="sheet__panel">
            <Text className="sheet__name">{t('storeScope.title')}</Text>
            <Input
              className="input store-scope__search"
              value={query}
              placeholder={t('storeScope.search')}
              placeholderClass="placeholder"
              onInput={(e) => setQuery(e.detail.value)}
            />
            <ScrollView scrollY className="store-scope__list">
              {wanted || allValue === undefined ? null : option(allValue, all)}
              {shown.map((s) => option(s.id, s.name, s.city))}
              {shown.length === 0 ? (
                <Text className="store-scope__none">{t('storeScope.none', { query: query.trim() })}</Text>
              ) : null}
            </ScrollView>
          </View>
        </View>
      ) : null}
    </View>
  );
}
