import { Text, View } from '@tarojs/components';
import type { DeliverySkipCode, GreetingDelivery } from '@vip-club/shared';
import { useT, type MessageKey } from '../../../i18n';
import './deliveries.scss';

/** The server's code for a skipped channel, in the club's words. */
const SKIP_KEYS: Record<DeliverySkipCode, MessageKey> = {
  no_consent: 'greet.skip.consent',
  not_subscribed: 'greet.skip.subscribe',
  no_phone: 'greet.skip.phone',
  no_provider: 'greet.skip.provider',
  provider_refused: 'greet.skip.refused',
  marketing_cap: 'greet.skip.cap',
  no_template: 'greet.skip.template',
};

/**
 * By the delivery's code; contacts recorded before codes existed carry only the server's English
 * sentence (the shared `greetingDeliveries` rule, the SMS refusal), read by its wording. Anything
 * else still reads kindly.
 */
function skipReasonKey({ code, reason }: GreetingDelivery): MessageKey {
  // A code newer than this build finds no key and falls through to the wording.
  const byCode: MessageKey | undefined = code ? SKIP_KEYS[code] : undefined;
  if (byCode) return byCode;
  if (!reason) return 'greet.skip.other';
  if (reason.includes('consented to marketing')) return 'greet.skip.consent';
  if (reason.includes('accepted greetings')) return 'greet.skip.subscribe';
  if (reason.includes('no phone number')) return 'greet.skip.phone';
  if (reason.includes('no SMS provider')) return 'greet.skip.provider';
  if (reason.includes('SMS provider refused')) return 'greet.skip.refused';
  return 'greet.skip.other';
}

/** One line per channel: where the greeting went, or why it did not. */
export function Deliveries({ deliveries }: { deliveries: GreetingDelivery[] }) {
  const t = useT();
  return (
    <View className="deliveries">
      {deliveries.map((d) => (
        <View key={d.channel} className="deliveries__row" data-channel={d.channel} data-status={d.status}>
          <Text className="deliveries__channel">{t(`greet.channel.${d.channel}`)}</Text>
          <Text className={`deliveries__status deliveries__status--${d.status}`}>
            {d.status === 'queued' ? t('greet.result.queued') : t(skipReasonKey(d))}
          </Text>
        </View>
      ))}
    </View>
  );
}
