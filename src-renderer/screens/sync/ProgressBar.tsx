import type { SupplierPhase } from '../../stores/sync-progress';

/** A null fraction is an indeterminate bar: the upstream has not said how much is left. */
export function ProgressBar({
  fraction,
  tone,
  label,
}: {
  fraction: number | null;
  tone: SupplierPhase;
  label: string;
}) {
  const percent = fraction === null ? null : Math.round(fraction * 100);
  return (
    <div
      className={`progress-bar ${tone}${percent === null ? ' indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
    >
      <div className="progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
