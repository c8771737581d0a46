/**
 * reps rename and reps merge (issue 10): every place that holds a rep changes —
 * journals, notes (moved, front matter and title, committed with notes.git),
 * the index and its rollup, commitments — a session open elsewhere blocks it,
 * and a change cut off in the middle is finished by running it again.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { config } from '../src/commands/config.ts';
import { repsChange } from '../src/commands/reps-change.ts';
import { isEncryptedText } from '../src/crypto/envelope.ts';
import { setPassphraseSource } from '../src/crypto/keyring.ts';
import { readDataText } from '../src/crypto/vault.ts';
import { ExitCode, UserError } from '../src/util/errors.ts';
import { loadRollup, loadSearchDocs, loadSummaries } from '../src/lookback/queries.ts';
import type { JournalEntry } from '../src/model/journal.ts';
import { acquireLock } from '../src/store/lock.ts';
import { pendingRepChange, planPath, withRepEntries } from '../src/upkeep/rep-change.ts';
import { createSession, loadSession } from '../src/store/store.ts';
import { enableTestEncryption, settingsOf } from './harness/data.ts';
import { filesUnder, git, isolatedGitEnv, tempDir, tempPaths } from './helpers.ts';
import { action, days, miniPlaybook, outcomes, runSession, startEntryFor, testContext, type TestContext } from './lookback-helpers.ts';

afterEach(() => setPassphraseSource(undefined));

/** A session left paused after its first answer, as Ctrl-C leaves one. */
async function pausedSession(t: TestContext, rep: string): Promise<string> {
  const start = startEntryFor(miniPlaybook(), rep, t.clock.now);
  const session = await createSession(t.ctx.paths, start, t.clock.now);
  await session.append({ type: 'answer', at: t.clock.now.toISOString(), question: 'outcome', value: 'Half a plan' });
  await session.append({ type: 'pause', at: t.clock.now.toISOString() });
  await session.close();
  return session.id;
}

function later(t: TestContext, n = 1): void {
  t.clock.now = new Date(t.clock.now.getTime() + days(n));
}

function journalOf(t: TestContext, id: string): string {
  return path.join(t.ctx.paths.sessions, `${id}.jsonl`);
}

/** Two finished sessions of "sam" (one with an open commitment, reviewed in the second) and one paused. */
async function samStore(t: TestContext) {
  const first = await runSession(t, { rep: 'sam', answers: { outcome: 'A plan for Acme', actions: [action('a1', 'Call the CFO', 'rep', '2026-03-20')], confidence: 6 } });
  later(t);
  const second = await runSession(t, {
    rep: 'sam',
    answers: { ...outcomes({ 'Call the CFO': 'partly' }), outcome: 'Globex next', actions: [action('a2', 'Send the deck')], confidence: 7 },
  });
  later(t);
  const paused = await pausedSession(t, 'sam');
  return { first: first.id, second: second.id, paused };
}

