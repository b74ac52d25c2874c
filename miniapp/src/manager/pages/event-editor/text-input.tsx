import { Input } from '@tarojs/components';

interface TextInputProps {
  value: string;
  maxlength: number;
  onChange: (value: string) => void;
  onConfirm?: () => void;
  placeholder?: string;
  type?: 'text' | 'number';
  disabled?: boolean;
  className?: string;
}

/** The editor's one look for a typed value: the club's input box, its placeholder in the muted tone. */
export function TextInput({
  value,
  maxlength,
  onChange,
  onConfirm,
  placeholder,
  type,
  disabled,
  className,
}: TextInputProps) {
  return (
    <Input
      className={`input${className ? ` ${className}` : ''}`}
      type={type ?? 'text'}
      value={value}
      maxlength={maxlength}
      disabled={disabled}
      placeholder={placeholder}
      placeholderClass="placeholder"
      onInput={(e) => onChange(e.detail.value)}
      onConfirm={onConfirm}
    />
  );
}
