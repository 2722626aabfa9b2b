/** The eSIM QR Mall (FMS) endpoints, as linksfield-fields.md names them; client and simulator share these. */
export const FMS_PATHS = {
  login: '/user/login',
  countryList: '/package/countryPackageList',
  packageList: '/v1.1/package/packageList',
  packageDetail: '/v1.1/package/detail',
  preOrder: '/v1.1/package/preOrderPackage',
  payment: '/payment/webhook',
  orderStatus: '/package/queryOrdStatusAndEmail',
} as const;

/**
 * Our notes put the catalog and order paths under `/v1.1`; Linksfield's public FMS docs name the same paths without
 * it. Which one a partner's host speaks is not documented, so the client finds out (see PathFamilyMemory).
 */
export type PathFamily = 'v1.1' | 'plain';

export const isPathFamily = (value: unknown): value is PathFamily => value === 'v1.1' || value === 'plain';

const VERSION_PREFIX = '/v1.1';

/** The paths that exist in both spellings: the catalog (package list, detail) and the pre-order. */
export const TWO_FAMILY_PATHS: ReadonlySet<string> = new Set([
  FMS_PATHS.packageList,
  FMS_PATHS.packageDetail,
  FMS_PATHS.preOrder,
]);

/** A path of FMS_PATHS as the given family spells it; paths outside the two families are the same in both. */
export function pathIn(path: string, family: PathFamily): string {
  if (!TWO_FAMILY_PATHS.has(path) || family === 'v1.1') return path;
  return path.slice(VERSION_PREFIX.length);
}

/** The FMS_PATHS name a requested path stands for in the given family; null when that family has no such path. */
export function canonicalPath(requested: string, family: PathFamily): string | null {
  for (const path of TWO_FAMILY_PATHS) if (pathIn(path, family) === requested) return path;
  if (TWO_FAMILY_PATHS.has(requested) || [...TWO_FAMILY_PATHS].some((path) => pathIn(path, 'plain') === requested))
    return null;
  return requested;
}

/**
 * Remembers which path family the host speaks. Until it is known the `/v1.1` spelling goes first (our notes); a 404
 * there is answered by trying the other spelling once, and whichever answers becomes the one every later call uses.
 * A 404 from a remembered family is not retried in the other: the host said which it speaks, and a base URL that
 * has become wrong should be reported, not hidden behind a second guess.
 */
export class PathFamilyMemory {
  private known: PathFamily | null = null;
  /** Whether `known` came from another thread and no call here has been answered in it since: a hint, not a fact. */
  private hinted = false;

  constructor(private readonly isNotFound: (error: unknown) => boolean) {}

  get family(): PathFamily | null {
    return this.known;
  }

  /**
   * Takes the family another thread learnt the host speaks, as a hint: the host may have moved since, so a 404 in it
   * tries the other spelling once, as an unknown host's first call does.
   */
  adopt(family: PathFamily): void {
    this.known = family;
    this.hinted = true;
  }

  async run<T>(path: string, attempt: (actualPath: string) => Promise<T>): Promise<T> {
    if (!TWO_FAMILY_PATHS.has(path)) return attempt(path);
    const first: PathFamily = this.known ?? 'v1.1';
    try {
      const result = await attempt(pathIn(path, first));
      this.learnt(first);
      return result;
    } catch (error) {
      if (!this.isNotFound(error)) throw error;
      if (this.known === first && !this.hinted) {
        // The family this host was known to speak is gone (the host moved to the other): the next call asks afresh.
        this.known = null;
        throw error;
      }
      // Calls run side by side: one that guessed before another learnt the family follows what was learnt.
    }
    const other: PathFamily = first === 'v1.1' ? 'plain' : 'v1.1';
    const result = await attempt(pathIn(path, other));
    this.learnt(other);
    return result;
  }

  private learnt(family: PathFamily): void {
    this.known = family;
    this.hinted = false;
  }
}
