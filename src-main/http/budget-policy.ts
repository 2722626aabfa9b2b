import { createHash } from 'node:crypto';
import { AdaptivePace, type AdaptiveRule } from './adaptive-pace';
import { PacedBudget, type BudgetClock, type RequestBudget } from './budget';
import { FixedWindowPace, type FixedWindowRule } from './fixed-window-pace';
import { HostStop } from './host-stop';
import { MeteredBudget } from './budget-meter';
import type { Pace } from './pace';
import { SharedPace, type PaceLedger } from './shared-pace';

/** What tests and the benchmark turn: the real windows scaled down, or a pace set outright. */
export interface BudgetTuning {
  windowMs?: number;
  maxRequests?: number;
  blockMs?: number;
  marginMs?: number;
  /** Adaptive pace ceiling, overriding the connection's setting. */
  requestsPerMinute?: number;
  defaultHoldMs?: number;
  announceWaitsFromMs?: number;
  clock?: BudgetClock;
  /**
   * Join the account's budget as it stands, never re-tune it: a connection test of settings not yet saved must not
   * change the pace the account's syncs and orders go at. An account with no budget yet gets one at these settings.
   */
  keepAccountPace?: boolean;
}

export type BudgetPolicy =
  { kind: 'fixed-window'; rule: FixedWindowRule } | { kind: 'adaptive'; rule: AdaptiveRule; maxParallel?: number };

/** The real Dujiao-Next server's rule (router.go upstreamAPIRule): 60 requests per 60 s window, then a 30 s block. */
export const DUJIAO_RULE = { windowMs: 60_000, maxRequests: 60, blockMs: 30_000 } as const;

/** Enough for a request to reach a server across the world; scaled down with a window shortened for tests. */
function defaultMargin(windowMs: number): number {
  return Math.min(2000, Math.max(50, Math.round(windowMs / 30)));
}

/** A fixed-window budget mirroring the server's rule; `requestsPerMinute` (the connection's setting) is the allowance per window. */
export function fixedWindowPolicy(requestsPerMinute: number | undefined, tuning: BudgetTuning = {}): BudgetPolicy {
  const windowMs = tuning.windowMs ?? DUJIAO_RULE.windowMs;
  // Never past the server's allowance, which only gets the key blocked: a pace saved before the form refused more (as
  // text, then) or set anywhere else is held to it.
  const asked = Number(requestsPerMinute);
  const perWindow =
    Number.isInteger(asked) && asked >= 1 ? Math.min(asked, DUJIAO_RULE.maxRequests) : DUJIAO_RULE.maxRequests;
  return {
    kind: 'fixed-window',
    rule: {
      windowMs,
      maxRequests: tuning.maxRequests ?? perWindow,
      blockMs: tuning.blockMs ?? DUJIAO_RULE.blockMs,
      marginMs: tuning.marginMs ?? defaultMargin(windowMs),
    },
  };
}

/** An adaptive budget for an upstream that publishes no numbers: `defaultPerMinute` unless the connection sets its own. */
export function adaptivePolicy(
  requestsPerMinute: number | undefined,
  defaults: { perMinute: number; holdMs: number; maxParallel?: number },
  tuning: BudgetTuning = {},
): BudgetPolicy {
  return {
    kind: 'adaptive',
    rule: {
      requestsPerMinute: tuning.requestsPerMinute ?? requestsPerMinute ?? defaults.perMinute,
      defaultHoldMs: tuning.defaultHoldMs ?? defaults.holdMs,
    },
    maxParallel: defaults.maxParallel,
  };
}

type PolicyPace = { kind: 'fixed-window'; pace: FixedWindowPace } | { kind: 'adaptive'; pace: AdaptivePace };

function paceFor(policy: BudgetPolicy): PolicyPace {
  return policy.kind === 'fixed-window'
    ? { kind: policy.kind, pace: new FixedWindowPace(policy.rule) }
    : { kind: policy.kind, pace: new AdaptivePace(policy.rule) };
}

/** A budget of its own, for a client made outside a kind's create() (tests of one client). */
export function standaloneBudget(policy: BudgetPolicy, tuning: BudgetTuning = {}): PacedBudget {
  return budgetWith(paceFor(policy).pace, policy, tuning);
}

function budgetWith(pace: Pace, policy: BudgetPolicy, tuning: BudgetTuning, hostStop?: HostStop): PacedBudget {
  return new PacedBudget(pace, {
    maxParallel: policy.kind === 'adaptive' ? policy.maxParallel : undefined,
    clock: tuning.clock,
    announceWaitsFromMs: tuning.announceWaitsFromMs ?? announceFrom(policy),
    hostStop,
  });
}

