import { describe, expect, it } from 'vitest';
import { codedText, wordCodedText } from '../../src-shared/coded-issue';
import { ConfigError } from '../../src-main/config/json-file';
import { IncompleteCatalogError, SupplierError } from '../../src-main/http/errors';
import { TRANSPORT_TEXT_CODES } from '../../src-main/http/transport-text';
import { ORDER_TEXT_CODES } from '../../src-shared/order-notes';
import { connectionFailureCause } from '../../src-main/sync/failure-cause';
import { CONNECTION_FAILURE_CAUSES } from '../../src-shared/connection-types';
import {
  incompleteCatalog,
  refusalText,
  SUPPLIER_TEXT_CODES,
  supplierText,
} from '../../src-main/suppliers/shared/supplier-text';
import { DEADLINE_PASSED } from '../../src-shared/sync-run-errors';
import { runFailureText } from '../../src-main/sync/run-failure';
import { translator } from '../../src-renderer/i18n/fill-template';
import type { Dictionary } from '../../src-renderer/i18n/dictionary';
import { ordersDictionary } from '../../src-renderer/i18n/orders';
import { problemsDictionary } from '../../src-renderer/i18n/problems';
import { syncDictionary } from '../../src-renderer/i18n/sync';
import { heldErrorText } from '../../src-renderer/screens/sync/held-reason';
import { runErrorEn, runErrorWords } from '../../src-renderer/screens/sync/run-error';
import { HELD_NOT_FOUND, HELD_SUPERSEDED } from '../../src-shared/held-run-codes';
import { ISSUE_TEXT_CODES } from '../../src-shared/issue-codes';
import { SKIPPED_TEXT_CODES } from '../../src-shared/skipped-text';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/**
 * Each code has words in English and 简体中文, the Chinese filled from parameters the English uses too (it may leave
 * one out: the command line's hints are English-only).
 */
function expectWorded(dictionary: Dictionary, codes: readonly string[]) {
  const missing = codes.filter((code) => !dictionary.en[code] || !dictionary['zh-CN'][code]);
  expect(missing, 'codes without words').toEqual([]);
  const mismatched = codes.filter((code) =>
    placeholders(dictionary['zh-CN'][code]).some((name) => !placeholders(dictionary.en[code]).includes(name)),
  );
  expect(mismatched, 'codes whose Chinese uses a parameter the English does not').toEqual([]);
}

describe('every code main sends has words in both languages', () => {
  it('transport, supplier and cause codes: in the problems dictionary', () => {
    expectWorded(problemsDictionary, TRANSPORT_TEXT_CODES);
    expectWorded(problemsDictionary, SUPPLIER_TEXT_CODES);
    expectWorded(
      problemsDictionary,
      CONNECTION_FAILURE_CAUSES.flatMap((cause) => [`cause.${cause}.title`, `cause.${cause}.fix`]),
    );
    expectWorded(problemsDictionary, ['sync.interrupted']);
  });

  it("a value that does not fit, and a skipped item's place and reason: in the problems dictionary, so in Sync's", () => {
    for (const dictionary of [problemsDictionary, syncDictionary, ordersDictionary])
      expectWorded(dictionary, [...ISSUE_TEXT_CODES, ...SKIPPED_TEXT_CODES]);
  });

  it("order codes: in the orders dictionary, which the problems dictionary is part of, as are Sync's and Suppliers'", () => {
    expectWorded(ordersDictionary, ORDER_TEXT_CODES);
    for (const dictionary of [ordersDictionary, syncDictionary])
      expectWorded(dictionary, [...TRANSPORT_TEXT_CODES, ...SUPPLIER_TEXT_CODES]);
  });
});

describe('wording a coded text', () => {
  const zh = translator(ordersDictionary['zh-CN']);

  it('words a coded parameter inside it, and a "; "-joined pair inside that, keeping the supplier\'s own words', () => {
    const refused = [
      refusalText('bc F040', '库存不足', 'tradeCode 2002'),
      supplierText('supplier.hint.clockBehind', { minutes: 30 }),
    ].join('; ');
    const note = codedText('note.noAnswerRetrying', { supplier: 'BillionConnect', error: refused });
    expect(wordCodedText(note, zh)).toBe(
      'BillionConnect 无应答：bc F040：库存不足（tradeCode 2002）; 本机时钟比服务器慢 30 分钟，而每个请求都带有时间；稍后再次查询',
    );
  });

  it('leaves plain text, and a parameter that only starts like a code, as they came', () => {
    expect(wordCodedText('insufficient balance (payment_failed)', zh)).toBe('insufficient balance (payment_failed)');
    expect(wordCodedText(refusalText('shop POST /orders', '@admin says no', 'forbidden'), zh)).toBe(
      'shop POST /orders：@admin says no（forbidden）',
    );
  });
});

