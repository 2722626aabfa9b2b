import { SupplierError } from '../../http/errors';
import { formatMoney, money } from '../../domain/money';
import type { AdapterEnv, CatalogPage, FetchOptions, PingResult, SupplierAdapter } from '../adapter';
import { mapPageItems, rawField } from '../shared/validate-items';
import { issuesText } from '../shared/issue-text';
import { supplierText } from '../shared/supplier-text';
import { BillionConnectClient, type TradeData } from './client';
import { invokeUrl, type BillionConnectConfig } from './config';
import { describeJoined, joinListings, type JoinedSku } from './join';
import { itemFingerprint } from '../shared/item-fingerprint';
import { mapListedSku } from './map';
import { createBillionConnectOrders } from './orders';
import { createBillionConnectPush } from './push';
import { accountSchema, listedSkuSchema, type BcAccount } from './schemas';

/** F001/F002 `language`: the vendor's table gives 1 Chinese, 2 English, Chinese when absent. */
const LANGUAGE = { chinese: '1', english: '2' } as const;

/** The calls a catalog fetch waits on after F014: both F002 listings and F003. */
const CATALOG_CALLS = 3;

export function createBillionConnectAdapter(config: BillionConnectConfig, env?: AdapterEnv): SupplierAdapter {
  const label = config.name ?? config.id;
  const client = new BillionConnectClient({
    invokeUrl: invokeUrl(config.baseUrl),
    appKey: config.appKey,
    appSecret: config.appSecret,
    label,
    env,
  });

  async function account(signal?: AbortSignal): Promise<BcAccount> {
    const parsed = accountSchema.safeParse(await client.invoke('F014', {}, signal));
    if (!parsed.success)
      throw new SupplierError(
        supplierText('supplier.unexpected', { where: `${label} F014`, detail: issuesText(parsed.error) }),
        'bad_response',
      );
    return parsed.data;
  }

  async function list(tradeType: string, tradeData: TradeData, signal?: AbortSignal): Promise<unknown[]> {
    const data = await client.invoke(tradeType, tradeData, signal);
    // "1000" with no list is not an empty catalog: nothing may be concluded from it.
    if (!Array.isArray(data))
      throw new SupplierError(
        supplierText('supplier.notAList', { where: `${label} ${tradeType}`, field: 'tradeData' }),
        'bad_response',
      );
    return data;
  }

  async function ping(signal?: AbortSignal): Promise<PingResult> {
    const { accountBalance, availableBalance, frozenBalance, creditLimit, currency } = await account(signal);
    const detail: Record<string, string> = { accountBalance: formatMoney(money(accountBalance, currency)) };
    if (frozenBalance) detail.frozenBalance = formatMoney(money(frozenBalance, currency));
    if (creditLimit) detail.creditLimit = formatMoney(money(creditLimit, currency));
    // What orders can spend: frozen money is part of accountBalance but not available.
    return { balance: money(availableBalance ?? accountBalance, currency), currency, detail };
  }

  async function* fetchCatalog(options: FetchOptions = {}): AsyncIterable<CatalogPage> {
    const { signal, onProgress } = options;
    // F003 has no currency: prices are in the account currency F014 reports.
    const { currency } = await account(signal);
    let pagesDone = 0;
    let items = 0;
    const tracked = async (call: Promise<unknown[]>, counts: boolean): Promise<unknown[]> => {
      const result = await call;
      pagesDone++;
      if (counts) items = result.length;
      onProgress?.({ pagesDone, pagesTotal: CATALOG_CALLS, items });
      return result;
    };
    const [english, chinese, prices] = await Promise.all([
      tracked(list('F002', { salesMethod: config.salesMethod, language: LANGUAGE.english }, signal), true),
      tracked(list('F002', { salesMethod: config.salesMethod, language: LANGUAGE.chinese }, signal), false),
      tracked(list('F003', { salesMethod: config.salesMethod }, signal), false),
    ]);
    const joined = joinListings(english, chinese, prices);
    // F002 is not paged: the whole listing is one page, and a mostly-bad listing fails the fetch. F002 and F003 have
    // no filter by time, so every sync lists everything: between full listings, a sku listed and priced exactly as
    // its live offers were mapped from is reused unread.
    const page = mapPageItems(
      joined.items,
      listedSkuSchema,
      (sku) => mapListedSku(sku, currency),
      describeJoined,
      // The offer's product is the sku: an unreadable sku keeps its last good offers.
      (item) => {
        const sku = rawField(rawField(item, 'product'), 'skuId');
        // Trimmed, as the schema reads it: the offer's product id is the trimmed sku.
        return { productId: typeof sku === 'string' ? sku.trim() : sku };
      },
      {
        fingerprint: (item) => {
          const { product, chineseName, prices } = item as JoinedSku;
          return itemFingerprint('billionconnect', [currency, product, chineseName ?? null, prices ?? null]);
        },
        reusable: options.reusable,
      },
    );
    yield { ...page, skipped: [...joined.skipped, ...page.skipped] };
  }

  return {
    ping,
    fetchCatalog,
    orders: createBillionConnectOrders(client, label, config.salesMethod),
    push: createBillionConnectPush(config.appSecret, label),
  };
}
