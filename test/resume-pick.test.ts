/** `repcoach resume` with no id: the unfinished session last worked on, found through the index. */
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newestUnfinished } from '../src/run/resume.ts';
import { loadRollup } from '../src/lookback/queries.ts';
import { serializeEntry } from '../src/model/journal.ts';
import { createSession, sessionFile } from '../src/store/store.ts';
import { tempPaths } from './helpers.ts';
import { miniPlaybook, startEntryFor, testContext } from './lookback-helpers.ts';
import { settingsOf } from './harness/data.ts';

describe('resume picks', () => {
  it('the unfinished session worked on last, not the one started last; finished ones never', async () => {
    const t = testContext(tempPaths());
    const pb = miniPlaybook();
    const at = (iso: string) => new Date(iso);
    const open = async (rep: string, started: string) => createSession(t.ctx.paths, startEntryFor(pb, rep, at(started)), at(started));
    const a = await open('Sam Lee', '2026-03-01T09:00:00Z');
    const b = await open('Ana Díaz', '2026-03-02T09:00:00Z');
    const c = await open('Kim Park', '2026-03-03T09:00:00Z');
    await b.append({ type: 'pause', at: '2026-03-02T09:30:00Z' });
    // Sam's session, the oldest, is taken up again last.
    await a.append({ type: 'resume', at: '2026-03-04T10:00:00Z' });
    await a.append({ type: 'answer', at: '2026-03-04T10:01:00Z', question: 'outcome', value: 'Back to it' });
    await c.append({ type: 'finish', at: '2026-03-05T09:00:00Z' });
    for (const s of [a, b, c]) await s.close();
    expect((await newestUnfinished(t.ctx, await settingsOf(t.ctx.paths))).id).toBe(a.id);

    // Finished in another terminal since the index last saw it: Ana's is next.
    await loadRollup(t.ctx.paths, await settingsOf(t.ctx.paths));
    appendFileSync(sessionFile(t.ctx.paths, a.id), serializeEntry({ type: 'finish', at: '2026-03-06T09:00:00Z' }));
    expect((await newestUnfinished(t.ctx, await settingsOf(t.ctx.paths))).id).toBe(b.id);
  });

  it('finds a journal named otherwise (moved back from quarantine), and one whose start line names another id', async () => {
    const t = testContext(tempPaths());
    const pb = miniPlaybook();
    const at = (iso: string) => new Date(iso);
    const a = await createSession(t.ctx.paths, startEntryFor(pb, 'Sam Lee', at('2026-03-01T09:00:00Z')), at('2026-03-01T09:00:00Z'));
    const b = await createSession(t.ctx.paths, startEntryFor(pb, 'Ana Díaz', at('2026-03-02T09:00:00Z')), at('2026-03-02T09:00:00Z'));
    await a.append({ type: 'pause', at: '2026-03-05T09:00:00Z' });
    await b.append({ type: 'pause', at: '2026-03-03T09:00:00Z' });
    for (const s of [a, b]) await s.close();
    const renamed = path.join(t.ctx.paths.sessions, `20260305T090000Z-${a.id}.jsonl`);
    renameSync(sessionFile(t.ctx.paths, a.id), renamed);
    expect((await newestUnfinished(t.ctx, await settingsOf(t.ctx.paths))).file).toBe(renamed);
    // A hand edit gives Ana's start line an id that is no session id: her file's name still is.
    const file = sessionFile(t.ctx.paths, b.id);
    writeFileSync(file, readFileSync(file, 'utf8').replace(`"id":"${b.id}"`, '"id":"hand-edited"'));
    appendFileSync(file, serializeEntry({ type: 'resume', at: '2026-03-06T09:00:00Z' }));
    expect((await newestUnfinished(t.ctx, await settingsOf(t.ctx.paths))).file).toBe(file);
  });

  it('says so when nothing is unfinished', async () => {
    const t = testContext(tempPaths());
    await expect(newestUnfinished(t.ctx, await settingsOf(t.ctx.paths))).rejects.toThrow(/no unfinished session/);
  });
});
