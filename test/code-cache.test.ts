/**
 * dist/app.js loads through a V8 code cache (scripts/lib/app-loader.cjs). The
 * cache is code that will run: a damaged one must never crash a command, one
 * made for another build must never run, and a folder that is not the user's
 * own is never used.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './harness/data.ts';
import { tempDir } from './helpers.ts';

function setup() {
  const root = tempDir();
  const cacheHome = path.join(root, 'cache');
  mkdirSync(cacheHome, { mode: 0o700 });
  const run = () => cli(path.join(root, 'home'), ['sessions'], { env: { XDG_CACHE_HOME: cacheHome } });
  const caches = () => {
    const dir = path.join(cacheHome, 'repcoach');
    try {
      return readdirSync(dir).filter((n) => n.endsWith('.cache')).map((n) => path.join(dir, n));
    } catch {
      return [];
    }
  };
  return { root, cacheHome, run, caches };
}

describe('the code cache', () => {
  it('is written once, private, and used on the next start', () => {
    const t = setup();
    expect(t.run().status).toBe(0);
    const [cache] = t.caches();
    expect(cache).toBeDefined();
    expect(statSync(cache ?? '').mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(cache ?? '')).mode & 0o777).toBe(0o700);
    const before = statSync(cache ?? '').mtimeMs;
    expect(t.run().status).toBe(0);
    expect(statSync(cache ?? '').mtimeMs).toBe(before);
  });

  it("keeps two other builds' caches beside its own (two installs side by side), the newest, and drops the rest", () => {
    const t = setup();
    const dir = path.join(t.cacheHome, 'repcoach');
    mkdirSync(dir, { mode: 0o700 });
    const others = [1, 2, 3, 4].map((n) => path.join(dir, `app-${process.version}-${String(n).repeat(32)}.cache`));
    others.forEach((file, i) => {
      writeFileSync(file, 'x', { mode: 0o600 });
      const t0 = new Date(Date.now() - (10 - i) * 60_000);
      utimesSync(file, t0, t0);
    });
    const otherNode = path.join(dir, 'app-v0.0.0-' + '9'.repeat(32) + '.cache');
    writeFileSync(otherNode, 'x', { mode: 0o600 });
    utimesSync(otherNode, new Date(0), new Date(0));
    expect(t.run().status).toBe(0);
    const left = t.caches().map((f) => path.basename(f)).sort();
    // Its own, the two newest others (3 and 4), and the other Node version's.
    expect(left).toHaveLength(4);
    expect(left).toEqual(expect.arrayContaining([path.basename(others[2] ?? ''), path.basename(others[3] ?? ''), path.basename(otherNode)]));
    expect(left).not.toContain(path.basename(others[0] ?? ''));
    expect(left).not.toContain(path.basename(others[1] ?? ''));
  });

  it('a damaged cache is not used (it would crash V8): the command runs, and the cache is written again', () => {
    const t = setup();
    expect(t.run().status).toBe(0);
    const [cache] = t.caches();
    const bytes = readFileSync(cache ?? '');
    bytes.fill(0, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 4096);
    writeFileSync(cache ?? '', bytes);
    for (let i = 0; i < 2; i++) {
      const r = t.run();
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('No sessions yet');
    }
    expect(readFileSync(t.caches()[0] ?? '').equals(bytes)).toBe(false);
  });

  it('is never used from a folder others can write to, and its parent folder is never made', () => {
    const t = setup();
    mkdirSync(path.join(t.cacheHome, 'repcoach'), { mode: 0o777 });
    chmodSync(path.join(t.cacheHome, 'repcoach'), 0o777);
    expect(t.run().status).toBe(0);
    expect(t.caches()).toEqual([]);
    const missing = path.join(t.root, 'no-such-cache-home');
    expect(cli(path.join(t.root, 'home'), ['sessions'], { env: { XDG_CACHE_HOME: missing } }).status).toBe(0);
    expect(() => statSync(missing)).toThrow();
  });
});
