/**
 * discard and delete (issue 10): a session gone for good — journal, note
 * (and its removal committed with notes.git), index and search-index rows, its
 * commitments — while the sessions that reviewed its actions stay intact; each
 * asks first, and refuses without a terminal unless given --yes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { config } from '../src/commands/config.ts';
import { deleteSession, discard } from '../src/commands/delete.ts';
import { ExitCode, type UserError } from '../src/util/errors.ts';
import { indexFiles } from '../src/lookback/kinds.ts';
import { loadRollup, loadSearchDocs, loadSummaries } from '../src/lookback/queries.ts';
import { acquireLock } from '../src/store/lock.ts';
import { createSession } from '../src/store/store.ts';
import { cli, settingsOf } from './harness/data.ts';
import { hasTmux, Pane } from './harness/tmux.ts';
import { git, isolatedGitEnv, tempDir, tempPaths } from './helpers.ts';
import { action, days, miniPlaybook, outcomes, runSession, startEntryFor, testContext, type TestContext } from './lookback-helpers.ts';

async function pausedSession(t: TestContext, rep: string, words = 'Half a plan'): Promise<string> {
  const session = await createSession(t.ctx.paths, startEntryFor(miniPlaybook(), rep, t.clock.now), t.clock.now);
  await session.append({ type: 'answer', at: t.clock.now.toISOString(), question: 'outcome', value: words });
  await session.append({ type: 'pause', at: t.clock.now.toISOString() });
  await session.close();
  return session.id;
}

const rejection = (p: Promise<unknown>) => p.then(() => undefined, (e: UserError) => e);

describe('repcoach delete', () => {
  it('removes the journal, the note (committed as removed), the index rows and its commitments; a later review stays', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    t.ctx.env = { ...isolatedGitEnv(tempDir()), REPCOACH_HOME: paths.data };
    await config(t.ctx, { action: 'set', key: 'notes.git', value: 'true' });
    const first = await runSession(t, { rep: 'Sam Lee', answers: { outcome: 'Zanzibar pricing', actions: [action('a1', 'Call the CFO'), action('a2', 'Send the deck')], confidence: 6 } });
    t.clock.now = new Date(t.clock.now.getTime() + days(7));
    const second = await runSession(t, {
      rep: 'Sam Lee',
      answers: { ...outcomes({ 'Call the CFO': 'partly', 'Send the deck': 'done' }), outcome: 'Next', actions: [action('b1', 'Book the demo')], confidence: 7 },
    });
    const note = path.join(paths.notes, 'sam-lee', '2026-03-02-mini.md');
    const laterNote = readFileSync(path.join(paths.notes, 'sam-lee', '2026-03-09-mini.md'), 'utf8');
    expect((await loadRollup(paths, await settingsOf(paths))).rollup.reps['sam-lee']?.open.map((o) => o.what).sort()).toEqual(['Book the demo', 'Call the CFO']);

    const asked: string[] = [];
    const d = testContext(paths, t.clock.now);
    d.ctx.env = t.ctx.env;
    await deleteSession(d.ctx, {
      session: first.id.slice(0, 15),
      ask: async (q) => {
        asked.push(q);
        return true;
      },
    });
    expect(asked).toEqual([`Delete session ${first.id} with Sam Lee (mini, done, 3 answers) and its note notes/sam-lee/2026-03-02-mini.md?`]);
    expect(d.out()).toBe(`Deleted session ${first.id} with Sam Lee: its journal and its note notes/sam-lee/2026-03-02-mini.md (committed to git).\n`);

    expect(existsSync(path.join(paths.sessions, `${first.id}.jsonl`))).toBe(false);
    expect(readdirSync(paths.sessions).filter((n) => n.startsWith(first.id))).toEqual([]);
    expect(existsSync(note)).toBe(false);
    expect(git(paths.notes, t.ctx.env, 'log', '-1', '--format=%s')).toBe(`Delete coaching note: Sam Lee, session ${first.id}\n`);
    expect(git(paths.notes, t.ctx.env, 'ls-files')).toBe('sam-lee/2026-03-09-mini.md\n');
    expect(git(paths.notes, t.ctx.env, 'status', '--porcelain')).toBe('');

    // Its commitments are gone from what the next run reviews; the session that reviewed them is untouched.
    const { rollup } = await loadRollup(paths, await settingsOf(paths));
    expect(rollup.rows.map((r) => r.id)).toEqual([second.id]);
    expect(rollup.reps['sam-lee']?.open.map((o) => o.what)).toEqual(['Book the demo']);
    const { items } = await loadSummaries(paths, await settingsOf(paths));
    expect(items[0]?.reviews[first.id]?.map((r) => r[1]).sort()).toEqual(['done', 'partly']);
    expect(readFileSync(path.join(paths.notes, 'sam-lee', '2026-03-09-mini.md'), 'utf8')).toBe(laterNote);
    expect(laterNote).toContain('Since last time');
    // Nothing it said stays in a cache.
    expect((await loadSearchDocs(paths)).items.map((s) => s.id)).toEqual([second.id]);
    for (const file of indexFiles(paths)) expect(readFileSync(file, 'utf8')).not.toContain('Zanzibar');
  });

  it('the last session deleted leaves no index behind', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    const { id } = await runSession(t, { rep: 'Sam Lee', answers: { outcome: 'Zanzibar', actions: [], confidence: 5 } });
    await loadSearchDocs(paths);
    expect(indexFiles(paths).every((f) => existsSync(f))).toBe(true);
    await deleteSession(t.ctx, { session: id, yes: true });
    expect(indexFiles(paths).some((f) => existsSync(f))).toBe(false);
  });

  it('asks first: "no" keeps everything, no terminal and no --yes is exit 2, and an open session blocks it', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    const { id } = await runSession(t, { rep: 'Sam Lee', answers: { outcome: 'x', actions: [], confidence: 5 } });
    await deleteSession(t.ctx, { session: id, ask: async () => false });
    expect(t.err()).toContain('Nothing was changed.');
    const refused = await rejection(deleteSession(t.ctx, { session: id }));
    expect(refused?.exitCode).toBe(ExitCode.usage);
    expect(refused?.hint).toBe(`Add --yes to go ahead without asking: repcoach delete ${id} --yes`);

    const lock = await acquireLock(path.join(paths.sessions, `${id}.jsonl`), { pid: process.pid });
    try {
      expect((await rejection(deleteSession(t.ctx, { session: id, yes: true })))?.message).toMatch(new RegExp(`Session ${id} is open in another terminal.*Nothing was deleted\\.`));
    } finally {
      await lock.release();
    }
    expect(existsSync(path.join(paths.sessions, `${id}.jsonl`))).toBe(true);
    expect(existsSync(path.join(paths.notes, 'sam-lee', '2026-03-02-mini.md'))).toBe(true);
  });

  it('from the command line: refuses without a terminal (exit 2), deletes with --yes', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    const { id } = await runSession(t, { rep: 'Sam Lee', answers: { outcome: 'x', actions: [], confidence: 5 } });
    const no = cli(paths.data, ['delete', id]);
    expect(no.status).toBe(2);
    expect(no.stderr).toContain('repcoach delete asks before it changes anything');
    const yes = cli(paths.data, ['delete', id.slice(0, 13), '--yes']);
    expect(yes.status).toBe(0);
    expect(yes.stdout).toContain(`Deleted session ${id} with Sam Lee`);
    expect(cli(paths.data, ['sessions']).stdout).toContain('No sessions yet');
  });
});

describe('repcoach discard', () => {
  it('throws away an unfinished session and its index rows, and refuses a finished one', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    const done = await runSession(t, { rep: 'Sam Lee', answers: { outcome: 'x', actions: [], confidence: 5 } });
    const paused = await pausedSession(t, 'Test Rep', 'Quokka test words');
    expect((await loadSearchDocs(paths)).items).toHaveLength(2);

    const finished = await rejection(discard(t.ctx, { session: done.id, yes: true }));
    expect(finished?.message).toBe(`Session ${done.id} is finished: discard is for a session that was never finished.`);
    expect(finished?.hint).toBe(`To remove it and its note: repcoach delete ${done.id}`);

    const asked: string[] = [];
    await discard(t.ctx, {
      session: paused,
      ask: async (q) => {
        asked.push(q);
        return true;
      },
    });
    expect(asked).toEqual([`Discard session ${paused} with Test Rep (mini, paused, 1 answer)?`]);
    expect(t.out()).toContain(`Discarded session ${paused} with Test Rep: its journal.`);
    expect(existsSync(path.join(paths.sessions, `${paused}.jsonl`))).toBe(false);
    expect((await loadRollup(paths, await settingsOf(paths))).rollup.rows.map((r) => r.id)).toEqual([done.id]);
    for (const file of indexFiles(paths)) expect(readFileSync(file, 'utf8')).not.toContain('Quokka');
    expect(existsSync(path.join(paths.notes, 'sam-lee', '2026-03-02-mini.md'))).toBe(true);
  });

  it('names the candidates of an ambiguous prefix', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    await pausedSession(t, 'A');
    await pausedSession(t, 'B');
    expect((await rejection(discard(t.ctx, { session: '2026', yes: true })))?.message).toMatch(/^"2026" matches 2 sessions: /);
  });
});

describe.runIf(hasTmux())('in a terminal', () => {
  const socket = `rc-housekeeping-${process.pid}`;
  afterAll(() => Pane.killServer(socket));

  it('asks y/N: Enter keeps the session, y deletes it', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    const { id } = await runSession(t, { rep: 'Sam Lee', answers: { outcome: 'x', actions: [], confidence: 5 } });
    const env = { REPCOACH_HOME: paths.data, NO_COLOR: '1', PATH: process.env['PATH'] ?? '' };

    const keep = Pane.start(socket, 'keep', ['delete', id.slice(0, 13)], env);
    await keep.waitFor(new RegExp(`Delete session ${id} with Sam Lee \\(mini, done, 3 answers\\) and its note notes/sam-lee/2026-03-02-mini\\.md\\?\\s+\\(y/N\\)`));
    keep.key('Enter');
    expect(await keep.waitForExit()).toBe(0);
    expect(keep.history()).toContain('Nothing was changed.');
    expect(existsSync(path.join(paths.sessions, `${id}.jsonl`))).toBe(true);

    const del = Pane.start(socket, 'del', ['delete', id], env);
    await del.waitFor(/\(y\/N\)/);
    del.type('y');
    del.key('Enter');
    expect(await del.waitForExit()).toBe(0);
    expect(del.history()).toContain(`Deleted session ${id} with Sam Lee: its journal and its note notes/sam-lee/2026-03-02-mini.md.`);
    expect(existsSync(path.join(paths.sessions, `${id}.jsonl`))).toBe(false);
    expect(existsSync(path.join(paths.notes, 'sam-lee', '2026-03-02-mini.md'))).toBe(false);
  }, 40_000);
});
