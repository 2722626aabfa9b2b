import Decimal from 'decimal.js';
import { z } from 'zod';
import { CHANGE_KINDS, type ChangeKind } from '../src-main/domain/diff';
import { isDecimalString } from '../src-main/domain/money';
import { OFFER_KINDS, type OfferKind } from '../src-main/domain/offer';
import type { RuleSet } from '../src-main/domain/pricing/rules';
import { ALERT_SECRET_NAMES, type AlertSecretName } from './alert-types';
import type { ApiContract, ApiMethod } from './contract';
import { EXPORT_PRESET_IDS, FLAGGED_ROW_CHOICES, OUT_OF_STOCK_MODES } from './export-types';
import { GRID_SORT_COLUMNS } from './grid-types';

// What each contract method accepts, checked once where a call arrives from outside (main's IPC handler, the
// services worker's port, the loopback bridge: src-main/api/dispatch.ts) before any handler runs. The schemas say
// what the contract's types say: shapes and types. Rules about values (a cap is an amount, a quantity at least 1)
// stay with the feature that words their problems, except where a feature's own schema is the whole rule: the grid
// filter, bulk actions and export options are checked here by the very schema their feature parses with. A rule set
// is the merchant's own document (typed in the JSON editor, too): only its outline is checked here, and the pricing
// feature's schema says what is wrong inside it ("min must be below max") in words the merchant can act on.

/** An argument a caller may leave out: JSON makes a left-out argument null, and a handler's default wants undefined. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

/** A rule set's outline; the handler parses it with domain/pricing/schema.ts, which words each problem. */
const ruleSetOutline = z
  .looseObject({ currency: z.string(), rules: z.array(z.unknown()).optional(), locks: z.array(z.unknown()).optional() })
  .transform((outline) => outline as unknown as RuleSet);

const id = z.number().int();
const limit = z.number().int();
const language = z.string();

export const offerRefSchema = z.object({
  supplier: z.string(),
  productId: z.string(),
  skuId: z.string(),
  variant: z.string(),
});

/**
 * The grid screen's filter: what grid.query takes, and what a bulk selection or an export of "the filtered rows" passes
 * through as it is (offset and limit are accepted there and ignored).
 */
export const gridQuerySchema = z.strictObject({
  language: z.string().optional(),
  search: z.string().optional(),
  suppliers: z.array(z.string()).optional(),
  kinds: z.array(z.enum(OFFER_KINDS as readonly [OfferKind, ...OfferKind[]])).optional(),
  countries: z.array(z.string()).optional(),
  stock: z.enum(['in_stock', 'out']).optional(),
  marginBelow: z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, { error: 'must be a decimal string such as "1.5"' })
    .optional(),
  changedInLastSync: z.boolean().optional(),
  sort: z.strictObject({ column: z.enum(GRID_SORT_COLUMNS), direction: z.enum(['asc', 'desc']) }).optional(),
  offset: z.number().optional(),
  limit: z.number().optional(),
});

export const gridSelectionSchema = z.union([
  z.object({ type: z.literal('keys'), planKeys: z.array(z.string()).max(200_000) }),
  z.object({
    type: z.literal('matching'),
    query: gridQuerySchema,
    except: z.array(z.string()).max(200_000).optional(),
  }),
]);

const decimal = z.string().refine(isDecimalString, 'not a decimal amount');
export const bulkActionSchema = z.union([
  z.object({
    type: z.literal('lockPrice'),
    amount: decimal.refine((amount) => new Decimal(amount).greaterThan(0), 'a price must be above zero'),
  }),
  z.object({ type: z.literal('lockMargin'), amount: decimal }),
  z.object({ type: z.literal('unlock') }),
  z.object({ type: z.literal('exclude') }),
  z.object({ type: z.literal('include') }),
]);

const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { error: 'must be a 3-letter currency code such as "USD"' });

const exportRowsSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('all') }),
  z.strictObject({ type: z.literal('filter'), query: gridQuerySchema }),
  z.strictObject({ type: z.literal('selected'), planKeys: z.array(z.string().min(1)) }),
]);

/** Export options as they arrive from outside (the UI, the CLI); the messages are the CLI's (export/options.ts). */
export const exportOptionsSchema = z.strictObject({
  preset: z.enum(EXPORT_PRESET_IDS, { error: `must be one of ${EXPORT_PRESET_IDS.join(', ')}` }),
  languages: z
    .array(z.string().trim().min(1, { error: 'must not be empty' }))
    .min(1, { error: 'needs at least one language' })
    .max(12)
    .optional(),
  currency: currencyCode.optional(),
  rows: exportRowsSchema.optional(),
  inStockOnly: z.boolean().optional(),
  outOfStock: z.enum(OUT_OF_STOCK_MODES, { error: `must be one of ${OUT_OF_STOCK_MODES.join(', ')}` }).optional(),
  changedSinceLastExport: z.boolean().optional(),
  fillMissingLanguages: z.boolean().optional(),
  // Options that arrive from outside must say what to do with flagged rows before any is written.
  flaggedRows: z
    .enum(FLAGGED_ROW_CHOICES, { error: `must be one of ${FLAGGED_ROW_CHOICES.join(', ')}` })
    .default('ask'),
});

const settingsPatchSchema = z.object({
  currency: z.string().optional(),
  ratesUrl: z.string().optional(),
  ratesUrlAllowInsecureHttp: z.boolean().optional(),
  syncIntervalMinutes: z.number().optional(),
  orderDailyCap: z.string().nullable().optional(),
  syncHoldRemovalPercent: z.number().optional(),
  syncDeadlineMinutes: z.number().optional(),
  fullListingEveryHours: z.number().optional(),
});

