import type { ReactNode } from 'react';

/** One labelled setting: the label on the left; the control, its help and its error on the right. */
export function SettingRow({
  label,
  htmlFor,
  help,
  helpClassName = 'muted setting-help',
  error,
  children,
}: {
  label: string;
  /** The control's id, so the label names it; omitted for settings that only display something. */
  htmlFor?: string;
  help?: ReactNode;
  helpClassName?: string;
  error?: string | null;
  children: ReactNode;
}) {
  return (
    <div className="setting-row">
      {htmlFor ? (
        <label className="setting-label" htmlFor={htmlFor}>
          {label}
        </label>
      ) : (
        <span className="setting-label">{label}</span>
      )}
      <div className="setting-control">
        {children}
        {help && <p className={helpClassName}>{help}</p>}
        {error && <p className="error">{error}</p>}
      </div>
    </div>
  );
}
