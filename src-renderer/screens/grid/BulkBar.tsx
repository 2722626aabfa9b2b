import { useRef, useState, type FormEvent } from 'react';
import { typedAmount } from '../../components/format';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useGridStore } from '../../stores/grid';
import { buildGridQuery, normalizeAmount, tickedRowExample } from '../../stores/grid-query';
import { useSelectionStore } from '../../stores/grid-selection';
import { useUiStore } from '../../stores/ui';
import { BelowCostConfirm } from './BelowCostConfirm';
import { useGuardedAction } from './use-guarded-lock';

type LockMode = 'lockPrice' | 'lockMargin';

/** What can be done to the ticked rows: lock at a price or a margin, unlock, keep out of or back in exports, open. */
export function BulkBar({ currency }: { currency: string }) {
  const t = useT(gridDictionary);
  const language = useUiStore((s) => s.language);
  const total = useGridStore((s) => s.total) ?? 0;
  const count = useSelectionStore((s) => s.count(total));
  const mode = useSelectionStore((s) => s.mode);
  const isSelected = useSelectionStore((s) => s.isSelected);
  const pages = useGridStore((s) => s.pages);
  const [lockMode, setLockMode] = useState<LockMode>('lockPrice');
  const [text, setText] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const doneMessage = useRef('');
  const action = useGuardedAction(() => {
    setText('');
    setDone(doneMessage.current);
  });
  if (count === 0) return null;

  const amount = normalizeAmount(text);
  const invalid = text.trim() !== '' && amount === null;
  const selection = () => {
    const { filters, sort } = useGridStore.getState();
    return useSelectionStore.getState().toSelection(buildGridQuery(filters, sort, language, 0));
  };
  const run = (bulk: Parameters<typeof action.run>[1], message: string) => {
    setDone(null);
    doneMessage.current = message;
    void action.run(selection(), bulk);
  };
  const lock = (event: FormEvent) => {
    event.preventDefault();
    if (amount === null) return;
    run({ type: lockMode, amount }, t('bulk.done.lock'));
  };
  const openOne = () => {
    const { keys } = useSelectionStore.getState();
    const [planKey] = [...keys];
    const { pages, select } = useGridStore.getState();
    for (const rows of Object.values(pages)) {
      const row = rows.find((candidate) => candidate.planKey === planKey);
      if (row) return select(row);
    }
    return undefined;
  };
  const countText = new Intl.NumberFormat(language).format(count);

  return (
    <div className="bulk-bar" role="region" aria-label={t('bulk.label')}>
      <strong className="bulk-count" data-testid="bulk-count">
        {t('bulk.count', { count: countText })}
      </strong>
      {mode === 'keys' && count < total && (
        <button type="button" className="link" onClick={() => useSelectionStore.getState().selectAllMatching()}>
          {t('select.allMatching', { count: new Intl.NumberFormat(language).format(total) })}
        </button>
      )}
      <form className="bulk-lock" onSubmit={lock}>
        <select
          value={lockMode}
          onChange={(event) => setLockMode(event.target.value as LockMode)}
          aria-label={t('bulk.lockMode')}
        >
          <option value="lockPrice">{t('bulk.lockPrice')}</option>
          <option value="lockMargin">{t('bulk.lockMargin')}</option>
        </select>
        <label className="lock-input">
          <input
            value={text}
            onChange={(event) => setText(event.target.value)}
            inputMode="decimal"
            placeholder={typedAmount(
              tickedRowExample(pages, isSelected, lockMode === 'lockPrice' ? 'salePrice' : 'margin', currency) ??
                (lockMode === 'lockPrice' ? '9.99' : '2'),
              currency,
            )}
            aria-invalid={invalid}
            aria-label={t(lockMode === 'lockPrice' ? 'bulk.lockPrice.label' : 'bulk.lockMargin.label', { currency })}
          />
          <span className="unit">{currency}</span>
        </label>
        <button type="submit" className="button primary small" disabled={action.pending || amount === null}>
          {t('bulk.lock')}
        </button>
      </form>
      <button
        type="button"
        className="button small"
        disabled={action.pending}
        onClick={() => run({ type: 'unlock' }, t('bulk.done.unlock'))}
      >
        {t('bulk.unlock')}
      </button>
      <button
        type="button"
        className="button small"
        disabled={action.pending}
        onClick={() => run({ type: 'exclude' }, t('bulk.done.exclude'))}
      >
        {t('bulk.exclude')}
      </button>
      <button
        type="button"
        className="button small"
        disabled={action.pending}
        onClick={() => run({ type: 'include' }, t('bulk.done.include'))}
      >
        {t('bulk.include')}
      </button>
      {mode === 'keys' && count === 1 && (
        <button type="button" className="button small" onClick={openOne}>
          {t('bulk.open')}
        </button>
      )}
      <button type="button" className="link" onClick={() => useSelectionStore.getState().clear()}>
        {t('bulk.clear')}
      </button>
      {(invalid || action.error || done) && (
        <span
          className={`bulk-note${invalid || action.error ? ' error' : ' muted'}`}
          role={action.error ? 'alert' : 'status'}
        >
          {action.error ?? (invalid ? t('detail.lock.invalid') : done)}
        </span>
      )}
      {action.confirming && (
        <BelowCostConfirm
          preview={action.confirming.preview}
          pending={action.pending}
          onConfirm={() => void action.confirm()}
          onCancel={action.cancel}
        />
      )}
    </div>
  );
}