/** Short test windows still announce their waits; real ones only those worth a line in the progress bar. */
function announceFrom(policy: BudgetPolicy): number {
  return policy.kind === 'fixed-window' ? Math.min(1000, policy.rule.windowMs / 10) : 1000;
}

type AccountBudgets = (identity: AccountIdentity, policy: BudgetPolicy, tuning: BudgetTuning) => RequestBudget;

/** Set in a sync worker thread: the accounts' budgets live in the thread that started it. */
let accountsElsewhere: AccountBudgets | null = null;

/** Makes every accountBudget() of this thread come from `budgets` (a sync worker's RemoteBudgets). */
export function keepAccountBudgetsElsewhere(budgets: AccountBudgets): void {
  accountsElsewhere = budgets;
}

const accounts = new Map<string, { policy: BudgetPolicy; paced: PolicyPace; budget: PacedBudget }>();
/** One stop per upstream host: what stops every account of a host is a ban of this computer (host-stop.ts). */
const hostStops = new Map<string, HostStop>();

/** Set by a process that opened a data folder: the other processes on it pace the same accounts (shared-pace.ts). */
let ledger: () => PaceLedger | null = () => null;

/**
 * Makes the account budgets of this process keep their paces in the ledger `shared` gives (opened when first asked,
 * db/pace-ledger.ts), where the app, the background service and the CLI each find the others' requests. Budgets made
 * before, or living on after the process closed its ledger, follow: each step asks for the ledger of the moment.
 * Null stops sharing.
 */
export function shareAccountPaces(shared: (() => PaceLedger | null) | null): void {
  ledger = shared ?? (() => null);
}

export interface AccountIdentity {
  kind: string;
  /** Any URL of the account's API; only its host (and port) count. */
  baseUrl: string;
  /** What identifies the account to the upstream: API key, uid, appKey, partner code and login. */
  account: string;
}

/**
 * The one budget of a supplier account in this process: every adapter made for the same kind, host and account
 * shares it (the sync's, the order service's, a connection test's), since the upstream counts them together.
 * A changed setting re-tunes the existing budget rather than starting a fresh count the upstream would not share.
 */
export function accountBudget(
  identity: AccountIdentity,
  policy: BudgetPolicy,
  tuning: BudgetTuning = {},
): RequestBudget {
  if (accountsElsewhere) return accountsElsewhere(identity, policy, tuning);
  return localAccountBudget(identity, policy, tuning);
}

/**
 * What a kind's create() gives its adapter: a window on the account's one budget (accountBudget) that paces through it
 * but counts this adapter's requests alone, so a sync's run records its own requests and waits, not those of an order
 * another adapter of the account sent meanwhile.
 */
export function adapterBudget(
  identity: AccountIdentity,
  policy: BudgetPolicy,
  tuning: BudgetTuning = {},
): MeteredBudget {
  const clock = tuning.clock;
  return new MeteredBudget(accountBudget(identity, policy, tuning), clock ? () => clock.now() : Date.now);
}

/** The budget this thread owns for the account; what a sync worker's requests are served from (budget-remote.ts). */
export function localAccountBudget(
  identity: AccountIdentity,
  policy: BudgetPolicy,
  tuning: BudgetTuning = {},
): PacedBudget {
  const account = createHash('sha256').update(identity.account).digest('hex');
  const host = `${identity.kind}\n${hostOf(identity.baseUrl)}`;
  const key = `${host}\n${account}`;
  const existing = accounts.get(key);
  if (existing && existing.policy.kind === policy.kind) {
    if (tuning.keepAccountPace) return existing.budget;
    if (JSON.stringify(existing.policy) !== JSON.stringify(policy)) retune(existing.paced, policy);
    existing.policy = policy;
    return existing.budget;
  }
  const paced = paceFor(policy);
  // Keyed as here: the account by digest, never its key or login in clear. A pace on a test's clock stays its own.
  const pace = tuning.clock ? paced.pace : new SharedPace(paced.pace, () => ledger(), key, Date.now);
  const budget = budgetWith(pace, policy, tuning, tuning.clock ? undefined : hostStopOf(host));
  accounts.set(key, { policy, paced, budget });
  return budget;
}

function hostStopOf(host: string): HostStop {
  let stop = hostStops.get(host);
  if (!stop) {
    // Named apart from every account (whose last line is a digest in hex).
    stop = new HostStop(() => ledger(), `${host}\nstop`);
    hostStops.set(host, stop);
  }
  return stop;
}

function retune(paced: PolicyPace, policy: BudgetPolicy): void {
  if (paced.kind === 'fixed-window' && policy.kind === 'fixed-window') paced.pace.configure(policy.rule);
  if (paced.kind === 'adaptive' && policy.kind === 'adaptive') paced.pace.configure(policy.rule);
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host.toLowerCase();
  } catch {
    return baseUrl;
  }
}
