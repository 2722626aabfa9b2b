import { describe, expect, it } from 'vitest';
import type { ChangeView } from '../../src-shared/contract';
import { changeValues } from '../../src-renderer/screens/sync/change-values';
import { filterCounts } from '../../src-renderer/stores/sync-changes';
import {
  isActive,
  secondsUntil,
  progressFraction,
  reduceSyncEvent,
  reduceSyncState,
  type ProgressBySupplier,
} from '../../src-renderer/stores/sync-progress';

const fold = (events: Parameters<typeof reduceSyncEvent>[1][], start: ProgressBySupplier = {}) =>
  events.reduce(reduceSyncEvent, start);

describe('sync progress from engine events', () => {
  it('follows a supplier from started through pages to finished with its counts', () => {
    let state = fold([
      { type: 'started', supplierId: 'a', runId: 7 },
      { type: 'progress', supplierId: 'a', runId: 7, pagesDone: 2, pagesTotal: 6, items: 100 },
    ]);
    expect(state.a).toMatchObject({ phase: 'running', pagesDone: 2, pagesTotal: 6, items: 100 });
    expect(progressFraction(state.a)).toBeCloseTo(2 / 6);
    state = reduceSyncEvent(state, {
      type: 'finished',
      supplierId: 'a',
      runId: 7,
      status: 'ok',
      counts: { offers: 275, added: 2, removed: 3, changed: 27, skipped: 0 },
    });
    expect(state.a).toMatchObject({ phase: 'ok', items: 100, counts: { added: 2, removed: 3 }, error: null });
    expect(progressFraction(state.a)).toBe(1);
    expect(isActive(state.a)).toBe(false);
  });

  it('is indeterminate while the upstream has not said how many pages there are', () => {
    const state = fold([{ type: 'progress', supplierId: 'b', runId: 3, pagesDone: 4, pagesTotal: null, items: 80 }]);
    expect(state.b.phase).toBe('running');
    expect(progressFraction(state.b)).toBeNull();
  });

  it('keeps suppliers apart and records the error of a failed one', () => {
    const state = fold([
      { type: 'started', supplierId: 'a', runId: 1 },
      { type: 'started', supplierId: 'b', runId: 2 },
      { type: 'finished', supplierId: 'b', runId: 2, status: 'failed', error: 'HTTP 500' },
      { type: 'progress', supplierId: 'a', runId: 1, pagesDone: 1, pagesTotal: 2, items: 50 },
    ]);
    expect(state.a.phase).toBe('running');
    expect(state.b).toMatchObject({ phase: 'failed', error: 'HTTP 500' });
  });

  it('ignores late events of an older run and progress after the end of a run', () => {
    let state = fold([
      { type: 'started', supplierId: 'a', runId: 5 },
      { type: 'finished', supplierId: 'a', runId: 5, status: 'canceled', error: 'canceled' },
    ]);
    const before = state;
    state = reduceSyncEvent(state, {
      type: 'progress',
      supplierId: 'a',
      runId: 5,
      pagesDone: 9,
      pagesTotal: 9,
      items: 9,
    });
    state = reduceSyncEvent(state, {
      type: 'progress',
      supplierId: 'a',
      runId: 4,
      pagesDone: 1,
      pagesTotal: 9,
      items: 1,
    });
    expect(state).toBe(before);
    expect(state.a.phase).toBe('canceled');
  });

  it('queues the batch announced by sync.state without resetting a supplier that already started', () => {
    let state = fold(
      [
        { type: 'started', supplierId: 'a', runId: 10 },
        { type: 'progress', supplierId: 'a', runId: 10, pagesDone: 1, pagesTotal: 4, items: 10 },
      ],
      {
        c: {
          supplierId: 'c',
          runId: 1,
          phase: 'ok',
          pagesDone: 3,
          pagesTotal: 3,
          items: 30,
          counts: null,
          error: null,
          waitingUntil: null,
          mode: null,
        },
      },
    );
    state = reduceSyncState(state, { running: true, supplierIds: ['a', 'c'] });
    expect(state.a).toMatchObject({ phase: 'running', pagesDone: 1 });
    expect(state.c).toMatchObject({ phase: 'queued', runId: null, items: 0 });
    expect(progressFraction(state.c)).toBe(0);
    expect(isActive(state.c)).toBe(true);
  });

  it('clears suppliers left unfinished when the sync is over, keeping the finished ones', () => {
    let state = reduceSyncState({}, { running: true, supplierIds: ['a', 'b'] });
    state = reduceSyncEvent(state, { type: 'started', supplierId: 'a', runId: 1 });
    state = reduceSyncEvent(state, { type: 'finished', supplierId: 'a', runId: 1, status: 'ok' });
    state = reduceSyncState(state, { running: false, supplierIds: [] });
    expect(Object.keys(state)).toEqual(['a']);
  });
});

