import { supplierOfferKey } from '../domain/offer';
import type { Database } from 'better-sqlite3';
import { appNotices } from '../config/secrets-notice';
import { latestRuns, listRuns, offerQuantityTiers } from '../db/catalog-repo';
import { changeCountsOf, changesPage } from '../db/changes-repo';
import { liveOfferCounts } from '../db/offer-lookups';
import { listRates } from '../db/rates-repo';
import { merchantCurrency } from '../db/settings';
import { CHANGE_KINDS } from '../domain/diff';
import { displayTitle } from '../domain/locale';
import { previewChange } from '../domain/pricing/price';
import { parseExportOptions, parseExportTarget } from '../export/options';
import {
  exportCsv,
  exportHistory,
  exportPresets,
  lastExportChoice,
  preflightExport,
  previewExport,
  runExport,
} from '../export/service';
import { offerHistory } from '../grid/history';
import { linkOffer, resetOfferLink, unlinkOffer } from '../grid/links';
import { gridPricingInputs } from '../grid/pricing-inputs';
import { applyBulk, parseBulkRequest, previewBulk } from '../grid/bulk';
import { getPlanRow, planKeysMatching, queryGrid } from '../grid/query';
import { matchSuggestions } from '../grid/suggestions';
import { fetchEcbRates, setManualRates } from '../pricing/rates-service';
import { loadRuleSet, lockPrice, markupPresets, saveRuleSet, unlockPrice } from '../pricing/rules-store';
import { parseRuleSet } from '../domain/pricing/schema';
import type { AppServices } from '../services/app-services';
import { connectionFields } from '../services/connection-fields';
import { SUPPLIER_KINDS } from '../suppliers/registry';
import { parseSyncRunOptions } from '../sync/run-options';
import { listHeldRuns, parseRunId } from '../sync/held-runs';
import type { ApiContract, ChangePage, ChangePageOptions, PlanRowDetail } from '../../src-shared/contract';
import { planTitles } from '../grid/plan-titles-repo';
import { categoryNames } from '../grid/category-names-repo';
import { namedScopes } from '../domain/pricing/scope-names';
import { scopeNames } from '../grid/scope-names-repo';

