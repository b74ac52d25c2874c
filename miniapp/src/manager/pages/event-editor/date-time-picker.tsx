import { Picker, View } from '@tarojs/components';
import type { ClubDateTime } from '../../../lib/club-time';

interface DateTimePickerProps {
  /** Names the pickers for tests: `<name>-date`, `<name>-time`. */
  name: string;
  value: ClubDateTime;
  disabled?: boolean;
  onChange: (value: ClubDateTime) => void;
}

/** A date and a time of day side by side, as the club's calendar reads them. */
export function DateTimePicker({ name, value, disabled, onChange }: DateTimePickerProps) {
  return (
    <View className="manager__grid event-editor__when">
      <Picker
        mode="date"
        value={value.date}
        disabled={disabled}
        onChange={(e) => onChange({ ...value, date: String(e.detail.value) })}
      >
        <View className="input manager__picker" data-picker={`${name}-date`}>
          {value.date}
        </View>
      </Picker>
      <Picker
        mode="time"
        value={value.time}
        disabled={disabled}
        onChange={(e) => onChange({ ...value, time: String(e.detail.value) })}
      >
        <View className="input manager__picker" data-picker={`${name}-time`}>
          {value.time}
        </View>
      </Picker>
    </View>
  );
}