describe("a sync failure's cause, from the same classifier as a connection test", () => {
  it('sorts what only a sync meets: an incomplete listing, unreadable answers, a listing beyond belief', () => {
    expect(connectionFailureCause(incompleteCatalog('shop GET /products', supplierText('listing.halfFiltered')))).toBe(
      'incomplete',
    );
    expect(
      connectionFailureCause(
        new SupplierError(
          supplierText('supplier.malformedPage', { bad: 3, total: 4, first: 'x', reason: 'y' }),
          'malformed_page',
        ),
      ),
    ).toBe('badAnswer');
    expect(
      connectionFailureCause(
        new SupplierError(
          supplierText('supplier.tooManyProducts', { where: 'x', total: 2e6, max: 1e6 }),
          'implausible_listing',
        ),
      ),
    ).toBe('badAnswer');
    expect(connectionFailureCause(new IncompleteCatalogError('legacy words'))).toBe('incomplete');
  });

  it("reads the hints and refusals main codes: BillionConnect's clock, Linksfield's login", () => {
    const clock = [
      refusalText('bc F002', 'tradeTime error', 'tradeCode 1011'),
      supplierText('supplier.hint.clockAhead', { minutes: 45 }),
    ].join('; ');
    expect(connectionFailureCause(new SupplierError(clock, '1011x'))).toBe('clock');
    const login = supplierText('supplier.loginRefused', {
      where: 'lf',
      email: 'a@b.c',
      partnerCode: 'P1',
      message: 'no',
      code: '9999',
    });
    expect(connectionFailureCause(new SupplierError(login, '9999'))).toBe('credentials');
  });

  it('records the cause and the detail; the Sync screen words both, and a stored secret to type again', () => {
    const zhSync = translator(syncDictionary['zh-CN']);
    const stored = runFailureText(
      incompleteCatalog('shop GET /products', supplierText('listing.shortfall', { seen: 120, total: 130 })),
    );
    expect(runErrorWords(stored, zhSync)).toEqual({
      title: '部分目录未能拉取',
      fix: '请稍后再同步；如果一直失败，技术详情会说明是哪一部分失败了。',
      detail: 'shop GET /products：未能完整拉取目录（只看到服务器所报 130 个商品中的 120 个）；保留了上一次的目录',
    });
    expect(runErrorWords(runFailureText(new ConfigError('secrets unreadable')), zhSync)?.title).toBe('请重新输入私钥');
  });

  it('words the deadline, an interrupted run and a cause it does not know; keeps a text stored before codes', () => {
    const zhSync = translator(syncDictionary['zh-CN']);
    expect(runErrorWords(DEADLINE_PASSED, zhSync)).toMatchObject({
      title: '已停止：同步超过了时限。已保留上一次的目录。',
      // Where to give it more time.
      fix: expect.stringContaining('“设置 → 同步”中调大“同步超时放弃”'),
    });
    // On one line (the CLI, the service's log), the fix follows the title's full stop as the next sentence.
    expect(runErrorEn(DEADLINE_PASSED)).toMatch(
      /passed its time limit\. The previous catalog was kept\. A catalog this size/,
    );
    expect(runErrorWords('@sync.interrupted', zhSync)?.title).toBe(
      '已中断：运行此同步的进程在完成前停止了。已保留上一次的目录。',
    );
    expect(
      runErrorWords(codedText('sync.failed', { cause: 'from-a-newer-version', detail: 'x' }), zhSync),
    ).toMatchObject({ title: '操作失败', detail: 'x' });
    expect(runErrorWords('shop: connection failed (ECONNRESET)', zhSync)).toEqual({
      title: 'shop: connection failed (ECONNRESET)',
      fix: null,
      detail: null,
    });
  });

  it('words both reasons applying a held sync is refused', () => {
    const zhSync = translator(syncDictionary['zh-CN']);
    expect(heldErrorText(HELD_SUPERSEDED, zhSync)).toBe('此后该供应商已有更新的同步被应用：这一次只能放弃。');
    expect(heldErrorText(HELD_NOT_FOUND, zhSync)).toBe('这次同步已不再等待审核：它已被应用或放弃。');
  });
});
