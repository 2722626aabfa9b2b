import { useState } from 'react';
import { qrDisplaySize } from '../../stores/orders-view';

/**
 * A QR at a whole multiple of its own pixels, drawn without smoothing: blurred module edges are what make a
 * phone camera hesitate. Until the image has loaded its size is unknown, so it takes the minimum square.
 */
export function QrImage({ src, label, testId }: { src: string; label: string; testId?: string }) {
  const [size, setSize] = useState<number | null>(null);
  return (
    <img
      className="qr-image"
      src={src}
      alt={label}
      data-testid={testId}
      style={size ? { width: size, height: size } : undefined}
      onLoad={(event) => setSize(qrDisplaySize(event.currentTarget.naturalWidth))}
    />
  );
}
