import { describe, expect, it } from 'vitest';
import { seagmOrderSchema, seagmOrderState } from '../../../src-main/suppliers/seagm/order-state';
import { inEnglish } from '../../helpers/in-english';

/** The doc's create-card-order answer (data), as printed. */
const CARD_DONE = {
  id: 17401657,
  trade_id: 15440844,
  title: 'Cubizone Cubicards (MY)<span/>Cubizone 1000 Cubits',
  category_id: 1,
  product_id: 49,
  type_id: 49,
  created: 1614669585,
  created_time: 1614669585,
  currency: 'MYR',
  unit_price: '100.00',
  buy_amount: 1,
  pay_amount: '100.00',
  pay_amount_credits: 10000,
  refunded_amount: '0.00',
  send_amount: '1.000',
  paid_time: 1614669585,
  sent_time: 1614669586,
  pay_status_code: 2,
  pay_status: 'Paid',
  send_status_code: 3,
  send_status: 'Done',
  status: 'Done',
  status_code: 10003,
  mch_order_id: 'D2022031106',
  cards: [{ id: 8881121, card_number: 'MYF181221000093', card_pin: 'WMRKR9LGA6KN8SRNN3', expired: '-' }],
};

/** The doc's create-direct-top-up answer (data). */
const TOPUP_WAITING = {
  id: 17401675,
  trade_id: 15440860,
  title: '多玩游戏平台直充<span/>多玩游戏平台_90Y币_100元(直充)',
  category_id: 634,
  product_id: 2987,
  type_id: 2987,
  created: 1614677031,
  created_time: 1614677031,
  currency: 'MYR',
  unit_price: '60.28',
  buy_amount: 1,
  pay_amount: '60.28',
  pay_amount_credits: 6028,
  refunded_amount: '0.00',
  send_amount: '0.000',
  paid_time: 1614677031,
  sent_time: 0,
  pay_status_code: 2,
  pay_status: 'Paid',
  send_status_code: 1,
  send_status: 'Wait send',
  status: 'Wait send',
  status_code: 10001,
  mch_order_id: 'D2022031106',
  fields: { charge_account: 'dd' },
};

const state = (order: object, family: 'card' | 'recharge' | 'mobile') =>
  seagmOrderState(seagmOrderSchema.parse(order), family);

