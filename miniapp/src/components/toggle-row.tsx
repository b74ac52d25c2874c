import { Text, View } from '@tarojs/components';
import './toggle-row.scss';

interface ToggleRowProps {
  label: string;
  isOn: boolean;
  onChange: (isOn: boolean) => void;
  name: string;
}

/** A sentence with a round check mark: consent and small yes/no choices. */
export function ToggleRow({ label, isOn, onChange, name }: ToggleRowProps) {
  return (
    <View
      className="toggle-row"
      onClick={() => onChange(!isOn)}
      role="checkbox"
      aria-checked={isOn}
      data-field={name}
    >
      <View className={`toggle-row__mark${isOn ? ' toggle-row__mark--on' : ''}`}>
        {isOn ? <View className="toggle-row__tick" /> : null}
      </View>
      <Text className="toggle-row__label">{label}</Text>
    </View>
  );
}
