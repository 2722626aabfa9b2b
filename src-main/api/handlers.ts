import { changesForRuns, latestRuns, listRuns } from '../db/catalog-repo';
import { listRates } from '../db/rates-repo';
import { merchantCurrency } from '../db/settings';
import { displayTitle } from '../domain/locale';
import { previewChange } from '../domain/pricing/price';
import { parseExportOptions, parseExportTarget } from '../export/options';
import { exportCsv, exportHistory, exportPresets, lastExportChoice, previewExport, runExport } from '../export/service';
import { offerHistory, refKey } from '../grid/history';
import { linkOffer, resetOfferLink, unlinkOffer } from '../grid/links';
import { gridPricingInputs } from '../grid/pricing-inputs';
import { getPlanRow, queryGrid } from '../grid/query';
import { fetchEcbRates, setManualRates } from '../pricing/rates-service';
import { loadRuleSet, lockPrice, saveRuleSet, unlockPrice } from '../pricing/rules-store';
import type { AppServices } from '../services/app-services';
import { connectionFields } from '../services/connection-fields';
import { SUPPLIER_KINDS } from '../suppliers/registry';
import type { ApiContract, PlanRowDetail } from './contract';

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
    }),
    'settings.get': async () => services.settings(),
    'settings.update': async (patch) => services.updateSettings(patch),
    // Outside Electron there is no native dialog: the renderer downloads instead (the shell answers this itself).
    'shell.saveDialog': async () => null,

    'suppliers.kinds': async () => SUPPLIER_KINDS.map((kind) => ({ kind: kind.kind, label: kind.label, fields: connectionFields(kind), baseUrls: kind.baseUrls ?? {} })),
    'suppliers.list': async () => {
      const runs = new Map(latestRuns(db).map((run) => [run.supplierId, run]));
      const counts = new Map((db.prepare('SELECT supplier_id, COUNT(*) AS n FROM offers WHERE removed_at IS NULL GROUP BY supplier_id').all() as Array<{ supplier_id: string; n: number }>)
        .map((row) => [row.supplier_id, row.n]));
      const summary = <T extends { id: string }>(view: T, demo: boolean) => ({ ...view, demo, offers: counts.get(view.id) ?? 0, lastRun: runs.get(view.id) ?? null });
      if (services.isDemo) {
        return services.activeConnections().map((connection) => summary({
          id: connection.id, kind: connection.kind, name: connection.name ?? connection.id,
          settings: { baseUrl: connection.baseUrl }, secrets: Object.fromEntries(SUPPLIER_KINDS.find((k) => k.kind === connection.kind)!.secretFields.map((f) => [f, true])),
        }, true));
      }
      return services.connections.list().map((view) => summary(view, false));
    },
    'suppliers.save': (input) => services.saveConnection(input),
    'suppliers.remove': (id) => services.removeConnection(id),
    'suppliers.test': (input) => services.testConnection(input),

    'sync.run': (supplierIds) => services.sync(supplierIds),
    'sync.cancel': async () => services.cancelSync(),
    'sync.state': async () => services.syncState(),
    'sync.runs': async (limit = 100) => listRuns(db, limit),
    'sync.changes': async (runId, language = 'en') => {
      const titleOf = db.prepare('SELECT titles_json FROM offers WHERE supplier_id = ? AND product_id = ? AND sku_id = ? AND variant = ?');
      return changesForRuns(db, [runId]).map((change) => {
        const row = titleOf.get(change.supplierId, change.productId, change.skuId, change.variant) as { titles_json: string } | undefined;
        return { ...change, title: row ? displayTitle(JSON.parse(row.titles_json), language) : `${change.productId}/${change.skuId}` };
      });
    },

    'grid.query': async (query) => queryGrid(db, query, services.gridScope()),
    'grid.row': async (id, language = 'en') => {
      const row = getPlanRow(db, id, language, services.gridScope());
      if (!row) return null;
      const detail: PlanRowDetail = { ...row, priceHistory: {}, stockHistory: {} };
      for (const offer of row.offers) {
        const history = offerHistory(db, offer);
        detail.priceHistory[refKey(offer)] = history.prices;
        detail.stockHistory[refKey(offer)] = history.stock;
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

    'pricing.rules': async () => loadRuleSet(db, currency()),
    'pricing.saveRules': async (ruleSet) => {
      const saved = saveRuleSet(db, ruleSet);
      gridChanged('rules');
      return saved;
    },
    'pricing.preview': async (ruleSet, language = 'en') => {
      const preview = previewChange(gridPricingInputs(db, services.gridScope()), loadRuleSet(db, currency()), ruleSet);
      const titleOf = db.prepare(`SELECT ${language.startsWith('zh') ? 'title_zh' : 'title_en'} AS title FROM plan_rows WHERE plan_key = ?`);
      return { ...preview, examples: preview.examples.map((example) => ({ ...example, title: (titleOf.get(example.input.planKey) as { title: string } | undefined)?.title })) };
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
    'orders.place': (input) => services.orders.place(input),
    'orders.list': async (limit) => services.orders.list(limit),
    'orders.get': async (id) => services.orders.get(id),
    'orders.reveal': async (id) => services.orders.reveal(id),
    'orders.cancel': (id) => services.orders.cancel(id),
    'orders.completeManually': (id, text) => services.orders.completeManually(id, text),
    'orders.qr': (id) => services.orders.qr(id),

    'export.presets': async (languages) => exportPresets(languages),
    'export.preview': async (options, limit = 20) => previewExport(db, parseExportOptions(options), services.gridScope(), Math.min(Math.max(limit, 1), 200)),
    'export.run': async ({ file, ...options }) => runExport(db, parseExportOptions(options), parseExportTarget(file), { scope: services.gridScope() }),
    'export.csv': async (options) => exportCsv(db, parseExportOptions(options), services.gridScope()),
    'export.history': async (limit) => exportHistory(db, limit),
    'export.lastOptions': async (preset) => lastExportChoice(db, preset),
  };
}
