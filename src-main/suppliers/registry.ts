import type { ConnectionBase, SupplierKind } from './adapter';
import { billionconnect } from './billionconnect';
import { dujiaoNext } from './dujiao-next';
import { linksfield } from './linksfield';
import { mesim } from './mesim';
import { seagm } from './seagm';

/** Every supplier the app speaks. Adding one: a folder beside this file and one line here. */
export const SUPPLIER_KINDS: ReadonlyArray<SupplierKind<ConnectionBase>> = [
  dujiaoNext,
  mesim,
  seagm,
  billionconnect,
  linksfield,
] as unknown as ReadonlyArray<SupplierKind<ConnectionBase>>;

export function supplierKind(kind: string): SupplierKind<ConnectionBase> | undefined {
  return SUPPLIER_KINDS.find((k) => k.kind === kind);
}