describe('reps rename', () => {
  it('renames the rep in every journal, moves and rewrites the notes, and brings the index and commitments along', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    const { first, second, paused } = await samStore(t);
    chmodSync(journalOf(t, first), 0o640);
    const before = readFileSync(journalOf(t, paused), 'utf8').split('\n').slice(1);

    await repsChange(t.ctx, { kind: 'rename', from: 'sam', to: 'Sam Lee', yes: true });
    expect(t.out()).toContain('Renamed sam to Sam Lee: 3 sessions, 2 notes.');

    for (const id of [first, second, paused]) expect((await loadSession(journalOf(t, id))).state.start.rep).toEqual({ name: 'Sam Lee', slug: 'sam-lee' });
    // Only the start line changed; the answers after it are byte for byte as they were, and the mode is kept.
    expect(readFileSync(journalOf(t, paused), 'utf8').split('\n').slice(1)).toEqual(before);
    expect(statSync(journalOf(t, first)).mode & 0o777).toBe(0o640);

    expect(existsSync(path.join(paths.notes, 'sam'))).toBe(false);
    const notes = filesUnder(paths.notes).map((f) => path.relative(paths.notes, f)).sort();
    expect(notes).toEqual(['sam-lee/2026-03-02-mini.md', 'sam-lee/2026-03-03-mini.md']);
    const note = readFileSync(path.join(paths.notes, 'sam-lee', '2026-03-02-mini.md'), 'utf8');
    expect(note).toMatch(/^---\nrep: "Sam Lee"\n/);
    expect(note).toContain('# Coaching note: Sam Lee, 2026-03-02');
    expect(note).not.toMatch(/\bsam\b(?!-)/);
    // The journal's finish entry names the note where it is now.
    expect((await loadSession(journalOf(t, first))).state.notePath).toBe(path.join(paths.notes, 'sam-lee', '2026-03-02-mini.md'));

    const { rollup } = await loadRollup(paths, await settingsOf(paths));
    expect(Object.keys(rollup.reps)).toEqual(['sam-lee']);
    expect(rollup.reps['sam-lee']?.open.map((o) => o.what).sort()).toEqual(['Call the CFO', 'Send the deck']);
    expect(rollup.reps['sam-lee']?.open.find((o) => o.what === 'Call the CFO')?.last?.outcome).toBe('partly');
    expect((await loadSearchDocs(paths)).items.every((d) => d.rep.slug === 'sam-lee')).toBe(true);
    expect(existsSync(planPath(paths))).toBe(false);
  });

  it('a paused session of the renamed rep resumes as the new rep and writes its note in the new folder', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    const paused = await pausedSession(t, 'sam');
    await repsChange(t.ctx, { kind: 'rename', from: 'sam', to: 'Sam Lee', yes: true });
    const { completeSession } = await import('../src/run/conversation.ts');
    const { openSession } = await import('../src/store/store.ts');
    const { openSettings } = await import('../src/config/settings.ts');
    const { scriptedPrompter } = await import('./lookback-helpers.ts');
    const { session, loaded } = await openSession(paths, journalOf(t, paused));
    const resume: JournalEntry = { type: 'resume', at: t.clock.now.toISOString() };
    await session.append(resume);
    try {
      await completeSession(t.ctx, await openSettings(paths), session, [...loaded.entries, resume], scriptedPrompter({ actions: [], confidence: 5 }));
    } finally {
      await session.close();
    }
    const note = readFileSync(path.join(paths.notes, 'sam-lee', '2026-03-02-mini.md'), 'utf8');
    expect(note).toContain('# Coaching note: Sam Lee, 2026-03-02');
    expect(note).toContain('Half a plan');
  });

  it('is blocked by a session open in another terminal, and changes nothing', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    const { paused, first } = await samStore(t);
    const raw = readFileSync(journalOf(t, first), 'utf8');
    const lock = await acquireLock(journalOf(t, paused), { pid: process.pid });
    try {
      const err = await repsChange(t.ctx, { kind: 'rename', from: 'sam', to: 'Sam Lee', yes: true }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(new RegExp(`Session ${paused} is open in another terminal.*Nothing was changed\\.`));
    } finally {
      await lock.release();
    }
    expect(readFileSync(journalOf(t, first), 'utf8')).toBe(raw);
    expect(existsSync(planPath(paths))).toBe(false);
    expect(readdirSync(paths.sessions).filter((n) => n.endsWith('.lock'))).toEqual([]);
  });

  it('matches the rep as prep does, and says what is wrong otherwise', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    await runSession(t, { rep: 'Sam Lee', answers: { outcome: 'x', actions: [], confidence: 5 } });
    await runSession(t, { rep: 'Sam Ortiz', answers: { outcome: 'y', actions: [], confidence: 5 } });
    await expect(repsChange(t.ctx, { kind: 'rename', from: 'sam', to: 'Sam L', yes: true })).rejects.toThrow('"sam" matches 2 reps: Sam Lee, Sam Ortiz.');
    await expect(repsChange(t.ctx, { kind: 'rename', from: 'lee', to: 'sam ortiz', yes: true })).rejects.toThrow(/"sam ortiz" is already a rep: Sam Ortiz/);
    const taken = await repsChange(t.ctx, { kind: 'rename', from: 'lee', to: 'sam ortiz', yes: true }).then(() => undefined, (e: UserError) => e);
    expect(taken?.hint).toBe("To put Sam Lee's sessions with theirs, merge them: repcoach reps merge 'Sam Lee' 'Sam Ortiz'");
    await expect(repsChange(t.ctx, { kind: 'merge', from: 'lee', to: 'Sam Lee', yes: true })).rejects.toThrow(/are the same rep/);
    // A change of case only keeps the folder and changes the name.
    await repsChange(t.ctx, { kind: 'rename', from: 'lee', to: 'SAM LEE', yes: true });
    expect(readFileSync(path.join(paths.notes, 'sam-lee', '2026-03-02-mini.md'), 'utf8')).toContain('# Coaching note: SAM LEE, 2026-03-02');
  });

  it('asks first: no answer without a terminal is exit 2, and "no" changes nothing', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    const { first } = await samStore(t);
    const raw = readFileSync(journalOf(t, first), 'utf8');
    const refused = await repsChange(t.ctx, { kind: 'rename', from: 'sam', to: 'Sam Lee' }).then(() => undefined, (e: UserError) => e);
    expect(refused?.exitCode).toBe(ExitCode.usage);
    expect(refused?.message).toMatch(/standard input is not a terminal to ask in\. Nothing was changed\./);
    expect(refused?.hint).toBe("Add --yes to go ahead without asking: repcoach reps rename sam 'Sam Lee' --yes");
    const asked: string[] = [];
    await repsChange(t.ctx, {
      kind: 'rename',
      from: 'sam',
      to: 'Sam Lee',
      ask: async (q) => {
        asked.push(q);
        return false;
      },
    });
    expect(asked).toEqual(['Rename sam to Sam Lee in 3 sessions and 2 notes?']);
    expect(readFileSync(journalOf(t, first), 'utf8')).toBe(raw);
    expect(readdirSync(paths.sessions).filter((n) => n.endsWith('.lock'))).toEqual([]);
  });

  it('keeps a note edited by hand, changing only its front matter and title', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    await runSession(t, { rep: 'sam', answers: { outcome: 'x', actions: [], confidence: 5 } });
    const file = path.join(paths.notes, 'sam', '2026-03-02-mini.md');
    writeFileSync(file, readFileSync(file, 'utf8') + '\nMy own words about sam.\n');
    await repsChange(t.ctx, { kind: 'rename', from: 'sam', to: 'Sam Lee', yes: true });
    const note = readFileSync(path.join(paths.notes, 'sam-lee', '2026-03-02-mini.md'), 'utf8');
    expect(note).toMatch(/^---\nrep: "Sam Lee"\n/);
    expect(note).toContain('# Coaching note: Sam Lee, 2026-03-02');
    expect(note).toContain('My own words about sam.');
    expect(t.out()).toContain('1 note differed from what repcoach writes');
  });

  it('keeps encrypted journals and notes encrypted', async () => {
    const paths = tempPaths();
    await enableTestEncryption(paths);
    const t = testContext(paths);
    const { id } = await runSession(t, { rep: 'sam', answers: { outcome: 'Acme', actions: [], confidence: 5 } });
    await repsChange(t.ctx, { kind: 'rename', from: 'sam', to: 'Sam Lee', yes: true });
    const raw = readFileSync(journalOf(t, id), 'utf8');
    expect(isEncryptedText(raw)).toBe(true);
    expect(raw).not.toContain('Sam Lee');
    expect((await loadSession(journalOf(t, id))).state.start.rep.name).toBe('Sam Lee');
    const note = path.join(paths.notes, 'sam-lee', '2026-03-02-mini.md');
    expect(isEncryptedText(readFileSync(note, 'utf8'))).toBe(true);
    expect(await readDataText(note)).toContain('# Coaching note: Sam Lee');
  });
});

