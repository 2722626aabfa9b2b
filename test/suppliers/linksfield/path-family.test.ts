import { describe, expect, it } from 'vitest';
import { FMS_PATHS, PathFamilyMemory, pathIn, type PathFamily } from '../../../src-main/suppliers/linksfield/paths';

// PathFamilyMemory alone, against a host that answers in one family and 404s in the other.

class NotFound extends Error {}

/** A host speaking `family`: each call returns the path it was asked, or throws NotFound. */
function host(family: PathFamily) {
  const asked: string[] = [];
  const attempt = async (path: string) => {
    asked.push(path);
    if (path !== pathIn(FMS_PATHS.packageList, family)) throw new NotFound(path);
    return path;
  };
  return { asked, attempt };
}

const memory = () => new PathFamilyMemory((error) => error instanceof NotFound);

describe('the path family a Linksfield host speaks', () => {
  it('takes a family handed over from another thread as a hint: a 404 in it tries the other spelling once', async () => {
    const paths = memory();
    paths.adopt('plain');
    const { asked, attempt } = host('v1.1');
    expect(await paths.run(FMS_PATHS.packageList, attempt)).toBe('/v1.1/package/packageList');
    expect(asked).toEqual(['/package/packageList', '/v1.1/package/packageList']);
    expect(paths.family).toBe('v1.1');
  });

  it('a hint the host confirmed is a fact: a 404 in it is reported, not guessed around', async () => {
    const paths = memory();
    paths.adopt('plain');
    const speaksPlain = host('plain');
    await paths.run(FMS_PATHS.packageList, speaksPlain.attempt);
    const moved = host('v1.1');
    await expect(paths.run(FMS_PATHS.packageList, moved.attempt)).rejects.toBeInstanceOf(NotFound);
    expect(moved.asked).toEqual(['/package/packageList']);
    // Forgotten: the next call asks afresh.
    expect(paths.family).toBeNull();
  });
});
