import { Image } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';
import './qr-code.scss';

interface QrCodeProps {
  value: string;
  /** Dimmed while a fresh code is on its way. */
  isStale?: boolean;
  onTap?: () => void;
}

/**
 * A QR code drawn in pure JavaScript as a GIF data URL: the same image works in WeChat, Alipay
 * and the browser, with no canvas context to manage per platform.
 */
export function QrCode({ value, isStale, onTap }: QrCodeProps) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(value);
    qr.make();
    return qr.createDataURL(8, 2);
  }, [value]);
  return (
    <Image
      className={`qr-code${isStale ? ' qr-code--stale' : ''}`}
      src={src}
      mode="aspectFit"
      onClick={onTap}
      aria-label="member QR code"
    />
  );
}
