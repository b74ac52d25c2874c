import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './field.scss';

interface FieldProps {
  label: string;
  hint?: string;
  error?: string;
  /** Names the field for tests and assistive tech. */
  name: string;
  children: ReactNode;
}

/** A labelled form row with its own inline error. */
export function Field({ label, hint, error, name, children }: FieldProps) {
  return (
    <View className={`field${error ? ' field--error' : ''}`} data-field={name}>
      <Text className="field__label">{label}</Text>
      {children}
      {error ? (
        <Text className="form-error" data-error-for={name}>
          {error}
        </Text>
      ) : hint ? (
        <Text className="field__hint">{hint}</Text>
      ) : null}
    </View>
  );
}
