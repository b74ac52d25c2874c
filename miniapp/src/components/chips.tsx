import { Text, View } from '@tarojs/components';
import './chips.scss';

interface ChipsProps<T extends string> {
  options: readonly { value: T; label: string }[];
  selected: readonly T[];
  onToggle: (value: T) => void;
}

/** Tappable choices; one or many, as the caller decides in onToggle. */
export function Chips<T extends string>({ options, selected, onToggle }: ChipsProps<T>) {
  return (
    <View className="chips">
      {options.map((o) => {
        const isOn = selected.includes(o.value);
        return (
          <View
            key={o.value}
            className={`chip${isOn ? ' chip--on' : ''}`}
            onClick={() => onToggle(o.value)}
            data-value={o.value}
            role="checkbox"
            aria-checked={isOn}
          >
            <Text>{o.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
