import { Button, Input, View } from '@tarojs/components';
import { Field } from '../components/field';
import { canScan } from '../lib/scan';

interface CodeEntryProps {
  /** Names the field (`data-field`) and the error banner (`data-error`) for tests. */
  name: string;
  errorName: string;
  label: string;
  placeholder: string;
  scanLabel: string;
  submitLabel: string;
  code: string;
  error: string | null;
  isBusy: boolean;
  onCode: (code: string) => void;
  onScan: () => void;
  onSubmit: () => void;
  inputClassName?: string;
  /** `data-action` of the answer button, for tests. */
  submitAction?: string;
}

/**
 * A counter's code entry (a pickup code, a ticket): the camera where the platform has one, the code
 * typed or pasted everywhere, one answer button.
 */
export function CodeEntry(props: CodeEntryProps) {
  return (
    <View>
      {canScan ? (
        <Button className="btn-primary staff__scan" onClick={props.onScan}>
          {props.scanLabel}
        </Button>
      ) : null}
      <Field name={props.name} label={props.label}>
        <Input
          className={`input${props.inputClassName ? ` ${props.inputClassName}` : ''}`}
          value={props.code}
          maxlength={16}
          placeholder={props.placeholder}
          placeholderClass="placeholder"
          onInput={(e) => props.onCode(e.detail.value.toUpperCase())}
          onConfirm={props.onSubmit}
        />
      </Field>
      {props.error ? (
        <View className="banner-error" data-error={props.errorName}>
          {props.error}
        </View>
      ) : null}
      <Button
        className={`${canScan ? 'btn-ghost' : 'btn-primary'} staff__submit`}
        data-action={props.submitAction}
        onClick={props.onSubmit}
        disabled={props.isBusy || undefined}
      >
        {props.submitLabel}
      </Button>
    </View>
  );
}