const change = (kind: ChangeView['change'], old: unknown, next: unknown): ChangeView => ({
  runId: 1,
  supplierId: 's',
  productId: 'p',
  skuId: 'k',
  variant: '',
  key: 'p\u0001k\u0001',
  change: kind,
  old,
  new: next,
  title: 'Japan 5GB',
});

describe('the diff of a run', () => {
  const changes = [
    change('price_up', { amount: '73.1000', currency: 'CNY' }, { amount: '77.7584', currency: 'CNY' }),
    change('price_down', { amount: '6', currency: 'USD' }, { amount: '5.5', currency: 'USD' }),
    change('added', null, {
      cost: { amount: '1234.5', currency: 'USD' },
      stock: { status: 'in_stock', quantity: 3 },
      titles: { en: 'New' },
    }),
    change(
      'removed',
      { cost: { amount: '2', currency: 'USD' }, stock: { status: 'out', quantity: 0 }, titles: { en: 'Old' } },
      null,
    ),
    change('stock_changed', { status: 'in_stock', quantity: 4 }, { status: 'out', quantity: 0 }),
    change(
      'title_changed',
      { en: 'Thailand 2GB', 'zh-CN': '泰国 2GB' },
      { en: 'Thailand 2GB v2', 'zh-CN': '泰国 2GB v2' },
    ),
  ];

  it('counts "all" as the sum of main\'s counts per kind', () => {
    expect(
      filterCounts({ added: 120_000, removed: 3, price_up: 7, price_down: 0, stock_changed: 2, title_changed: 1 }),
    ).toEqual({
      all: 120_013,
      added: 120_000,
      removed: 3,
      price_up: 7,
      price_down: 0,
      stock_changed: 2,
      title_changed: 1,
    });
    expect(
      filterCounts({ added: 0, removed: 0, price_up: 0, price_down: 0, stock_changed: 0, title_changed: 0 }).all,
    ).toBe(0);
  });

  it("shows money from the decimal strings, rounded half up to the currency's minor units", () => {
    expect(changeValues(changes[0], 'en')).toEqual({
      before: { type: 'money', text: '73.10 CNY' },
      after: { type: 'money', text: '77.76 CNY' },
    });
    expect(changeValues(changes[2], 'en')).toEqual({ before: null, after: { type: 'money', text: '1,234.50 USD' } });
    expect(changeValues(changes[3], 'en')).toEqual({ before: { type: 'money', text: '2.00 USD' }, after: null });
  });

  it('gives stock as data and titles in the reader’s language', () => {
    expect(changeValues(changes[4], 'en').after).toEqual({ type: 'stock', stock: { status: 'out', quantity: 0 } });
    expect(changeValues(changes[5], 'zh-CN')).toEqual({
      before: { type: 'title', text: '泰国 2GB' },
      after: { type: 'title', text: '泰国 2GB v2' },
    });
    expect(changeValues(changes[5], 'en').after).toEqual({ type: 'title', text: 'Thailand 2GB v2' });
  });

  it('shows a wait for the request limit until the supplier resumes or ends, whatever pages land meanwhile', () => {
    let state = reduceSyncEvent({}, { type: 'started', supplierId: 'a', runId: 3, mode: 'incremental' });
    expect(state.a).toMatchObject({ mode: 'incremental', waitingUntil: null });
    state = reduceSyncEvent(state, { type: 'waiting', supplierId: 'a', runId: 3, resumesAt: 123_000 });
    expect(state.a.waitingUntil).toBe(123_000);
    // A page that was already under way when the wait began lands: the bar moves, the wait stays shown.
    state = reduceSyncEvent(state, {
      type: 'progress',
      supplierId: 'a',
      runId: 3,
      pagesDone: 3,
      pagesTotal: 81,
      items: 150,
    });
    expect(state.a).toMatchObject({ pagesDone: 3, waitingUntil: 123_000 });
    state = reduceSyncEvent(state, { type: 'waiting', supplierId: 'a', runId: 3, resumesAt: null });
    expect(state.a.waitingUntil).toBeNull();
    state = reduceSyncEvent(state, { type: 'waiting', supplierId: 'a', runId: 3, resumesAt: 200_000 });
    state = reduceSyncEvent(state, {
      type: 'finished',
      supplierId: 'a',
      runId: 3,
      status: 'failed',
      error: 'deadline passed',
    });
    expect(state.a).toMatchObject({ phase: 'failed', waitingUntil: null });
    // A late wait of the finished run changes nothing.
    expect(reduceSyncEvent(state, { type: 'waiting', supplierId: 'a', runId: 3, resumesAt: 300_000 })).toBe(state);
    expect(secondsUntil(123_000, 100_000)).toBe(23);
    expect(secondsUntil(123_000, 122_001)).toBe(1);
    expect(secondsUntil(123_000, 124_000)).toBe(0);
  });
});