describe('reps merge', () => {
  it("moves one rep's sessions to the other, whose name survives; notes of one day get distinct names; git has the move", async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    t.ctx.env = { ...isolatedGitEnv(tempDir()), REPCOACH_HOME: paths.data };
    await config(t.ctx, { action: 'set', key: 'notes.git', value: 'true' });
    const a = await runSession(t, { rep: 'sam', answers: { outcome: 'x', actions: [action('a1', 'Call the CFO')], confidence: 5 } });
    const b = await runSession(t, { rep: 'Sam Lee', answers: { outcome: 'y', actions: [], confidence: 6 } });

    const j = testContext(paths, t.clock.now);
    j.ctx.env = t.ctx.env;
    await repsChange(j.ctx, { kind: 'merge', from: 'sam', to: 'lee', yes: true, json: true });
    expect(JSON.parse(j.out())).toEqual({
      kind: 'merge',
      from: { name: 'sam', slug: 'sam' },
      to: { name: 'Sam Lee', slug: 'sam-lee' },
      sessions: 1,
      notes: 1,
      notesKeptEdits: 0,
      committed: true,
    });
    const moved = path.join(paths.notes, 'sam-lee', `2026-03-02-mini-${a.id}.md`);
    expect(filesUnder(paths.notes).filter((f) => !f.includes(`${path.sep}.git${path.sep}`)).sort()).toEqual([path.join(paths.notes, 'sam-lee', '2026-03-02-mini.md'), moved].sort());
    expect(readFileSync(path.join(paths.notes, 'sam-lee', '2026-03-02-mini.md'), 'utf8')).toContain(`session: "${b.id}"`);
    expect(readFileSync(moved, 'utf8')).toContain(`session: "${a.id}"`);
    expect(git(paths.notes, t.ctx.env, 'log', '-1', '--format=%s')).toBe('Merge rep: sam into Sam Lee\n');
    expect(git(paths.notes, t.ctx.env, 'status', '--porcelain')).toBe('');
    expect(git(paths.notes, t.ctx.env, 'ls-files').split('\n').filter(Boolean).sort()).toEqual(['sam-lee/2026-03-02-mini.md', `sam-lee/2026-03-02-mini-${a.id}.md`].sort());
    const { rollup } = await loadRollup(paths, await settingsOf(paths));
    expect(Object.keys(rollup.reps)).toEqual(['sam-lee']);
    expect(rollup.reps['sam-lee']?.open.map((o) => o.what)).toEqual(['Call the CFO']);
  });

  it('cut off after its first session, leaves every file old or new, and running it again finishes the job', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    t.ctx.env = { ...isolatedGitEnv(tempDir()), REPCOACH_HOME: paths.data };
    await config(t.ctx, { action: 'set', key: 'notes.git', value: 'true' });
    const { first, second, paused } = await samStore(t);
    later(t);
    await runSession(t, { rep: 'Sam Lee', answers: { ...outcomes({}), outcome: 'z', actions: [], confidence: 6 } });

    const crash = new Error('killed');
    await expect(repsChange(t.ctx, { kind: 'merge', from: 'sam', to: 'Sam Lee', yes: true, afterSession: () => Promise.reject(crash) })).rejects.toBe(crash);

    // Half done: the plan is there; one session (and its note) is new, the others are as they were.
    const plan = await pendingRepChange(paths);
    expect(plan?.sessions.map((s) => s.id).sort()).toEqual([first, second, paused].sort());
    const reps = await Promise.all([first, second, paused].map(async (id) => (await loadSession(journalOf(t, id))).state.start.rep.slug));
    expect(reps.filter((s) => s === 'sam-lee')).toHaveLength(1);
    expect(reps.filter((s) => s === 'sam')).toHaveLength(2);
    for (const s of plan?.sessions ?? []) {
      if (!s.note) continue;
      // Each note is in exactly one place, and reads whole.
      expect([existsSync(s.note.from), existsSync(s.note.to)].filter(Boolean)).toHaveLength(1);
      expect(readFileSync(existsSync(s.note.to) ? s.note.to : s.note.from, 'utf8')).toMatch(/^---\n[\s\S]*\n---\n/);
    }
    expect(filesUnder(paths.sessions).filter((f) => f.includes('.repcoach-tmp-'))).toEqual([]);

    // Running the same command again finishes it (and says so).
    const again = testContext(paths, t.clock.now);
    again.ctx.env = t.ctx.env;
    await repsChange(again.ctx, { kind: 'merge', from: 'sam', to: 'Sam Lee', yes: true });
    expect(again.err()).toContain('Finishing the unfinished merge of sam into Sam Lee');
    expect(again.out()).toContain('Merged sam into Sam Lee: 3 sessions, 2 notes (committed to git).');
    expect(existsSync(planPath(paths))).toBe(false);
    for (const id of [first, second, paused]) expect((await loadSession(journalOf(t, id))).state.start.rep).toEqual({ name: 'Sam Lee', slug: 'sam-lee' });
    expect(existsSync(path.join(paths.notes, 'sam'))).toBe(false);
    expect(git(paths.notes, t.ctx.env, 'status', '--porcelain')).toBe('');
    const { items } = await loadSummaries(paths, await settingsOf(paths));
    expect(new Set(items.map((s) => s.rep.slug))).toEqual(new Set(['sam-lee']));
    const { rollup } = await loadRollup(paths, await settingsOf(paths));
    expect(rollup.reps['sam-lee']?.open.map((o) => o.what).sort()).toEqual(['Call the CFO', 'Send the deck']);
  });

  it('a session resumed and finished while a rename waited has its note moved when the rename is finished', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    const paused = await pausedSession(t, 'sam');
    later(t);
    await runSession(t, { rep: 'sam', answers: { outcome: 'x', actions: [], confidence: 5 } });
    const killed = new Error('killed');
    await expect(repsChange(t.ctx, { kind: 'rename', from: 'sam', to: 'Sam Lee', yes: true, afterSession: () => Promise.reject(killed) })).rejects.toBe(killed);
    expect((await loadSession(journalOf(t, paused))).state.start.rep.slug).toBe('sam');

    const { completeSession } = await import('../src/run/conversation.ts');
    const { openSession } = await import('../src/store/store.ts');
    const { openSettings } = await import('../src/config/settings.ts');
    const { scriptedPrompter } = await import('./lookback-helpers.ts');
    const { session, loaded } = await openSession(paths, journalOf(t, paused));
    try {
      await completeSession(t.ctx, await openSettings(paths), session, loaded.entries, scriptedPrompter({ actions: [], confidence: 5 }));
    } finally {
      await session.close();
    }
    expect(existsSync(path.join(paths.notes, 'sam', '2026-03-02-mini.md'))).toBe(true);

    await repsChange(t.ctx, { kind: 'rename', from: 'sam', to: 'Sam Lee', yes: true });
    expect(existsSync(path.join(paths.notes, 'sam'))).toBe(false);
    const moved = path.join(paths.notes, 'sam-lee', '2026-03-02-mini.md');
    expect(readFileSync(moved, 'utf8')).toContain('# Coaching note: Sam Lee, 2026-03-02');
    expect((await loadSession(journalOf(t, paused))).state.notePath).toBe(moved);
  });

  it('another command finds an unfinished change and says how to finish it', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    const { first } = await samStore(t);
    await expect(repsChange(t.ctx, { kind: 'rename', from: 'sam', to: 'Sam Lee', yes: true, afterSession: () => Promise.reject(new Error('killed')) })).rejects.toThrow('killed');
    const { deleteSession } = await import('../src/commands/delete.ts');
    const err = await deleteSession(t.ctx, { session: first, yes: true }).then(() => undefined, (e: UserError) => e);
    expect(err?.hint).toBe('An unfinished rename of sam to Sam Lee was found; finish it first: repcoach reps rename "sam" "Sam Lee"');
    const { reps } = await import('../src/commands/reps.ts');
    await reps(t.ctx, {});
    expect(t.err()).toContain('An unfinished rename of sam to Sam Lee was found');
  });
});

