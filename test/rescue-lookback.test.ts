/**
 * The rescue mirror in the look-back commands (issues 4 and 5): `show --json`
 * and `export --format json` carry the rescue check for the manager and nothing
 * private in the rep's copy; `stats` charts the share of actions the manager
 * took on and the rescue flags per session, from figures the index stores.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { completeSession } from '../src/run/conversation.ts';
import { exportNotes } from '../src/commands/export.ts';
import { show } from '../src/commands/show.ts';
import { stats } from '../src/commands/stats.ts';
import { builtinDir, loadPlaybookFile } from '../src/playbook/load.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import type { ActionItem, Playbook } from '../src/playbook/schema.ts';
import type { OwnershipAnswer } from '../src/mirror/ledger.ts';
import { isManagerSelfCheck } from '../src/playbook/model.ts';
import type { JournalEntry } from '../src/model/journal.ts';
import { createSession } from '../src/store/store.ts';
import { openSettings } from '../src/config/settings.ts';
import type { Paths } from '../src/util/paths.ts';
import { tempDir, tempPaths } from './helpers.ts';
import { action, miniPlaybook, scriptedPrompter, startEntryFor, testContext, type TestContext } from './lookback-helpers.ts';

/** The mini playbook with a question in the manager's own voice and one private to the manager. */
const MIRROR_PB = miniPlaybook(`      - id: my_idea
        text: What did you suggest, if anything?
        voice: manager
        required: false
      - id: my_note
        text: Your own note (private)
        private: true
        required: false
`);

/** Everything that belongs to the manager alone in the session below, word for word. */
const PRIVATE = {
  note: 'PRIVATE-NOTE: I nearly took over the pricing call',
  selfCheck: 'PRIVATE-SELF-CHECK: I keep reaching for the phone',
  reason: 'PRIVATE-REASON: the Acme board meets on Friday',
  // The action as the manager first took it on: the rep's copy has it handed back, in the rep's words.
  original: 'I will call their VP myself',
  // A self-check answer, as the note shows it.
  fixFirst: 'Yes: I offered my fix first',
};

/** A run through the real runner with a prompter that knows the mirror: the ledger and the self-check are answered. */
async function runWithMirror(t: TestContext, rep: string, answers: Parameters<typeof scriptedPrompter>[0], owners: Record<string, OwnershipAnswer>, deal?: string) {
  const start = startEntryFor(MIRROR_PB, rep, t.clock.now, deal);
  const session = await createSession(t.ctx.paths, start, t.clock.now);
  const first: JournalEntry = { type: 'start', v: 1, id: session.id, ...start };
  const base = scriptedPrompter(answers);
  const ledger: string[] = [];
  const prompter = {
    ...base,
    async ownership(req: { item: { action: ActionItem } }): Promise<OwnershipAnswer> {
      ledger.push(req.item.action.id);
      const a = owners[req.item.action.id];
      if (!a) throw new Error(`unexpected ownership question for ${req.item.action.id}`);
      return a;
    },
  };
  await completeSession(t.ctx, await openSettings(t.ctx.paths), session, [first], prompter);
  return { id: session.id, ledger };
}

/** Sam's session: the manager took over two actions, handed one back, kept one as a deliberate rescue. */
async function takeoverSession() {
  const paths = tempPaths();
  const t = testContext(paths);
  const run = await runWithMirror(
    t,
    'Sam Lee',
    {
      outcome: 'Get the Acme renewal moving',
      actions: [
        action('m1', PRIVATE.original, 'manager'),
        action('m2', 'Rewrite the proposal', 'manager'),
        action('r1', 'Send the recap to Acme', 'rep', '2026-03-06'),
        action('m3', 'Approve the 10% discount', 'manager'),
      ],
      confidence: 6,
      my_idea: 'Park it with me for now.',
      my_note: PRIVATE.note,
      take_self_check: true,
      talked_more: 'me',
      fix_first: 'fix-first',
      next_step_owner: 'me',
      private_note: PRIVATE.selfCheck,
    },
    { m1: { choice: 'hand-back', what: 'Sam calls their VP' }, m2: { choice: 'rescue', reason: PRIVATE.reason } },
    'Acme renewal',
  );
  return { paths, id: run.id, ledger: run.ledger };
}

