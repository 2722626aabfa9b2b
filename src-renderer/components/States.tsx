import type { ReactNode } from 'react';
import { useT } from '../i18n';

export function LoadingState({ label }: { label?: string }) {
  const t = useT();
  return (
    <div className="loading-state" role="status">
      {label ?? t('state.loading')}
    </div>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const t = useT();
  return (
    <div className="error-state" role="alert">
      <p>{t('state.error', { message })}</p>
      {onRetry && (
        <button className="button" onClick={onRetry}>
          {t('action.retry')}
        </button>
      )}
    </div>
  );
}

export function EmptyState({ children }: { children?: ReactNode }) {
  const t = useT();
  return <div className="empty-state">{children ?? t('state.empty')}</div>;
}
