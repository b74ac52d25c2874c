import { Text, View } from '@tarojs/components';
import type { GreetingDelivery } from '@vip-club/shared';
import { useT, type MessageKey } from '../../../i18n';
import './deliveries.scss';

/**
 * The server explains a skipped channel in a developer's sentence (the shared `greetingDeliveries`
 * rule); the clerk reads it in the club's words. Unknown reasons still read kindly.
 */
function skipReasonKey(reason: string | undefined): MessageKey {
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
            {d.status === 'queued' ? t('greet.result.queued') : t(skipReasonKey(d.reason))}
          </Text>
        </View>
      ))}
    </View>
  );
}