function expectNothingPrivate(text: string) {
  for (const secret of Object.values(PRIVATE)) expect(text, secret).not.toContain(secret);
}

describe('show: the rescue check as data, and a rep’s copy without it', () => {
  it('--json holds the rescue report of a session where the manager took over actions', async () => {
    const { paths, id, ledger } = await takeoverSession();
    // The ledger asked about the two takeovers, not about the discount (support) or the rep's action.
    expect(ledger).toEqual(['m1', 'm2']);

    const j = testContext(paths);
    await show(j.ctx, { session: id, json: true });
    const record = JSON.parse(j.out());
    expect(record.recordVersion).toBe(2);
    expect(record.rescue.actions).toEqual({ total: 4, rep: 2, manager: 2, both: 0, handedBack: 1, managerTookOn: 3 });
    expect(record.rescue.ledger.map((l: { original?: { what: string }; action: { what: string; owner: string }; decision: { choice: string; reason?: string } }) => [l.original?.what ?? null, l.action.what, l.action.owner, l.decision.choice, l.decision.reason ?? null])).toEqual([
      [PRIVATE.original, 'Sam calls their VP', 'rep', 'hand-back', null],
      [null, 'Rewrite the proposal', 'manager', 'rescue', PRIVATE.reason],
    ]);
    expect(record.rescue.ledger[0].findings.length).toBeGreaterThan(0);
    expect(record.rescue.flags).toBe(2);
    expect(record.rescue.selfCheck.find((l: { id: string }) => l.id === 'private_note')).toMatchObject({ answer: PRIVATE.selfCheck, skipped: false });
    expect(record.rescue.selfCheck.find((l: { id: string }) => l.id === 'fix_first').answer).toBe(PRIVATE.fixFirst);
    // The private question is in the manager's record, marked private.
    expect(record.answers.find((a: { question: string }) => a.question === 'my_note')).toMatchObject({ private: true, value: PRIVATE.note });
  });

  it('counts the manager’s own rescue phrases from settings, as the note does', async () => {
    const { paths, id } = await takeoverSession();
    const before = testContext(paths);
    await show(before.ctx, { session: id, json: true });
    expect(JSON.parse(before.out()).rescue.language).toEqual([]);

    await (await openSettings(paths)).set('rescuePhrases', ['park it with me']);
    const j = testContext(paths);
    await show(j.ctx, { session: id, json: true });
    const record = JSON.parse(j.out());
    expect(record.rescue.language.map((l: { question: string; text: string }) => [l.question, l.text])).toEqual([['my_idea', 'Park it with me for now.']]);
    expect(record.rescue.flags).toBe(3);
  });

  it('--for-rep, as JSON and as markdown, holds none of the private texts', async () => {
    const { paths, id } = await takeoverSession();
    // The manager's own copy has every one of them, so the searches below can fail.
    const all = testContext(paths);
    await show(all.ctx, { session: id, markdown: true });
    for (const secret of Object.values(PRIVATE)) expect(all.out()).toContain(secret);

    const j = testContext(paths);
    await show(j.ctx, { session: id, json: true, forRep: true });
    const repCopy = JSON.parse(j.out());
    expect(repCopy.rescue).toBeUndefined();
    expect(repCopy.journal).toBeUndefined();
    expect(repCopy.answers.map((a: { question: string }) => a.question)).not.toContain('my_note');
    expect(repCopy.actions.find((a: { id: string }) => a.id === 'm1')).toMatchObject({ what: 'Sam calls their VP', owner: 'rep' });
    expectNothingPrivate(j.out());

    const md = testContext(paths);
    await show(md.ctx, { session: id, markdown: true, forRep: true });
    expect(md.out()).toContain('Sam calls their VP');
    expect(md.out()).not.toMatch(/For the manager only|Rescue check|Self-check/i);
    expectNothingPrivate(md.out());

    const term = testContext(paths);
    await show(term.ctx, { session: id, forRep: true });
    expectNothingPrivate(term.out());
  });
});