const connectionInputSchema = z.object({
  id: z.string().optional(),
  kind: z.string(),
  name: z.string(),
  settings: z.record(z.string(), z.string()),
  secrets: z.record(z.string(), z.string().optional()).optional(),
});

const lockTargetSchema = z.union([
  z.object({ type: z.literal('plan'), planKey: z.string() }),
  z.object({
    type: z.literal('offer'),
    supplierId: z.string(),
    productId: z.string(),
    skuId: z.string(),
    variant: z.string(),
  }),
]);
const lockedPriceSchema = z.object({
  target: lockTargetSchema,
  price: z.object({ amount: z.string(), currency: z.string() }),
  note: z.string().optional(),
});

const placeOrderSchema = z.object({
  offer: offerRefSchema,
  quantity: z.number().optional(),
  email: z.string().optional(),
  buyerInput: z.record(z.string(), z.string()).optional(),
  confirm: z.boolean(),
});

/** A method's arguments: each method's schema parses the whole argument list into what its handler is called with. */
type ArgumentsSchema<M extends ApiMethod> = z.ZodType<Parameters<ApiContract[M]>, unknown>;

/** Every contract method's arguments. A method missing here does not compile; tests call each one malformed. */
export const API_ARGUMENTS: { readonly [M in ApiMethod]: ArgumentsSchema<M> } = {
  'app.info': z.tuple([]),
  'settings.get': z.tuple([]),
  'settings.update': z.tuple([settingsPatchSchema]),
  'shell.saveDialog': z.tuple([z.string()]),

  'suppliers.kinds': z.tuple([]),
  'suppliers.list': z.tuple([]),
  'suppliers.save': z.tuple([connectionInputSchema]),
  'suppliers.remove': z.tuple([z.string()]),
  'suppliers.test': z.tuple([connectionInputSchema]),
  'suppliers.check': z.tuple([connectionInputSchema]),

  'sync.run': z.tuple([optional(z.array(z.string())), optional(z.object({ full: z.boolean().optional() }))]),
  'sync.cancel': z.tuple([]),
  'sync.state': z.tuple([]),
  'sync.runs': z.tuple([optional(limit)]),
  'sync.changes': z.tuple([
    id,
    optional(
      z.object({
        language: language.optional(),
        kind: z.enum(CHANGE_KINDS as readonly [ChangeKind, ...ChangeKind[]]).optional(),
        offset: z.number().optional(),
        limit: z.number().optional(),
      }),
    ),
  ]),
  'sync.held': z.tuple([]),
  'sync.applyHeld': z.tuple([id]),
  'sync.discardHeld': z.tuple([id]),

  'grid.query': z.tuple([gridQuerySchema]),
  'grid.row': z.tuple([id, optional(language)]),
  'grid.link': z.tuple([offerRefSchema, z.string()]),
  'grid.unlink': z.tuple([offerRefSchema]),
  'grid.resetLink': z.tuple([offerRefSchema]),
  'grid.planKeys': z.tuple([gridQuerySchema, z.number().int().min(0), limit.min(0)]),
  'grid.bulkPreview': z.tuple([gridSelectionSchema, bulkActionSchema, optional(language)]),
  'grid.bulkApply': z.tuple([
    gridSelectionSchema,
    bulkActionSchema,
    optional(z.object({ confirmBelowCost: z.boolean().optional() })),
  ]),
  'grid.suggestions': z.tuple([optional(language), optional(id)]),

  'pricing.rules': z.tuple([]),
  'pricing.names': z.tuple([]),
  'pricing.presets': z.tuple([]),
  'pricing.saveRules': z.tuple([ruleSetOutline]),
  'pricing.preview': z.tuple([ruleSetOutline, optional(language)]),
  'pricing.lock': z.tuple([lockedPriceSchema]),
  'pricing.unlock': z.tuple([lockTargetSchema]),

  'rates.list': z.tuple([]),
  'rates.set': z.tuple([z.record(z.string(), z.string())]),
  'rates.fetch': z.tuple([optional(z.string())]),

  'orders.quote': z.tuple([offerRefSchema, optional(z.number())]),
  'orders.cap': z.tuple([]),
  'orders.place': z.tuple([placeOrderSchema]),
  'orders.list': z.tuple([optional(limit)]),
  'orders.get': z.tuple([id]),
  'orders.reveal': z.tuple([id]),
  'orders.cancel': z.tuple([id]),
  'orders.completeManually': z.tuple([id, z.string()]),
  'orders.qr': z.tuple([id, optional(z.number().int().min(0))]),

  'export.presets': z.tuple([optional(z.array(language))]),
  'export.preview': z.tuple([exportOptionsSchema, optional(limit)]),
  'export.preflight': z.tuple([exportOptionsSchema, optional(limit)]),
  'export.run': z.tuple([exportOptionsSchema.extend({ file: z.string() })]),
  'export.csv': z.tuple([exportOptionsSchema]),
  'export.history': z.tuple([optional(limit)]),
  'export.lastOptions': z.tuple([z.enum(EXPORT_PRESET_IDS)]),

  'backups.list': z.tuple([]),
  'backups.create': z.tuple([]),
  'backups.restore': z.tuple([z.string()]),

  'alerts.list': z.tuple([optional(limit)]),
  'alerts.markRead': z.tuple([z.array(id).nullable()]),
  'alerts.settings': z.tuple([]),
  // The rules document is the alert service's to check: the editor shows its problems field by field.
  'alerts.saveDocument': z.tuple([z.unknown()]),
  'alerts.setSecret': z.tuple([
    z.enum(ALERT_SECRET_NAMES as readonly [AlertSecretName, ...AlertSecretName[]]),
    z.string().nullable(),
  ]),
};