describe('withRepEntries', () => {
  const start = { type: 'start', v: 1, at: 'x', id: 'i', rep: { name: 'sam', slug: 'sam' } } as unknown as JournalEntry;
  const finish: JournalEntry = { type: 'finish', at: 'y', note: '/n/sam/a.md' };
  it.each([
    ['a new rep', [start], { name: 'Sam', slug: 'sam' }, undefined, [{ ...start, rep: { name: 'Sam', slug: 'sam' } }]],
    ['the note moved too', [start, finish], { name: 'Sam Lee', slug: 'sam-lee' }, { from: '/n/sam/a.md', to: '/n/sam-lee/a.md' }, [{ ...start, rep: { name: 'Sam Lee', slug: 'sam-lee' } }, { ...finish, note: '/n/sam-lee/a.md' }]],
    ['already done', [start], { name: 'sam', slug: 'sam' }, undefined, undefined],
  ])('%s', (_name, entries, to, note, expected) => {
    expect(withRepEntries(entries, to, note)).toEqual(expected);
  });
});

describe('the command line', () => {
  it('offers the new commands to shell completion, with reps and sessions for their arguments', async () => {
    const { buildProgram } = await import('../src/cli/main.ts');
    const { commandSpecs } = await import('../src/commands/completion.ts');
    const specs = commandSpecs(buildProgram());
    const spec = (p: string) => specs.find((s) => s.path === p);
    expect(spec('reps')?.subcommands).toEqual(['rename', 'merge']);
    expect(spec('reps rename')?.args).toEqual(['reps', 'files']);
    expect(spec('reps merge')?.args).toEqual(['reps', 'reps']);
    expect(spec('reps merge')?.options).toEqual(expect.arrayContaining(['--yes', '-y', '--json']));
    expect(spec('discard')?.args).toEqual(['unfinished']);
    expect(spec('delete')?.args).toEqual(['sessions']);
    expect(spec('')?.subcommands).toEqual(expect.arrayContaining(['discard', 'delete']));
  });
});

