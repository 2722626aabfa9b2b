import { useState } from 'react';
import type { BulkAction, BulkPreview, GridSelection } from '../../../src-shared/grid-types';
import { api } from '../../api';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useUiStore } from '../../stores/ui';

export interface PendingConfirmation {
  selection: GridSelection;
  action: BulkAction;
  preview: BulkPreview;
}

/**
 * Runs a grid action, but a lock that would sell any row below cost first shows what each sale would lose and
 * waits for the merchant to confirm. Main refuses such a lock without that confirmation too (grid/bulk.ts).
 */
export function useGuardedAction(onDone?: () => void) {
  const language = useUiStore((s) => s.language);
  const t = useT(gridDictionary);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<PendingConfirmation | null>(null);

  const apply = async (selection: GridSelection, action: BulkAction, confirmBelowCost: boolean) => {
    await api()['grid.bulkApply'](selection, action, { confirmBelowCost });
    setConfirming(null);
    onDone?.();
  };

  const guard = async (work: () => Promise<void>) => {
    setPending(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      // Main's refusal of an unconfirmed loss (prices moved since the preview) comes as a code: worded here.
      const refused = /@grid\.bulk\.belowCost\?count=(\d+)/.exec((failure as Error).message);
      setError(refused ? t('belowCost.changed', { count: refused[1] }) : (failure as Error).message);
    } finally {
      setPending(false);
    }
  };

  return {
    pending,
    error,
    confirming,
    run: (selection: GridSelection, action: BulkAction) =>
      guard(async () => {
        if (action.type === 'lockPrice' || action.type === 'lockMargin') {
          const preview = await api()['grid.bulkPreview'](selection, action, language);
          if (preview.belowCost > 0) {
            setConfirming({ selection, action, preview });
            return;
          }
        }
        await apply(selection, action, false);
      }),
    confirm: () =>
      guard(async () => {
        if (confirming) await apply(confirming.selection, confirming.action, true);
      }),
    cancel: () => setConfirming(null),
  };
}