/** The contract implemented once, over the services; both transports (IPC, loopback bridge) call these. */
export function createHandlers(services: AppServices): ApiContract {
  const db = services.db;
  const currency = () => merchantCurrency(db);
  const gridChanged = (reason: string) => services.events.emit('grid.changed', { reason });
  const rates = () => ({ base: currency(), rates: listRates(db, currency()) });

  return {
    'app.info': async () => ({
      version: services.options.version,
      demo: services.isDemo,
      dataDir: services.options.dataDir,
      currency: currency(),
      secretsWarning: services.options.secretBox.warning,
      notices: appNotices(db),
    }),
    'settings.get': async () => services.settings(),
    'settings.update': async (patch) => services.updateSettings(patch),
    // Outside Electron there is no native dialog: the renderer downloads instead (the shell answers this itself).
    'shell.saveDialog': async () => null,

    'suppliers.kinds': async () =>
      SUPPLIER_KINDS.map((kind) => ({
        kind: kind.kind,
        label: kind.label,
        fields: connectionFields(kind),
        baseUrls: kind.baseUrls ?? {},
      })),
    'suppliers.list': async () => {
      const runs = new Map(latestRuns(db).map((run) => [run.supplierId, run]));
      const counts = liveOfferCounts(db);
      const summary = <T extends { id: string }>(view: T, demo: boolean) => ({
        ...view,
        demo,
        offers: counts.get(view.id) ?? 0,
        lastRun: runs.get(view.id) ?? null,
      });
      if (services.isDemo) {
        return services.activeConnections().map((connection) =>
          summary(
            {
              id: connection.id,
              kind: connection.kind,
              name: connection.name ?? connection.id,
              settings: { baseUrl: connection.baseUrl },
              secrets: Object.fromEntries(
                SUPPLIER_KINDS.find((k) => k.kind === connection.kind)!.secretFields.map((f) => [f, true]),
              ),
            },
            true,
          ),
        );
      }
      return services.connections.list().map((view) => summary(view, false));
    },
    'suppliers.save': (input) => services.saveConnection(input),
    'suppliers.remove': (id) => services.removeConnection(id),
    'suppliers.test': (input) => services.testConnection(input),
    'suppliers.check': async (input) => services.connections.check(input),

    'sync.run': async (supplierIds, options) => services.sync(supplierIds, parseSyncRunOptions(options)),
    'sync.cancel': async () => services.cancelSync(),
    'sync.state': async () => services.syncState(),
    'sync.runs': async (limit = 100) => listRuns(db, limit),
    'sync.changes': async (runId, options = {}) => changePage(db, runId, options),
    'sync.held': async () => listHeldRuns(db),
    'sync.applyHeld': async (runId) => services.applyHeldSync(parseRunId(runId)),
    'sync.discardHeld': async (runId) => services.discardHeldSync(parseRunId(runId)),

    'grid.query': async (query) => queryGrid(db, query, services.gridScope()),
    'grid.row': async (id, language = 'en') => {
      const row = getPlanRow(db, id, language, services.gridScope());
      if (!row) return null;
      const detail: PlanRowDetail = {
        ...row,
        priceHistory: {},
        stockHistory: {},
        quantityTiers: {},
        categoryNames: categoryNames(db, row.offers, String(language)),
      };
      for (const offer of row.offers) {
        const history = offerHistory(db, offer);
        detail.priceHistory[supplierOfferKey(offer)] = history.prices;
        detail.stockHistory[supplierOfferKey(offer)] = history.stock;
        const tiers = offerQuantityTiers(db, offer);
        if (tiers.length) detail.quantityTiers[supplierOfferKey(offer)] = tiers;
      }
      return detail;
    },
    'grid.link': async (offer, planKey) => {
      linkOffer(db, offer, planKey);
      gridChanged('link');
    },
    'grid.unlink': async (offer) => {
      unlinkOffer(db, offer);
      gridChanged('link');
    },
    'grid.resetLink': async (offer) => {
      resetOfferLink(db, offer);
      gridChanged('link');
    },
    'grid.planKeys': async (query, offset, limit) =>
      planKeysMatching(db, query, services.gridScope(), {
        offset: Number(offset) || 0,
        limit: Math.min(Math.max(Number(limit) || 0, 0), PLAN_KEYS_MAX),
      }),
    'grid.bulkPreview': async (selection, action, language = 'en') => {
      const request = parseBulkRequest(selection, action);
      return previewBulk(db, request.selection, request.action, services.gridScope(), language);
    },
    'grid.bulkApply': async (selection, action, options) => {
      const request = parseBulkRequest(selection, action);
      const result = applyBulk(
        db,
        request.selection,
        request.action,
        services.gridScope(),
        options?.confirmBelowCost === true,
      );
      gridChanged(request.action.type === 'exclude' || request.action.type === 'include' ? 'exclusions' : 'lock');
      return result;
    },
    'grid.suggestions': async (language, rowId) => {
      // JSON transports turn an absent argument into null.
      if (rowId != null && !Number.isSafeInteger(rowId)) throw new Error('grid.suggestions: rowId must be an integer');
      return matchSuggestions(
        db,
        typeof language === 'string' ? language : 'en',
        services.gridScope(),
        rowId ?? undefined,
      );
    },

    'pricing.rules': async () => loadRuleSet(db, currency()),
    // The grid as last built, not rebuilt first: a plan's title does not move with prices, and naming must not wait on a reprice.
    'pricing.names': async () => scopeNames(db, namedScopes(loadRuleSet(db, currency()))),
    'pricing.presets': async () => markupPresets(db, currency()),
    'pricing.saveRules': async (ruleSet) => {
      const saved = saveRuleSet(db, ruleSet);
      gridChanged('rules');
      return saved;
    },
    'pricing.preview': async (ruleSet, language = 'en') => {
      const preview = previewChange(
        gridPricingInputs(db, services.gridScope()),
        loadRuleSet(db, currency()),
        parseRuleSet(ruleSet),
      );
      const titles = planTitles(
        db,
        preview.examples.flatMap((example) => example.input.planKey ?? []),
        language,
      );
      return {
        ...preview,
        examples: preview.examples.map((example) => ({
          ...example,
          title: example.input.planKey ? titles[example.input.planKey] : undefined,
        })),
      };
    },
    'pricing.lock': async (lock) => {
      const saved = lockPrice(db, currency(), lock);
      gridChanged('lock');
      return saved;
    },
    'pricing.unlock': async (target) => {
      const saved = unlockPrice(db, currency(), target);
      gridChanged('lock');
      return saved;
    },

    'rates.list': async () => rates(),
    'rates.set': async (values) => {
      setManualRates(db, values);
      gridChanged('rates');
      return rates();
    },
    'rates.fetch': async (url) => {
      await fetchEcbRates(db, url);
      gridChanged('rates');
      return rates();
    },

    'orders.quote': (offer, quantity) => services.orders.quote(offer, quantity),
    'orders.cap': async () => services.orders.dailySpending(),
    'orders.place': (input) => services.orders.place(input),
    'orders.list': async (limit) => services.orders.list(limit),
    'orders.get': async (id) => services.orders.get(id),
    'orders.reveal': async (id) => services.orders.reveal(id),
    'orders.cancel': (id) => services.orders.cancel(id),
    'orders.completeManually': (id, text) => services.orders.completeManually(id, text),
    'orders.qr': (id, esimIndex) => services.orders.qr(id, esimIndex),

    'export.presets': async (languages) => exportPresets(languages),
    'export.preview': async (options, limit = 20) =>
      previewExport(db, parseExportOptions(options), services.gridScope(), Math.min(Math.max(limit, 1), 200)),
    'export.preflight': async (options, limit = 100) =>
      preflightExport(db, parseExportOptions(options), services.gridScope(), Math.min(Math.max(limit, 1), 500)),
    'export.run': async ({ file, ...options }) =>
      runExport(db, parseExportOptions(options), parseExportTarget(file), { scope: services.gridScope() }),
    'export.csv': async (options) => exportCsv(db, parseExportOptions(options), services.gridScope()),
    'export.history': async (limit) => exportHistory(db, limit),
    'export.lastOptions': async (preset) => lastExportChoice(db, preset),

    'backups.list': async () => services.backups.view(),
    'backups.create': () => services.backups.create('manual'),
    'backups.restore': (name) => services.restoreBackup(String(name)),

    'alerts.list': async (limit) => services.alerts.view(limit),
    'alerts.markRead': async (ids) => services.alerts.markRead(ids),
    'alerts.settings': async () => services.alerts.settings(),
    'alerts.saveDocument': async (document) => {
      services.alerts.saveDocument(document);
      return services.alerts.settings();
    },
    'alerts.setSecret': async (name, value) => services.alerts.setSecret(name, value),
  };
}