describe('SEAGM order status', () => {
  it('reads the doc\'s card order into a delivery of number and PIN, with no expiry for "-"', () => {
    expect(state(CARD_DONE, 'card')).toEqual({
      status: 'delivered',
      upstreamOrderId: '17401657',
      upstreamStatus: 'Done (10003)',
      amount: { amount: '100.00', currency: 'MYR' },
      error: null,
      delivery: { cards: [{ number: 'MYF181221000093', pin: 'WMRKR9LGA6KN8SRNN3' }] },
    });
    const dated = { ...CARD_DONE, cards: [{ ...CARD_DONE.cards[0], expired: '2027-06-30' }] };
    expect(state(dated, 'card').delivery!.cards![0].expiry).toBe('2027-06-30');
  });

  it('keeps asking about a card order marked done without its codes, or with fewer than were bought', () => {
    const waiting = state({ ...CARD_DONE, cards: [] }, 'card');
    expect(waiting.status).toBe('processing');
    expect(inEnglish(waiting.upstreamStatus)).toBe('Done (10003), no card codes yet');
    const short = state({ ...CARD_DONE, buy_amount: 2 }, 'card');
    expect(short).toMatchObject({ status: 'processing', delivery: { cards: [{ number: 'MYF181221000093' }] } });
    expect(inEnglish(short.upstreamStatus)).toBe('Done (10003), 1 of 2 cards so far');
    // The rest given back: the order is finished, and says how many cards came.
    const shortRefunded = state(
      { ...CARD_DONE, buy_amount: 2, pay_amount: '200.00', refunded_amount: '100.00' },
      'card',
    );
    expect(shortRefunded.status).toBe('partially_refunded');
    expect(inEnglish(shortRefunded.delivery!.text, 'SEAGM')).toBe('SEAGM delivered 1 of 2 cards');
  });

  it("reads the doc's top-up answer as processing, then done with its fields in either documented shape", () => {
    expect(state(TOPUP_WAITING, 'recharge')).toMatchObject({
      status: 'processing',
      upstreamStatus: 'Wait send (10001)',
      amount: { amount: '60.28', currency: 'MYR' },
    });
    const done = { ...TOPUP_WAITING, status: 'Done', status_code: 10003, send_status_code: 3 };
    expect(inEnglish(state(done, 'recharge').delivery!.text)).toBe('Top-up done for charge_account dd');
    const asList = { ...done, fields: [{ title: '玩家账号', name: 'charge_account', value: 'dd' }] };
    expect(inEnglish(state(asList, 'recharge').delivery!.text)).toBe('Top-up done for charge_account dd');
  });

  it('reports the mobile recharge with the number topped up and what it received', () => {
    const done = {
      ...TOPUP_WAITING,
      status: 'Done',
      status_code: 10003,
      fields: {
        calling_code: '86',
        phone_number: '18701341079',
        validity: '',
        local_tax: '0.00',
        local_received: '50 CNY Credits',
      },
    };
    expect(inEnglish(state(done, 'mobile').delivery!.text)).toBe(
      'Mobile recharge done for +86 18701341079: 50 CNY Credits',
    );
  });

  it('reads refunds as refunded or partially_refunded, fails an expired order and waits on an unpaid one', () => {
    expect(
      state(
        { ...TOPUP_WAITING, status: 'Refunded', status_code: 10004, pay_status_code: 3, refunded_amount: '60.28' },
        'recharge',
      ),
    ).toMatchObject({ status: 'refunded', error: null, refundedAmount: { amount: '60.28', currency: 'MYR' } });
    // A full refund that left refunded_amount at 0.00 gave back what was paid.
    expect(
      state({ ...TOPUP_WAITING, status: 'Refunded', status_code: 10004, pay_status_code: 3 }, 'recharge'),
    ).toMatchObject({ status: 'refunded', refundedAmount: { amount: '60.28', currency: 'MYR' } });
    expect(
      state(
        { ...TOPUP_WAITING, status: 'Refunded', status_code: 10004, pay_status_code: 3, refunded_amount: '20.00' },
        'recharge',
      ),
    ).toMatchObject({ status: 'partially_refunded', refundedAmount: { amount: '20.00', currency: 'MYR' } });
    const twoCardsOneBack = { ...CARD_DONE, buy_amount: 2, pay_amount: '200.00', refunded_amount: '100.00' };
    expect(state(twoCardsOneBack, 'card')).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: { amount: '100.00', currency: 'MYR' },
      delivery: { cards: [{ number: 'MYF181221000093' }] },
    });
    // Part given back while the rest is still being sent: followed on until it is done.
    expect(state({ ...TOPUP_WAITING, refunded_amount: '10.00' }, 'recharge')).toMatchObject({ status: 'processing' });
    expect(
      state({ ...TOPUP_WAITING, status: 'Unpaid', status_code: 10000, pay_status_code: 5 }, 'recharge'),
    ).toMatchObject({ status: 'failed' });
    expect(
      state({ ...TOPUP_WAITING, status: 'Unpaid', status_code: 10000, pay_status_code: 1 }, 'recharge'),
    ).toMatchObject({ status: 'pending' });
  });
  it('keeps the cards a partly refunded order sent when SEAGM marks it Refunded (10004, payment "Refunded")', () => {
    // Two cards bought, one sent, the other's price given back: the order's status and payment say "Refunded", its
    // refunded_amount says only half. The card that came is the merchant's; dropping it loses a paid-for code.
    const oneOfTwoBack = {
      ...CARD_DONE,
      buy_amount: 2,
      pay_amount: '200.00',
      refunded_amount: '100.00',
      status: 'Refunded',
      status_code: 10004,
      pay_status_code: 3,
      pay_status: 'Refunded',
    };
    expect(state(oneOfTwoBack, 'card')).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: { amount: '100.00', currency: 'MYR' },
      delivery: { cards: [{ number: 'MYF181221000093', pin: 'WMRKR9LGA6KN8SRNN3' }] },
    });
    // A top-up refunded in full was not done: nothing is reported as delivered for it.
    expect(
      state({ ...TOPUP_WAITING, status: 'Refunded', status_code: 10004, pay_status_code: 3 }, 'recharge').delivery,
    ).toBeNull();
  });
  it('never delivers a card number or PIN that JSON parsing rounded: a code past 2^53 sent as a number is refused', () => {
    const body = JSON.stringify({ ...CARD_DONE, cards: [{ ...CARD_DONE.cards[0], card_pin: 0 }] }).replace(
      '"card_pin":0',
      '"card_pin":12345678901234567891',
    );
    const parsed = seagmOrderSchema.safeParse(JSON.parse(body));
    if (parsed.success) expect(parsed.data.cards![0].card_pin).toBe('12345678901234567891');
    // Exact numbers still read: a short numeric PIN is the PIN.
    const short = JSON.parse(JSON.stringify({ ...CARD_DONE, cards: [{ ...CARD_DONE.cards[0], card_pin: 123456 }] }));
    expect(state(short, 'card').delivery!.cards![0].pin).toBe('123456');
  });
});
