import { Text, View } from '@tarojs/components';
import { QrCode } from '../../components/qr-code';
import { useT } from '../../i18n';
import './ticket-pass.scss';

/** Ticket codes read in fives (`ABCDE FGHJK`), as a clerk types them at the door. */
function spacedTicketCode(code: string): string {
  return code.replace(/(.{5})(?=.)/g, '$1 ');
}

/**
 * What the member shows at the door: a large QR of the ticket code, and the code itself printed for
 * a clerk to type when the scanner cannot read the screen.
 */
export function TicketPass({ code }: { code: string }) {
  const t = useT();
  return (
    <View className="ticket-pass" data-ticket-code={code}>
      <Text className="ticket-pass__label">{t('tickets.code')}</Text>
      <View className="ticket-pass__qr">
        <QrCode value={code} />
      </View>
      <Text className="ticket-pass__code" data-code={code}>
        {spacedTicketCode(code)}
      </Text>
      <Text className="ticket-pass__hint">{t('tickets.hint')}</Text>
    </View>
  );
}
