import { useEffect, useRef } from 'react';
import type { Money } from '../../../src-main/domain/money';
import type { BulkPreview } from '../../../src-shared/grid-types';
import { formatMoney } from '../../components/format';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';

/** A loss is read in the currency's own minor units (USD 7.88, JPY 788): six decimals of a converted cost would only blur it. */
function shown(money: Money): string {
  let decimals = 2;
  try {
    decimals =
      new Intl.NumberFormat('en', { style: 'currency', currency: money.currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
  } catch {
    // Not an ISO code Intl knows: two decimals.
  }
  return formatMoney(money, { decimals });
}

/** "This sells below cost": how many rows, and what each sale of the worst of them loses, before anything is locked. */
export function BelowCostConfirm({
  preview,
  pending,
  onConfirm,
  onCancel,
}: {
  preview: BulkPreview;
  pending: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const t = useT(gridDictionary);
  const cancelButton = useRef<HTMLButtonElement>(null);
  // Focus lands on the safe choice: Enter by habit must not sell at a loss.
  useEffect(() => cancelButton.current?.focus(), []);
  const single = preview.rows === 1 && preview.worstBelowCost.length === 1;
  return (
    <div
      className="below-cost-confirm"
      role="alertdialog"
      aria-labelledby="below-cost-title"
      aria-describedby="below-cost-body"
    >
      <h3 id="below-cost-title">{t('belowCost.title')}</h3>
      <div id="below-cost-body">
        {single ? (
          <p>
            {t('belowCost.one', {
              loss: shown(preview.worstBelowCost[0].loss),
              cost: shown(preview.worstBelowCost[0].cost),
              price: shown(preview.worstBelowCost[0].price),
            })}
          </p>
        ) : (
          <>
            <p>{t('belowCost.many', { count: preview.belowCost, rows: preview.affected })}</p>
            <ul className="below-cost-list">
              {preview.worstBelowCost.map((row) => (
                <li key={row.planKey}>
                  <span className="below-cost-title" title={row.title}>
                    {row.title}
                  </span>
                  <span className="below-cost-loss">
                    {t('belowCost.loss', { loss: shown(row.loss), cost: shown(row.cost), price: shown(row.price) })}
                  </span>
                </li>
              ))}
            </ul>
            {preview.belowCost > preview.worstBelowCost.length && (
              <p className="muted">
                {t('belowCost.more', { count: preview.belowCost - preview.worstBelowCost.length })}
              </p>
            )}
          </>
        )}
      </div>
      <div className="below-cost-actions">
        <button type="button" className="button danger" disabled={pending} onClick={onConfirm}>
          {t('belowCost.confirm')}
        </button>
        <button type="button" className="button" ref={cancelButton} disabled={pending} onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </div>
    </div>
  );
}
