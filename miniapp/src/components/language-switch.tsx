import { Text, View } from '@tarojs/components';
import { LOCALES, useLocaleStore, useT } from '../i18n';
import './language-switch.scss';

/** Simplified Chinese, Traditional Chinese, English: the choice is kept on the device. */
export function LanguageSwitch() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const setLocale = useLocaleStore((s) => s.setLocale);
  return (
    <View className="language-switch" role="radiogroup">
      {LOCALES.map((l) => (
        <View
          key={l}
          className={`language-switch__option${l === locale ? ' language-switch__option--on' : ''}`}
          onClick={() => setLocale(l)}
          data-locale={l}
          role="radio"
          aria-checked={l === locale}
        >
          <Text>{t(`lang.${l}`)}</Text>
        </View>
      ))}
    </View>
  );
}
