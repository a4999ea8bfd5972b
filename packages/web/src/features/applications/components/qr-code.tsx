import { Skeleton } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code of a text (a link), drawn in the browser as an image that prints with the page. */
export function QrCode({
  text,
  size = 128,
  alt,
  'data-testid': testId,
}: {
  text: string;
  size?: number;
  alt: string;
  'data-testid'?: string;
}) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let current = true;
    QRCode.toDataURL(text, { width: size, margin: 1, errorCorrectionLevel: 'M' })
      .then((data) => {
        if (current) setUrl(data);
      })
      .catch((error: unknown) => console.error('QR code', error));
    return () => {
      current = false;
    };
  }, [text, size]);
  if (!url) return <Skeleton.Image active style={{ width: size, height: size }} />;
  return <img src={url} width={size} height={size} alt={alt} data-testid={testId} />;
}