describe('export --format json: the rescue check in the manager’s records only', () => {
  it('writes the rescue report in each record, and none of it in the rep’s copies', async () => {
    const { paths, id } = await takeoverSession();
    const out = tempDir();
    await exportNotes(testContext(paths).ctx, { sessions: [id], format: 'json', out });
    const [file] = readdirSync(path.join(out, 'sam-lee'));
    const record = JSON.parse(readFileSync(path.join(out, 'sam-lee', file ?? ''), 'utf8'));
    expect(record.rescue.actions).toMatchObject({ total: 4, handedBack: 1, managerTookOn: 3 });
    expect(record.rescue.ledger).toHaveLength(2);

    const forRep = tempDir();
    await exportNotes(testContext(paths).ctx, { sessions: [id], format: 'json', out: forRep, forRep: true });
    const repText = readFileSync(path.join(forRep, 'sam-lee', file ?? ''), 'utf8');
    expect(JSON.parse(repText).rescue).toBeUndefined();
    expectNothingPrivate(repText);

    const s = testContext(paths);
    await exportNotes(s.ctx, { sessions: [], all: true, format: 'json', stdout: true });
    expect(JSON.parse(s.out()).sessions[0].rescue.flags).toBe(2);
    const sr = testContext(paths);
    await exportNotes(sr.ctx, { sessions: [], all: true, format: 'json', stdout: true, forRep: true });
    expect(JSON.parse(sr.out()).sessions[0].rescue).toBeUndefined();
    expectNothingPrivate(sr.out());
    const mr = testContext(paths);
    await exportNotes(mr.ctx, { sessions: [], all: true, stdout: true, forRep: true });
    expectNothingPrivate(mr.out());
  });
});

describe('isManagerSelfCheck', () => {
  it.each([
    ['the built-in', { id: 'manager-self-check' }, true],
    ['a fork of it', { id: 'our-reflex-check', forkedFrom: 'manager-self-check@1.0.0' }, true],
    ['a team playbook tagged self-check', { id: 'team-mirror', tags: ['manager', 'self-check'] }, true],
    ['a coaching playbook', { id: 'stalled-deal', tags: ['deal', 'stalled'] }, false],
    ['a fork of a coaching playbook', { id: 'our-stalled', forkedFrom: 'stalled-deal@1.0.0' }, false],
  ])('%s → %s', (_name, pb, expected) => {
    expect(isManagerSelfCheck(pb)).toBe(expected);
  });
});

// stats over a small store built by hand: journals written entry by entry, so every figure is known.

const ACTIONS_PB = parsePlaybook(
  `id: actions-only
title: Actions only
description: Just the actions.
version: "1.0.0"
stages:
  - id: action
    title: Action
    goal: Next steps.
    questions:
      - id: actions
        text: What will you do?
        type: actions
`,
  'actions-only.yaml',
);

interface Planned {
  rep: string;
  date: string;
  actions: Array<[string, ActionItem['owner']]>;
  handBack?: Record<number, string>;
  finished?: boolean;
  playbook?: Playbook;
}

async function writeSession(paths: Paths, p: Planned): Promise<string> {
  const pb = p.playbook ?? ACTIONS_PB;
  const at = new Date(`${p.date}T09:00:00.000Z`);
  const session = await createSession(paths, startEntryFor(pb, p.rep, at), at);
  const iso = at.toISOString();
  await session.append({ type: 'answer', at: iso, question: 'actions', value: p.actions.map(([what, owner], i) => ({ id: `x${i}`, what, owner })) });
  for (const [i, what] of Object.entries(p.handBack ?? {})) {
    await session.append({ type: 'ownership', at: iso, question: 'actions', action: `x${i}`, choice: 'hand-back', what });
  }
  if (p.finished !== false) await session.append({ type: 'finish', at: iso });
  await session.close();
  return session.id;
}