/** A shift-click range is at most this many plan keys. */
const PLAN_KEYS_MAX = 20_000;
const CHANGE_PAGE_DEFAULT = 200;
const CHANGE_PAGE_MAX = 1000;

/**
 * One page of a run's changes: a first sync of a large supplier logs one change per offer, so the renderer is
 * sent the counts of the whole run and only the rows it shows, with titles looked up for those rows alone.
 */
function changePage(
  db: Database,
  runId: number,
  { language = 'en', kind, offset = 0, limit = CHANGE_PAGE_DEFAULT }: ChangePageOptions,
): ChangePage {
  if (kind !== undefined && !CHANGE_KINDS.includes(kind)) throw new Error(`unknown change kind "${kind}"`);
  const countsByKind = changeCountsOf(db, runId);
  const total = kind ? countsByKind[kind] : CHANGE_KINDS.reduce((sum, k) => sum + countsByKind[k], 0);
  const pageLimit = Math.min(Math.max(Math.trunc(limit) || CHANGE_PAGE_DEFAULT, 1), CHANGE_PAGE_MAX);
  const pageOffset = Math.max(Math.trunc(offset) || 0, 0);
  return {
    rows: changesPage(db, runId, { kind, offset: pageOffset, limit: pageLimit }).map(({ titles, ...change }) => ({
      ...change,
      title: titles ? displayTitle(titles, language) : `${change.productId}/${change.skuId}`,
    })),
    total,
    countsByKind,
  };
}
