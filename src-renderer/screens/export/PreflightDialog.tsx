import { useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import { currencyDecimals } from '../../../src-main/domain/minor-units';
import type { Money } from '../../../src-main/domain/money';
import type { FlaggedRow } from '../../../src-shared/export-types';
import { formatMoney } from '../../components/format';
import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { useExportStore } from '../../stores/export';
import { useUiStore } from '../../stores/ui';
import { formatCount } from './labels';
import { formatList } from '../../stores/format-list';

/** Money as a shopper sees it: in the currency's minor unit (a loss of 1.2 USD reads 1.20 USD). */
const money = (value: Money | null) =>
  value ? formatMoney(value, { decimals: currencyDecimals(value.currency) }) : '—';

/**
 * The step between "Export…" and the file when some rows would sell below cost or have no price: those rows, with
 * the loss each sale would make, and the merchant's choice to leave them out or write them anyway. Prices converted
 * with the built-in sample exchange rates are said here too, with or without such rows: they are only approximate.
 */
export function PreflightDialog() {
  const t = useT(exportDictionary);
  const language = useUiStore((s) => s.language);
  const { preflight, decideFlagged } = useExportStore(
    useShallow((s) => ({ preflight: s.preflight, decideFlagged: s.decideFlagged })),
  );
  const headingId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const open = preflight !== null;

  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const backOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      void decideFlagged(null);
    };
    window.addEventListener('keydown', backOnEscape, true);
    return () => window.removeEventListener('keydown', backOnEscape, true);
  }, [open, decideFlagged]);

  if (!preflight) return null;
  const count = (n: number) => formatCount(n, language);
  const flagged = preflight.belowCost + preflight.noPrice;
  const { sampleRates } = preflight;
  const found = [
    preflight.belowCost
      ? t(preflight.belowCost === 1 ? 'preflight.belowCostOne' : 'preflight.belowCost', {
          count: count(preflight.belowCost),
        })
      : '',
    preflight.noPrice
      ? t(preflight.noPrice === 1 ? 'preflight.noPriceOne' : 'preflight.noPrice', { count: count(preflight.noPrice) })
      : '',
  ]
    .filter(Boolean)
    .join(t('preflight.and'));
  const problem = (row: FlaggedRow) => {
    if (row.reason === 'below_cost')
      return <strong className="preflight-loss">{t('preflight.loss', { amount: money(row.lossPerSale) })}</strong>;
    return (
      <span className="preflight-noprice">
        {t(row.cause === 'no_rate' ? 'preflight.cause.no_rate' : 'preflight.cause.refused')}
      </span>
    );
  };

  return createPortal(
    <div className="export-preflight">
      <div
        ref={panel}
        className="export-preflight-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        tabIndex={-1}
      >
        <header className="export-preflight-head">
          <h2 id={headingId}>{t(flagged > 0 ? 'preflight.title' : 'preflight.sampleTitle')}</h2>
          {flagged > 0 && (
            <p className="export-preflight-summary">{t('preflight.summary', { found, rows: count(preflight.rows) })}</p>
          )}
          {sampleRates && (
            <p className="export-preflight-rates" role="alert">
              {t('preflight.sampleRates', {
                currencies: formatList(sampleRates.currencies, language),
                date: sampleRates.asOf,
              })}
            </p>
          )}
        </header>
        {flagged > 0 && (
          <div className="export-preflight-body">
            <table className="table preflight-table">
              <thead>
                <tr>
                  <th scope="col">{t('preflight.plan')}</th>
                  <th scope="col" className="num">
                    {t('preflight.price')}
                  </th>
                  <th scope="col" className="num">
                    {t('preflight.cost')}
                  </th>
                  <th scope="col">{t('preflight.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {preflight.flagged.map((row) => (
                  <tr key={row.planKey} data-reason={row.reason}>
                    <td>
                      <div className="preflight-plan">
                        <span className="preflight-title" title={row.planKey}>
                          {row.title || row.planKey}
                        </span>
                        {(row.locked || row.soldOut) && (
                          <span className="muted preflight-notes">
                            {[row.locked ? t('preflight.locked') : '', row.soldOut ? t('preflight.soldOut') : '']
                              .filter(Boolean)
                              .join(' · ')}
                          </span>
                        )}
                      </div>
                    </td>
                    <td className="num">{money(row.salePrice)}</td>
                    <td className="num">{money(row.cost)}</td>
                    <td>{problem(row)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {flagged > preflight.flagged.length && (
              <p className="muted">{t('preflight.more', { count: count(flagged - preflight.flagged.length) })}</p>
            )}
            <p className="muted preflight-recorded">{t('preflight.recorded')}</p>
          </div>
        )}
        <footer className="export-preflight-actions">
          <button type="button" className="button" onClick={() => void decideFlagged(null)}>
            {t('preflight.back')}
          </button>
          <span className="spacer" />
          {flagged > 0 ? (
            <>
              <button type="button" className="button preflight-keep" onClick={() => void decideFlagged('keep')}>
                {t('preflight.keep')}
              </button>
              <button type="button" className="primary preflight-exclude" onClick={() => void decideFlagged('exclude')}>
                {t(flagged === 1 ? 'preflight.excludeOne' : 'preflight.exclude', { count: count(flagged) })}
              </button>
            </>
          ) : (
            <button type="button" className="primary preflight-keep" onClick={() => void decideFlagged('keep')}>
              {t('preflight.exportAnyway')}
            </button>
          )}
        </footer>
      </div>
    </div>,
    document.body,
  );
}
