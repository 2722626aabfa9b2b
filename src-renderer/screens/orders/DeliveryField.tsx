import type { ReactNode } from 'react';
import { CopyButton } from './CopyButton';

/** One delivered value (address, code, ICCID, PIN …) in a monospace line of its own, with a copy button. */
export function DeliveryField({
  name,
  label,
  value,
  masked = false,
  children,
}: {
  name: string;
  label: string;
  value: string | null;
  masked?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className="delivery-field" data-field={name}>
      <dt>{label}</dt>
      <dd>
        {value === null ? (
          <span className="muted">—</span>
        ) : (
          <code className={`delivery-value${masked ? ' masked' : ''}`} translate="no">
            {value}
          </code>
        )}
        {value !== null && <CopyButton text={value} what={label} disabled={masked} />}
        {children}
      </dd>
    </div>
  );
}
