import { useEffect, useRef, useState } from 'react';
import type { PlanRowDetail } from '../../../src-shared/contract';
import { api } from '../../api';
import { useGridStore, type SelectedRow } from '../../stores/grid';

export type RowDetailState =
  | { status: 'loading'; detail: PlanRowDetail | null }
  | { status: 'ready'; detail: PlanRowDetail }
  | { status: 'gone'; detail: null }
  | { status: 'error'; detail: PlanRowDetail | null; error: string };

/**
 * The server's word on one plan, refetched whenever the grid changes. Every rebuild renumbers rows, so an id
 * that now names another plan (or none) is looked up again by plan key: first among the freshly loaded
 * pages, then by searching the title server-side.
 */
export function useRowDetail(selected: SelectedRow, language: string, retryToken: number): RowDetailState {
  const dataVersion = useGridStore((s) => s.dataVersion);
  const [state, setState] = useState<RowDetailState>({ status: 'loading', detail: null });
  const lastDetail = useRef<PlanRowDetail | null>(null);

  useEffect(() => {
    let cancelled = false;
    setState((previous) => ({
      status: 'loading',
      detail: previous.detail?.planKey === selected.planKey ? previous.detail : null,
    }));
    (async () => {
      const detail = await api()['grid.row'](selected.id, language);
      if (cancelled) return;
      if (detail && detail.planKey === selected.planKey) {
        lastDetail.current = detail;
        setState({ status: 'ready', detail });
        return;
      }
      const previous = lastDetail.current?.planKey === selected.planKey ? lastDetail.current : null;
      const relocated =
        useGridStore.getState().findSelectedInPages() ?? (await findByTitles(selected, previous, language));
      if (cancelled) return;
      if (!relocated || relocated.id === selected.id) {
        setState({ status: 'gone', detail: null });
        return;
      }
      // A new id re-runs this effect with it.
      useGridStore.getState().select(relocated);
    })().catch((error: Error) => {
      if (!cancelled) setState((previous) => ({ status: 'error', detail: previous.detail, error: error.message }));
    });
    return () => {
      cancelled = true;
    };
  }, [selected, language, dataVersion, retryToken]);

  return state;
}

/**
 * Searches for the plan by its title, then by each of its offers' titles: a row's title comes from its best offer,
 * so when that offer was just unlinked the row now goes by another member's title.
 */
async function findByTitles(selected: SelectedRow, previous: PlanRowDetail | null, language: string) {
  const titles = new Set([selected.title, ...(previous?.offers ?? []).flatMap((offer) => Object.values(offer.titles))]);
  for (const title of [...titles].filter((text) => text.trim()).slice(0, MAX_TITLE_SEARCHES)) {
    const page = await api()['grid.query']({ search: title, language, limit: 200 });
    const row = page.rows.find((candidate) => candidate.planKey === selected.planKey);
    if (row) return { id: row.id, planKey: row.planKey, title: row.title };
  }
  return null;
}

const MAX_TITLE_SEARCHES = 8;
