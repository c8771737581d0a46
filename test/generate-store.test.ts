import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndexes, generateStore } from '../scripts/lib/generate-store.ts';
import { builtinDir } from '../src/playbook/load.ts';
import { deriveCommitments, followThrough } from '../src/model/commitments.ts';
import { loadSummaries } from '../src/lookback/queries.ts';
import { parseJournal } from '../src/model/journal.ts';
import { resolvePaths } from '../src/util/paths.ts';
import { tempDir } from './helpers.ts';
import { settingsOf } from './harness/data.ts';

function generate(home: string, seed = 7) {
  return generateStore({ home, sessions: 120, reps: 4, seed, years: 1, playbooksDir: builtinDir(), now: new Date('2026-03-02T12:00:00Z'), log: () => {} });
}

describe('the store generator', () => {
  it('writes N sessions across M reps in the real journal format, with commitments reviewed later', async () => {
    const home = tempDir();
    const result = generate(home);
    expect(result).toMatchObject({ sessions: 120, reps: 4, files: 120 });
    const paths = resolvePaths({ REPCOACH_HOME: home });
    for (const name of readdirSync(paths.sessions)) {
      const read = parseJournal(readFileSync(path.join(paths.sessions, name), 'utf8'));
      expect(read.damage).toBeUndefined();
      expect(read.entries[0]?.type).toBe('start');
    }
    const { items, unreadable } = await loadSummaries(paths, await settingsOf(paths));
    expect(unreadable).toEqual([]);
    expect(new Set(items.map((s) => s.rep.slug)).size).toBe(4);
    expect(items.every((s) => s.started < '2026-03-02T12:00:00Z')).toBe(true);
    const commitments = deriveCommitments(items);
    expect(commitments.length).toBeGreaterThan(100);
    // Most commitments get reviewed in the rep's next session; some stay open.
    expect(commitments.filter((c) => c.outcomes.length > 0).length).toBeGreaterThan(commitments.length * 0.8);
    // Each commitment counts at its latest outcome (issue 10): a partly or not done reviewed again
    // later is mostly done by now, but not every one, and some were dropped.
    const f = followThrough(commitments);
    expect(f.rate ?? 0).toBeGreaterThan(0.3);
    expect(f.rate ?? 1).toBeLessThan(1);
    expect(f.dropped).toBeGreaterThan(0);
    await buildIndexes(home);
    expect(readdirSync(home).sort()).toEqual(['index.json', 'search-index.json', 'sessions']);
  });

  it('gives the same store for the same seed', () => {
    const a = tempDir();
    const b = tempDir();
    generate(a, 3);
    generate(b, 3);
    const files = (home: string) => {
      const dir = resolvePaths({ REPCOACH_HOME: home }).sessions;
      return readdirSync(dir).sort().map((n) => readFileSync(path.join(dir, n), 'utf8').replaceAll(builtinDir(), ''));
    };
    expect(files(a)).toEqual(files(b));
  });
});