/**
 * Per session (actions; taken on by the manager; flags): "Call their VP",
 * "Rewrite the proposal", "Call their CFO" and "Take the next call" are each a
 * possible rescue when the manager owns them; "Approve the discount" is support.
 */
async function handBuiltStore() {
  const paths = tempPaths();
  const selfCheck = (await loadPlaybookFile(path.join(builtinDir(), 'manager-self-check.yaml'), 'builtin')).playbook;
  const plan: Planned[] = [
    // 4 actions, 3 taken on, 2 flags.
    { rep: 'Sam Lee', date: '2026-01-12', actions: [['Call their VP', 'manager'], ['Rewrite the proposal', 'manager'], ['Send the recap', 'rep'], ['Approve the discount', 'manager']] },
    // 2 actions, 1 taken on and handed back, 1 flag.
    { rep: 'Sam Lee', date: '2026-02-09', actions: [['Call their CFO', 'manager'], ['Book the demo', 'rep']], handBack: { 0: 'Sam calls their CFO' } },
    // 1 action, none taken on.
    { rep: 'Sam Lee', date: '2026-03-09', actions: [['Map the buying committee', 'rep']] },
    // 1 action, taken on, 1 flag.
    { rep: 'Priya Shah', date: '2026-02-16', actions: [['Take the next call', 'manager']] },
    // No actions at all.
    { rep: 'Priya Shah', date: '2026-03-02', actions: [] },
    // Not counted: unfinished.
    { rep: 'Priya Shah', date: '2026-03-05', actions: [['Call their VP', 'manager']], finished: false },
    // Not counted: the manager's own self-check (the manager gives their own name as the rep).
    { rep: 'Jordan Fox', date: '2026-03-03', actions: [['Call their VP', 'manager'], ['Rewrite the proposal', 'manager']], playbook: selfCheck },
  ];
  for (const p of plan) await writeSession(paths, p);
  return paths;
}

