import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { alertsDictionary } from '../../i18n/alerts';
import { useAlertRulesStore } from '../../stores/alert-rules';

/** What a field's control needs from its field: its id, its error state, and leaving it checks it. */
export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  onBlur(): void;
}

interface Props {
  fieldKey: string;
  label: string;
  /** Shown after the control and read with it (a % or a currency). */
  unit?: string;
  className?: string;
  children(control: ControlProps): ReactNode;
}

/** One labelled input of the rules form: its error shows, worded, once the merchant has left it (or tried to save). */
export function AlertField({ fieldKey, label, unit, className, children }: Props) {
  const t = useT(alertsDictionary);
  const error = useAlertRulesStore((s) => (s.touched[fieldKey] || s.showAll ? s.errors[fieldKey] : undefined));
  const touch = useAlertRulesStore((s) => s.touch);
  const id = `alert-${fieldKey.replace(/[^A-Za-z0-9-]/g, '-')}`;
  const described = [unit ? `${id}-unit` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field alert-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <span className="input-with-unit">
        {children({
          id,
          name: fieldKey,
          'aria-invalid': Boolean(error),
          'aria-describedby': described,
          onBlur: () => touch(fieldKey),
        })}
        {unit && (
          <span className="unit" id={`${id}-unit`}>
            {unit}
          </span>
        )}
      </span>
      {error && (
        <small className="error field-error" id={`${id}-error`}>
          {t(`error.${error}`)}
        </small>
      )}
    </div>
  );
}
