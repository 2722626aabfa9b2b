import { create } from 'zustand';
import type { DailySpending } from '../../src-shared/contract';
import type { OrderView, Delivery } from '../../src-shared/order-types';
import { api } from '../api';
import { sameDelivery, upsertOrder } from './orders-view';

const ORDERS_SHOWN = 200;

interface OrdersState {
  orders: OrderView[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  selectedId: number | null;
  /** Unmasked deliveries by order id, kept only while the merchant wants them shown. */
  revealed: Record<number, Delivery | null>;
  revealing: number | null;
  revealErrors: Record<number, string>;
  /** Our QR (PNG data: URI) by order id; fetched only once the order is revealed. */
  qr: Record<number, string>;
  qrErrors: Record<number, string>;
  /** Today's spend and the daily cap, as main counts them for a quote; null until first fetched. */
  spending: DailySpending | null;
  spendingError: string | null;
  /** Subscribes to `order.updated` once for the app's life: an order keeps moving while other screens show. */
  connect(): void;
  load(): Promise<void>;
  select(id: number | null): void;
  /** Takes in an order the caller already has (the answer to `orders.place`), as an event would. */
  remember(order: OrderView): void;
  /** Refetches today's spend (also done on every `order.updated`, and by the cap setting when the cap changes). */
  loadSpending(): Promise<void>;
  reveal(id: number): Promise<void>;
  hide(id: number): void;
  loadQr(id: number): Promise<void>;
  /** Rejects with main's message, which the caller shows beside its button. */
  cancel(id: number): Promise<void>;
  completeManually(id: number, text: string): Promise<void>;
}

let connected = false;
/** Bumped by every spending request: only the latest answer is shown, whatever order they come back in. */
let spendingRequest = 0;

function without<T>(byId: Record<number, T>, id: number): Record<number, T> {
  const copy = { ...byId };
  delete copy[id];
  return copy;
}

export const useOrdersStore = create<OrdersState>((set, get) => {
  const take = (incoming: OrderView) => {
    set((state) => {
      const previous = state.orders.find((order) => order.id === incoming.id);
      const orders = upsertOrder(state.orders, incoming);
      // A delivery that grew (BillionConnect's push after its query) makes an earlier reveal stale: mask again.
      const stale =
        previous &&
        orders !== state.orders &&
        incoming.id in state.revealed &&
        !sameDelivery(previous.delivery, incoming.delivery);
      if (!stale) return { orders };
      return { orders, revealed: without(state.revealed, incoming.id), qr: without(state.qr, incoming.id) };
    });
  };

  return {
    orders: [],
    loaded: false,
    loading: false,
    error: null,
    selectedId: null,
    revealed: {},
    revealing: null,
    revealErrors: {},
    qr: {},
    qrErrors: {},
    spending: null,
    spendingError: null,
    connect: () => {
      if (connected) return;
      connected = true;
      api().on('order.updated', (order) => {
        take(order);
        // A new order counts against today's cap; a failed or canceled one stops counting.
        void get().loadSpending();
      });
    },
    load: async () => {
      set({ loading: !get().loaded, error: null });
      try {
        const fetched = await api()['orders.list'](ORDERS_SHOWN);
        // Events that arrived while the list was on its way may be fresher than it.
        set((state) => ({ orders: state.orders.reduce(upsertOrder, fetched), loaded: true, loading: false }));
        const { selectedId, orders } = get();
        if (selectedId === null || !orders.some((order) => order.id === selectedId))
          set({ selectedId: orders[0]?.id ?? null });
      } catch (error) {
        set({ loading: false, error: (error as Error).message });
      }
    },
    select: (id) => set({ selectedId: id }),
    remember: take,
    loadSpending: async () => {
      const request = ++spendingRequest;
      try {
        const spending = await api()['orders.cap']();
        if (request === spendingRequest) set({ spending, spendingError: null });
      } catch (error) {
        if (request === spendingRequest) set({ spendingError: (error as Error).message });
      }
    },
    reveal: async (id) => {
      set((state) => ({ revealing: id, revealErrors: { ...state.revealErrors, [id]: '' } }));
      try {
        const view = await api()['orders.reveal'](id);
        set((state) => ({ revealed: { ...state.revealed, [id]: view.delivery }, revealing: null }));
      } catch (error) {
        set((state) => ({ revealing: null, revealErrors: { ...state.revealErrors, [id]: (error as Error).message } }));
      }
    },
    hide: (id) => {
      set((state) => ({ revealed: without(state.revealed, id), qr: without(state.qr, id) }));
    },
    loadQr: async (id) => {
      set((state) => ({ qrErrors: { ...state.qrErrors, [id]: '' } }));
      try {
        const uri = await api()['orders.qr'](id);
        // Hidden again while the QR was on its way: do not bring the secret back on screen.
        if (id in get().revealed) set((state) => ({ qr: { ...state.qr, [id]: uri } }));
      } catch (error) {
        set((state) => ({ qrErrors: { ...state.qrErrors, [id]: (error as Error).message } }));
      }
    },
    cancel: async (id) => {
      take(await api()['orders.cancel'](id));
    },
    completeManually: async (id, text) => {
      take(await api()['orders.completeManually'](id, text));
    },
  };
});