describe('stats: coach or rescue over time', () => {
  const NOW = new Date('2026-03-20T10:00:00Z');

  it('gives the share the manager took on and the flags per session, per rep and overall, by hand', async () => {
    const paths = await handBuiltStore();
    const t = testContext(paths, NOW);
    await stats(t.ctx, { json: true });
    const r = JSON.parse(t.out()).rescue;
    // Counted: Sam's three sessions and Priya's two finished ones.
    // actions 4+2+1+1+0 = 8; taken on 3+1+0+1+0 = 5; still kept 3+0+0+1+0 = 4; flags 2+1+0+1+0 = 4.
    expect(r.totals).toEqual({ sessions: 5, actions: 8, managerTookOn: 5, managerKept: 4, handedBack: 1, flags: 4, share: 5 / 8, flagsPerSession: 4 / 5 });
    expect(r.selfChecks).toEqual({ sessions: 1, last: '2026-03-03' });
    expect(r.recent.map((p: { rep: string; date: string; share: number | null; flags: number }) => [p.rep, p.date, p.share, p.flags])).toEqual([
      ['Sam Lee', '2026-01-12', 3 / 4, 2],
      ['Sam Lee', '2026-02-09', 1 / 2, 1],
      ['Priya Shah', '2026-02-16', 1, 1],
      ['Priya Shah', '2026-03-02', null, 0],
      ['Sam Lee', '2026-03-09', 0, 0],
    ]);
    const month = (m: string) => r.perMonth.find((x: { month: string }) => x.month === m);
    expect(r.perMonth).toHaveLength(12);
    expect(month('2026-01')).toMatchObject({ sessions: 1, actions: 4, managerTookOn: 3, flags: 2, share: 3 / 4, flagsPerSession: 2 });
    expect(month('2026-02')).toMatchObject({ sessions: 2, actions: 3, managerTookOn: 2, flags: 2, share: 2 / 3, flagsPerSession: 1 });
    expect(month('2026-03')).toMatchObject({ sessions: 2, actions: 1, managerTookOn: 0, flags: 0, share: 0, flagsPerSession: 0 });
    expect(month('2025-12')).toMatchObject({ sessions: 0, share: null, flagsPerSession: null });

    // The manager's own self-check is nobody's rep figure.
    expect(r.reps.map((x: { name: string }) => x.name)).toEqual(['Priya Shah', 'Sam Lee']);
    const [priya, sam] = r.reps;
    expect(sam.totals).toEqual({ sessions: 3, actions: 7, managerTookOn: 4, managerKept: 3, handedBack: 1, flags: 3, share: 4 / 7, flagsPerSession: 1 });
    expect(priya.totals).toEqual({ sessions: 2, actions: 1, managerTookOn: 1, managerKept: 1, handedBack: 0, flags: 1, share: 1, flagsPerSession: 1 / 2 });
    expect(sam.recent.map((p: { flags: number }) => p.flags)).toEqual([2, 1, 0]);

    // One rep: the same figures for that rep alone.
    const one = testContext(paths, NOW);
    await stats(one.ctx, { rep: 'sam', json: true });
    const s = JSON.parse(one.out()).rescue;
    expect(s.totals).toEqual(sam.totals);
    expect(s.reps).toBeUndefined();
  });

  it('draws the trend in the terminal: by month, the last sessions, and per rep', async () => {
    const paths = await handBuiltStore();
    const t = testContext(paths, NOW);
    await stats(t.ctx, {});
    const lines = t.out().split('\n');
    const at = lines.findIndex((l) => l.startsWith('Coach or rescue'));
    expect(lines[at]).toBe('Coach or rescue  you took on 63% of 8 actions (1 handed back) · 0.8 rescue flags a session');
    // 12 months, 2025-04 to 2026-03: nine empty, then January, February, March.
    // Took on 75%, 67%, 0% on a 0-100% scale; flags 2, 1, 0 a session on a 0-2 scale.
    expect(lines[at + 1]).toBe(`  took on, by month  ${' '.repeat(9)}▆▆▁  2025-04 to 2026-03, 0-100%`);
    expect(lines[at + 2]).toBe(`  flags, by month    ${' '.repeat(9)}█▅▁  2025-04 to 2026-03, 0-2 a session`);
    // Oldest first: 75%, 50%, 100%, none (no actions), 0%; flags 2, 1, 1, 0, 0.
    expect(lines[at + 3]).toBe('  last 5 sessions   took on ▆▅█ ▁  flags █▅▅▁▁  0-2');
    expect(lines[at + 4]).toBe('  finished sessions with a rep: 5; 1 self-check of your own not counted (last 2026-03-03)');
    const table = lines.slice(at + 6, at + 9);
    expect(table[0]).toMatch(/^REP +SESSIONS +TOOK ON +FLAGS\/SESSION +TOOK ON, LAST 10 +FLAGS, LAST 10$/);
    expect(table[1]).toMatch(/^Priya Shah +2 +100% +0\.5 +█· +▅▁$/);
    expect(table[2]).toMatch(/^Sam Lee +3 +57% +1 +▆▅▁ +█▅▁$/);
    // The manager's self-check is not a rep's: not in the rescue figures (the sessions table above still lists it).
    expect(lines.slice(at).join('\n')).not.toContain('Jordan Fox');
  });

  it('says so when there is nothing to count yet', async () => {
    const paths = tempPaths();
    await writeSession(paths, { rep: 'Sam Lee', date: '2026-03-05', actions: [['Call their VP', 'manager']], finished: false });
    const t = testContext(paths, NOW);
    await stats(t.ctx, {});
    expect(t.out()).toContain('Coach or rescue  no finished sessions to count yet');
  });
});