describe('a merge killed with SIGKILL', () => {
  it('at any moment, is finished by running it again, and every file reads as old or new', async () => {
    const { spawn } = await import('node:child_process');
    const { CLI } = await import('./harness/tmux.ts');
    const { cli } = await import('./harness/data.ts');
    for (const delay of [0, 15, 40]) {
      const paths = tempPaths();
      const t = testContext(paths);
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        ids.push((await runSession(t, { rep: 'sam', answers: { ...outcomes({ Step: 'not-done' }), outcome: `Plan ${i}`, actions: [action(`a${i}`, `Step ${i}`)], confidence: 5 } })).id);
        later(t);
      }
      await runSession(t, { rep: 'Sam Lee', answers: { ...outcomes({}), outcome: 'mine', actions: [], confidence: 5 } });
      const env = { ...process.env, REPCOACH_HOME: paths.data, NO_COLOR: '1' };
      const child = spawn(process.execPath, [CLI, 'reps', 'merge', 'sam', 'Sam Lee', '--yes'], { env, stdio: 'ignore' });
      const exited = new Promise((r) => child.on('exit', r));
      // Killed once the plan is written (the change under way), a little later each round.
      let running = true;
      void exited.then(() => (running = false));
      while (running && !existsSync(planPath(paths))) await new Promise((r) => setTimeout(r, 1));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;

      // Whatever was cut off: every journal and note reads whole.
      for (const id of ids) expect(['sam', 'sam-lee']).toContain((await loadSession(journalOf(t, id))).state.start.rep.slug);
      // A temp file the kill left is not a note (the next command clears it).
      const notes = filesUnder(paths.notes).filter((f) => !f.includes('.repcoach-tmp-'));
      for (const f of notes) expect(readFileSync(f, 'utf8')).toMatch(/^---\nrep: "(sam|Sam Lee)"\n/);
      const notesOf = (id: string) => notes.filter((f) => readFileSync(f, 'utf8').includes(`session: "${id}"`));
      for (const id of ids) {
        // The note the journal names is there; a copy at the new place beside the old one only while the plan waits.
        const named = (await loadSession(journalOf(t, id))).state.notePath ?? '';
        expect(existsSync(named)).toBe(true);
        expect(notesOf(id).length === 1 || existsSync(planPath(paths))).toBe(true);
      }

      const again = cli(paths.data, ['reps', 'merge', 'sam', 'Sam Lee', '--yes']);
      // Killed before the plan was written, the merge runs whole; after, it is finished; killed after the end, sam is gone.
      expect([again.status, again.stdout + again.stderr]).toEqual([again.status === 0 ? 0 : 1, expect.stringMatching(/Merged sam into Sam Lee|No rep "sam"/)]);
      for (const id of ids) expect((await loadSession(journalOf(t, id))).state.start.rep).toEqual({ name: 'Sam Lee', slug: 'sam-lee' });
      expect(existsSync(planPath(paths))).toBe(false);
      expect(existsSync(path.join(paths.notes, 'sam'))).toBe(false);
      expect(filesUnder(paths.notes)).toHaveLength(13);
      expect(filesUnder(paths.data).filter((f) => f.includes('.repcoach-tmp-'))).toEqual([]);
      const { rollup } = await loadRollup(paths, await settingsOf(paths));
      expect(Object.keys(rollup.reps)).toEqual(['sam-lee']);
      expect(rollup.reps['sam-lee']?.open).toHaveLength(12);
    }
  }, 60_000);
});
