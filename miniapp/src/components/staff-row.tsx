import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './staff-row.scss';

/** `data-*` attributes, which the browser tests and the row's callers read the row by. */
type DataAttributes = { [name: `data-${string}`]: string | number | boolean | undefined };

type StaffRowProps = DataAttributes & {
  label: ReactNode;
  /** The value, on the right. */
  children: ReactNode;
  /** More classes for the row, beside `staff__row`. */
  className?: string;
  /** A muted label names the value; a plain one is itself what the row is about (a member and her outcome). */
  isLabelMuted?: boolean;
  valueClassName?: string;
  /** `data-*` attributes of the value itself (a figure a test reads on its own). */
  valueData?: DataAttributes;
};

/**
 * One label-and-value line of a clerk's or manager's card: the label on the left, the value on the right,
 * a hairline between lines. Staff and manager pages both use it, so it lives in the main package.
 */
export function StaffRow({
  label,
  children,
  className,
  isLabelMuted = true,
  valueClassName,
  valueData,
  ...data
}: StaffRowProps) {
  return (
    <View className={className ? `staff__row ${className}` : 'staff__row'} {...data}>
      <Text className={isLabelMuted ? 'staff__row-label' : undefined}>{label}</Text>
      <Text className={valueClassName} {...valueData}>
        {children}
      </Text>
    </View>
  );
}
