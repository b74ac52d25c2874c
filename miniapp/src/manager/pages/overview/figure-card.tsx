import { Text, View } from '@tarojs/components';
import './figure-card.scss';

interface FigureCardProps {
  /** names the figure for tests and analytics: `members`, `followUps.overdue` */
  name: string;
  label: string;
  value: string;
  /** small beside the value: what a rate is made of, `412 / 1,030` */
  aside?: string;
  /** a quiet line under the value: what it is made of, or what it counts */
  note?: string;
  /** the figure asks for attention (overdue follow-ups): the warning colour */
  isWarning?: boolean;
  /** the raw number behind `value`, kept on the element so a test can compare it with the API */
  raw?: number | string;
}

/**
 * The value's size: a whole club's spend or points (`¥123,456,789.50`) would not fit a half-width card
 * at the full size, and a figure must never lose digits.
 */
function valueSize(value: string): string {
  if (value.length > 14) return ' figure-card__value--smaller';
  if (value.length > 11) return ' figure-card__value--small';
  return '';
}

/** One figure of the overview: a label, the number large, and a line of context. */
export function FigureCard({ name, label, value, aside, note, isWarning, raw }: FigureCardProps) {
  return (
    <View
      className={`card-surface figure-card${isWarning ? ' figure-card--warning' : ''}`}
      data-figure={name}
      data-value={raw === undefined ? undefined : String(raw)}
    >
      <Text className="figure-card__label">{label}</Text>
      <View className="figure-card__figure">
        <Text className={`figure-card__value${valueSize(value)}`}>{value}</Text>
        {aside ? <Text className="figure-card__aside">{aside}</Text> : null}
      </View>
      {note ? <Text className="figure-card__note">{note}</Text> : null}
    </View>
  );
}
