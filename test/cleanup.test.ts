/** Leftovers of killed processes are removed at the next start; a live writer's temp file is not (src/util/cleanup.ts). */
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldersToClean, removeStaleTempFiles } from '../src/util/cleanup.ts';
import { tempPathFor, TEMP_MARKER } from '../src/util/fs.ts';
import { tempPaths } from './helpers.ts';

describe('removeStaleTempFiles', () => {
  it('removes temp files of dead processes, keeps those of live ones and every other file', async () => {
    const paths = tempPaths();
    const notes = paths.notes;
    mkdirSync(path.join(notes, 'sam-lee'), { recursive: true });
    mkdirSync(paths.sessions, { recursive: true });
    const dead = path.join(paths.sessions, `${TEMP_MARKER}4001-20261123-0945-k7qd.jsonl.ab12cd34`);
    const deadNote = path.join(notes, 'sam-lee', `${TEMP_MARKER}4002-2026-11-23-one-to-one.md.00ff00ff`);
    const live = path.join(notes, 'sam-lee', `${TEMP_MARKER}4003-2026-11-23-one-to-one.md.11111111`);
    const mine = tempPathFor(path.join(paths.sessions, 'x.jsonl'));
    const keep = [path.join(paths.sessions, '20261123-0945-k7qd.jsonl'), path.join(notes, 'sam-lee', '2026-11-23-one-to-one.md'), path.join(paths.sessions, '20261123-0945-k7qd.lock')];
    for (const f of [dead, deadNote, live, mine, ...keep]) writeFileSync(f, 'x');
    const removed = await removeStaleTempFiles(await foldersToClean(paths, notes), { isAlive: (pid) => pid === 4003 });
    expect(removed.sort()).toEqual([dead, deadNote].sort());
    for (const f of [live, mine, ...keep]) expect(existsSync(f), f).toBe(true);
  });

  it('removes a temp file without a pid only when old, and abandoned lock-takeover guards', async () => {
    const paths = tempPaths();
    mkdirSync(paths.sessions, { recursive: true });
    const now = new Date('2026-11-23T12:00:00Z');
    const oldAnon = path.join(paths.sessions, `${TEMP_MARKER}a.jsonl.12345678`);
    const newAnon = path.join(paths.sessions, `${TEMP_MARKER}b.jsonl.12345678`);
    const oldGuard = path.join(paths.sessions, '20261123-0945-k7qd.lock.break-0123456789abcdef');
    const newGuard = path.join(paths.sessions, '20261123-0945-k7qa.lock.break-0123456789abcdef');
    for (const f of [oldAnon, newAnon, oldGuard, newGuard]) writeFileSync(f, 'x');
    const twoHoursAgo = new Date(now.getTime() - 2 * 3_600_000);
    utimesSync(oldAnon, twoHoursAgo, twoHoursAgo);
    utimesSync(oldGuard, twoHoursAgo, twoHoursAgo);
    utimesSync(newAnon, now, now);
    utimesSync(newGuard, now, now);
    const removed = await removeStaleTempFiles([paths.sessions], { isAlive: () => false, now: () => now });
    expect(removed.sort()).toEqual([oldAnon, oldGuard].sort());
  });
});
