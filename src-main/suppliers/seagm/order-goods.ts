import type { z } from 'zod';
import { money, type Money } from '../../domain/money';
import { SupplierError } from '../../http/errors';
import { supplierText } from '../shared/supplier-text';
import type { OrderRequest } from '../adapter';
import { issuesText } from '../shared/issue-text';
import type { SeagmClient } from './client';
import type { SeagmOrderFamily } from './order-state';
import {
  cardTypeSchema,
  countrySchema,
  mobileProductGroupsSchema,
  mobileProductSchema,
  MOBILE_PRODUCT_GROUPS,
  operatorSchema,
  rechargeTypeSchema,
  type InputField,
} from './schemas';

/** What is being bought, read live just before ordering: its family decides the endpoint, its price is checked. */
export interface SeagmGood {
  family: SeagmOrderFamily;
  unitPrice: Money;
  /** Top-ups: what the buyer must fill in, as the type lists it now. */
  fields: InputField[];
}

/** Detail lookups answer these when the id belongs to another family (or to nothing). */
const NOT_IN_FAMILY = new Set(['20077', '20079', '20004']);

/**
 * OrderRequest names a product (card/top-up category or mobile operator) and a sku (type or product), not which
 * of SEAGM's three families they belong to, and ids of different families may coincide. So each family is
 * asked in turn whether it sells that sku under that product: the family that was right before is asked first,
 * then the one the buyer input suggests. Operators' calling codes are only reachable by walking countries, so
 * the ones seen are kept for the life of the connection.
 */
export class SeagmGoods {
  private readonly familyOf = new Map<string, SeagmOrderFamily>();
  private readonly callingCodeOf = new Map<string, string>();

  constructor(
    private readonly client: SeagmClient,
    private readonly label: string,
  ) {}

  async find(request: OrderRequest, signal?: AbortSignal): Promise<SeagmGood | null> {
    const key = `${request.productId}/${request.skuId}`;
    for (const family of this.probeOrder(request, this.familyOf.get(key))) {
      const good = await this.probe(family, request, signal);
      if (good) {
        this.familyOf.set(key, family);
        return good;
      }
    }
    return null;
  }

  /** The operator's country calling code, which the create call needs beside the phone number. */
  async callingCode(operatorId: string, signal?: AbortSignal): Promise<string | null> {
    const known = this.callingCodeOf.get(operatorId);
    if (known) return known;
    const countries = listOf(
      await this.client.get('/v1/mobile-recharge/countries', {}, signal),
      `${this.label} GET /v1/mobile-recharge/countries`,
    );
    // One country at a time: the walk stops at the operator's country instead of spending the rate limit on all.
    for (const raw of countries) {
      const country = countrySchema.safeParse(raw);
      if (!country.success || !country.data.calling_code) continue;
      const operators = listOf(
        await this.client.get('/v1/mobile-recharge/operators', { country_code: country.data.code }, signal),
        `${this.label} GET /v1/mobile-recharge/operators`,
      );
      for (const entry of operators) {
        const operator = operatorSchema.safeParse(entry);
        if (operator.success) this.callingCodeOf.set(operator.data.id, country.data.calling_code);
      }
      const found = this.callingCodeOf.get(operatorId);
      if (found) return found;
    }
    return null;
  }

  private probeOrder(request: OrderRequest, known: SeagmOrderFamily | undefined): SeagmOrderFamily[] {
    const input = request.buyerInput ?? {};
    const suggested: SeagmOrderFamily[] =
      'phone_number' in input
        ? ['mobile', 'recharge', 'card']
        : Object.keys(input).length > 0
          ? ['recharge', 'mobile', 'card']
          : ['card', 'recharge', 'mobile'];
    return known ? [known, ...suggested.filter((family) => family !== known)] : suggested;
  }

  private async probe(
    family: SeagmOrderFamily,
    request: OrderRequest,
    signal?: AbortSignal,
  ): Promise<SeagmGood | null> {
    const { productId, skuId } = request;
    if (!/^\d+$/.test(productId) || !/^\d+$/.test(skuId)) return null;
    if (family === 'card') {
      const type = await this.read(`/v1/card-types/${skuId}`, {}, cardTypeSchema, signal);
      if (!type || (type.category_id !== undefined && type.category_id !== productId)) return null;
      return { family, unitPrice: money(type.unit_price, type.currency), fields: [] };
    }
    if (family === 'recharge') {
      const type = await this.read(`/v1/recharge-types/${skuId}`, {}, rechargeTypeSchema, signal);
      if (!type || (type.category_id !== undefined && type.category_id !== productId)) return null;
      return { family, unitPrice: money(type.unit_price, type.currency), fields: type.fields ?? [] };
    }
    const groups = await this.read(
      '/v1/mobile-recharge/products',
      { operator_id: productId },
      mobileProductGroupsSchema,
      signal,
    );
    if (!groups) return null;
    for (const group of MOBILE_PRODUCT_GROUPS) {
      for (const raw of groups[group] ?? []) {
        const product = mobileProductSchema.safeParse(raw);
        if (product.success && product.data.product_id === skuId)
          return { family, unitPrice: money(product.data.unit_price, product.data.currency), fields: [] };
      }
    }
    return null;
  }

  /** The parsed answer, or null when SEAGM says the id is not one of this family's. */
  private async read<T>(
    path: string,
    params: Record<string, string>,
    schema: z.ZodType<T>,
    signal?: AbortSignal,
  ): Promise<T | null> {
    let data: unknown;
    try {
      data = await this.client.get(path, params, signal);
    } catch (error) {
      if (error instanceof SupplierError && NOT_IN_FAMILY.has(error.code)) return null;
      throw error;
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success)
      throw new SupplierError(
        supplierText('supplier.unexpected', { where: `${this.label} GET ${path}`, detail: issuesText(parsed.error) }),
        'bad_response',
      );
    return parsed.data;
  }
}

function listOf(data: unknown, label: string): unknown[] {
  if (!Array.isArray(data))
    throw new SupplierError(supplierText('supplier.notAList', { where: label, field: 'data' }), 'bad_response');
  return data;
}
