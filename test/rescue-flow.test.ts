/**
 * A whole run with scripted answers: the ownership ledger and the self-check
 * at the end, journaled as they are made, surviving Ctrl-C and resume; and
 * the note's two parts (issue 5).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../src/util/errors.ts';
import { renderNote } from '../src/note/render.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import type { ActionItem, AnswerValue, Playbook } from '../src/playbook/schema.ts';
import type { OwnershipAnswer, OwnershipRequest } from '../src/mirror/ledger.ts';
import { rescueReport } from '../src/mirror/report.ts';
import { finishSession } from '../src/run/finish.ts';
import { foldJournal, parseJournal, type JournalEntry, type StartEntry } from '../src/model/journal.ts';
import { runQuestions, type AskRequest, type AskResult, type Prompter } from '../src/run/questions.ts';
import { createSession, type SessionHandle } from '../src/store/store.ts';
import { tempDir, tempPaths } from './helpers.ts';

const PLAYBOOK = `
id: mirror-test
title: Mirror test
description: A small playbook for the rescue mirror.
version: "1.0.0"
stages:
  - id: listening
    title: Listening
    goal: Hear the rep out.
    questions:
      - id: situation
        text: What is happening with {{deal}}?
      - id: tried
        text: What have you already tried?
        gate: inquiry
        required: false
  - id: exploring
    title: Exploring
    goal: Widen the options.
    questions:
      - id: suggestion
        text: What did you suggest?
        voice: manager
        advice: true
        required: false
      - id: hunch
        text: Your private hunch about this deal?
        private: true
        required: false
  - id: action
    title: Action
    goal: Agree the next steps.
    questions:
      - id: actions
        text: What will you do, and by when?
        type: actions
`;

const ACTIONS: ActionItem[] = [
  { id: 'a1', what: 'Call their VP', owner: 'manager', due: '2026-12-04' },
  { id: 'a2', what: 'Send the recap to Acme', owner: 'rep' },
  { id: 'a3', what: 'Approve the 10% discount', owner: 'manager' },
  { id: 'a4', what: 'Rewrite the proposal', owner: 'manager' },
];

const CTRL_C = Symbol('ctrl-c');
type Script = Record<string, AnswerValue | 'skip' | typeof CTRL_C>;

/** Answers by question id; ownership choices by action id; Ctrl-C where the script says so. */
function scripted(script: Script, owners: Record<string, OwnershipAnswer | typeof CTRL_C>, log: string[] = []): Prompter {
  const exit = () => Object.assign(new Error('User force closed the prompt'), { name: 'ExitPromptError' });
  return {
    stage: (info) => log.push(`stage ${info.stage.id}`),
    async ask(req: AskRequest): Promise<AskResult> {
      log.push(`ask ${req.question.id}`);
      const a = script[req.question.id];
      if (a === CTRL_C) throw exit();
      if (a === undefined) throw new Error(`unexpected question ${req.question.id}`);
      if (a === 'skip') return { kind: 'skip' };
      return { kind: 'answer', value: a };
    },
    recap: () => {},
    actionSummary: () => log.push('summary'),
    message: (text) => log.push(`message ${text}`),
    async ownership(req: OwnershipRequest) {
      log.push(`ownership ${req.item.action.id} ${req.index}/${req.count}`);
      const a = owners[req.item.action.id];
      if (a === CTRL_C) throw exit();
      if (!a) throw new Error(`unexpected ownership question for ${req.item.action.id}`);
      return a;
    },
  };
}

const ANSWERS: Script = {
  situation: 'Globex has gone quiet since the pricing call.',
  tried: 'Two emails and a call to the champion.',
  suggestion: "If nothing moves by Friday, I'll call their CFO myself.",
  hunch: 'PRIVATE-HUNCH: the champion has lost faith.',
  actions: ACTIONS,
  take_self_check: true,
  talked_more: 'me',
  fix_first: 'fix-first',
  next_step_owner: 'rep',
  private_note: 'PRIVATE-NOTE: stop offering to call buyers.',
};

async function start(pb: Playbook = parsePlaybook(PLAYBOOK, 'mirror-test.yaml')) {
  const paths = tempPaths();
  const clock = { t: Date.parse('2026-11-23T09:45:00Z') };
  const now = () => new Date((clock.t += 1000));
  const start: Omit<StartEntry, 'id' | 'type' | 'v'> = {
    at: now().toISOString(),
    rep: { name: 'Sam', slug: 'sam' },
    deal: 'Globex renewal',
    playbook: { id: pb.id, version: pb.version, title: pb.title, hash: 'x', source: 'file', file: 'mirror-test.yaml' },
    snapshot: pb,
  };
  const session = await createSession(paths, start, now());
  const first: JournalEntry = { type: 'start', v: 1, id: session.id, ...start };
  return { session, entries: [first], now, notesDir: tempDir() };
}

async function runAll(s: { session: SessionHandle; entries: JournalEntry[]; now: () => Date; notesDir: string }, prompter: Prompter) {
  const result = await runQuestions({ session: s.session, entries: s.entries, prompter, now: s.now });
  return finishSession({ session: s.session, entries: result.entries, notesDir: s.notesDir, prompter, now: s.now });
}

const journal = (s: { session: SessionHandle }) => parseJournal(readFileSync(s.session.file, 'utf8')).entries;

describe('the ownership ledger at the end of a run', () => {
  it('flags only the actions that take the deal over, and hands one back', async () => {
    const s = await start();
    const log: string[] = [];
    const { state, notePath } = await runAll(
      s,
      scripted(ANSWERS, { a1: { choice: 'hand-back', what: 'Sam calls their VP' }, a4: { choice: 'rescue', reason: 'Strategic account at risk' } }, log),
    );
    expect(log.filter((l) => l.startsWith('ownership'))).toEqual(['ownership a1 1/2', 'ownership a4 2/2']);
    const owned = journal(s).filter((e) => e.type === 'ownership');
    expect(owned).toMatchObject([
      { question: 'actions', action: 'a1', choice: 'hand-back', what: 'Sam calls their VP' },
      { question: 'actions', action: 'a4', choice: 'rescue', reason: 'Strategic account at risk' },
    ]);
    // The rep owns it now, in the new words; the original is kept for the report.
    const actions = state.answers.get('actions') as ActionItem[];
    expect(actions.find((a) => a.id === 'a1')).toEqual({ id: 'a1', what: 'Sam calls their VP', owner: 'rep', due: '2026-12-04' });
    const report = rescueReport(state);
    expect(report.actions).toEqual({ total: 4, rep: 2, manager: 2, both: 0, handedBack: 1, managerTookOn: 3 });
    expect(report.ledger.map((l) => [l.original?.what ?? l.action.what, l.decision?.choice])).toEqual([
      ['Call their VP', 'hand-back'],
      ['Rewrite the proposal', 'rescue'],
    ]);
    const note = readFileSync(notePath, 'utf8');
    expect(note).toContain('- [ ] Sam calls their VP — Sam, due 2026-12-04');
    expect(note).toContain('“Call their VP” (going to the buyer yourself): handed back to Sam as “Sam calls their VP”.');
    expect(note).toContain('kept as a deliberate rescue, because: Strategic account at risk.');
    // The manager's own words are checked too.
    expect(report.language.map((l) => [l.question, l.findings.map((f) => f.words)])).toEqual([['suggestion', ["I'll call their CFO myself"]]]);
    expect(note).toContain('**Rescue language in your own words:**');
  });

  it('keeps an action as support when the manager says so', async () => {
    const s = await start();
    const { state } = await runAll(s, scripted(ANSWERS, { a1: { choice: 'support' }, a4: { choice: 'support' } }));
    expect((state.answers.get('actions') as ActionItem[]).filter((a) => a.owner === 'manager').map((a) => a.id)).toEqual(['a1', 'a3', 'a4']);
    expect(renderNote(state)).toContain('“Call their VP” (going to the buyer yourself): kept as support.');
  });

  it('survives Ctrl-C between two choices: the first is on disk, resume asks only the second', async () => {
    const s = await start();
    await expect(runAll(s, scripted(ANSWERS, { a1: { choice: 'hand-back', what: 'Sam calls their VP' }, a4: CTRL_C }))).rejects.toBeInstanceOf(
      InterruptedError,
    );
    const saved = journal(s);
    expect(saved.map((e) => e.type).slice(-2)).toEqual(['ownership', 'pause']);
    expect(foldJournal(saved).status).toBe('paused');

    // Resume: a fresh prompter; only a4 is left to decide.
    const log: string[] = [];
    const resumed = [...saved, { type: 'resume', at: s.now().toISOString() } as JournalEntry];
    await s.session.append(resumed[resumed.length - 1] as JournalEntry);
    const { state } = await runAll({ ...s, entries: resumed }, scripted(ANSWERS, { a4: { choice: 'support' } }, log));
    expect(log.filter((l) => l.startsWith('ownership'))).toEqual(['ownership a4 1/1']);
    expect(state.status).toBe('done');
    expect(state.ownership?.get('a1')?.choice).toBe('hand-back');
    expect(state.ownership?.get('a4')?.choice).toBe('support');
  });

  it('survives Ctrl-C in the self-check: answers so far are kept, the rest asked on resume', async () => {
    const s = await start();
    const owners = { a1: { choice: 'support' }, a4: { choice: 'support' } } as const;
    await expect(runAll(s, scripted({ ...ANSWERS, next_step_owner: CTRL_C }, owners))).rejects.toBeInstanceOf(InterruptedError);
    const saved = journal(s);
    expect(saved.filter((e) => e.type === 'self-check').map((e) => (e.type === 'self-check' ? e.item : ''))).toEqual(['talked_more', 'fix_first']);
    const log: string[] = [];
    const { state } = await runAll({ ...s, entries: saved }, scripted(ANSWERS, owners, log));
    expect(log.filter((l) => l.startsWith('ask'))).toEqual(['ask next_step_owner', 'ask private_note']);
    expect([...(state.selfCheck?.keys() ?? [])]).toEqual(['talked_more', 'fix_first', 'next_step_owner', 'private_note']);
  });

  it('lets the manager skip the whole self-check', async () => {
    const s = await start();
    const log: string[] = [];
    const { state } = await runAll(s, scripted({ ...ANSWERS, take_self_check: false }, { a1: { choice: 'support' }, a4: { choice: 'support' } }, log));
    expect(log).not.toContain('ask talked_more');
    expect([...(state.selfCheck?.values() ?? [])]).toEqual([null, null, null, null]);
    expect(rescueReport(state).selfCheck.every((l) => l.skipped)).toBe(true);
  });

  it('asks no default self-check when the playbook has a private stage of its own', async () => {
    const pb = parsePlaybook(
      PLAYBOOK +
        `  - id: mirror
    title: My mirror
    goal: For me alone.
    private: true
    questions:
      - id: own_check
        text: Did I let them lead?
        type: yes-no
`,
      'mirror-test.yaml',
    );
    const s = await start(pb);
    const log: string[] = [];
    const { notePath } = await runAll(s, scripted({ ...ANSWERS, own_check: true }, { a1: { choice: 'support' }, a4: { choice: 'support' } }, log));
    expect(log).not.toContain('ask take_self_check');
    const note = readFileSync(notePath, 'utf8');
    const manager = note.slice(note.indexOf('## For the manager only'));
    expect(manager).toContain('### My mirror');
    expect(manager).toContain('#### Did I let them lead?');
  });
});

describe('inquiry before advice', () => {
  it('says "advice before inquiry" when the gate is skipped and advice recorded', async () => {
    const s = await start();
    const { state } = await runAll(s, scripted({ ...ANSWERS, tried: 'skip' }, { a1: { choice: 'support' }, a4: { choice: 'support' } }));
    expect(rescueReport(state).adviceBeforeInquiry).toEqual({ gate: 'tried', advice: ['suggestion'], why: 'gate-skipped' });
    expect(renderNote(state)).toMatch(/\*\*Advice before inquiry:\*\* .*“What have you already tried\?” was skipped\./);
  });

  it('says nothing when the rep was asked first', async () => {
    const s = await start();
    const { state } = await runAll(s, scripted(ANSWERS, { a1: { choice: 'support' }, a4: { choice: 'support' } }));
    expect(rescueReport(state).adviceBeforeInquiry).toBeUndefined();
    expect(renderNote(state).toLowerCase()).not.toContain('advice before inquiry');
  });

  it('notices advice answered before the gate, by answer time', async () => {
    const s = await start();
    const at = (n: number) => new Date(Date.parse('2026-11-23T10:00:00Z') + n * 1000).toISOString();
    const entries: JournalEntry[] = [
      ...s.entries,
      { type: 'answer', at: at(1), question: 'situation', value: 'Quiet.' },
      { type: 'skip', at: at(2), question: 'tried' },
      { type: 'answer', at: at(3), question: 'suggestion', value: 'Try their CFO.' },
      { type: 'answer', at: at(4), question: 'tried', value: 'Two emails.' },
    ];
    expect(rescueReport(foldJournal(entries)).adviceBeforeInquiry).toEqual({ gate: 'tried', advice: ['suggestion'], why: 'answered-earlier' });
  });
});

describe("the note's two parts", () => {
  it("keeps everything private out of the rep's copy", async () => {
    const s = await start();
    const { state, notePath } = await runAll(
      s,
      scripted(ANSWERS, { a1: { choice: 'hand-back', what: 'Sam calls their VP' }, a4: { choice: 'rescue', reason: 'REASON-PRIVATE board escalation' } }),
    );
    const full = readFileSync(notePath, 'utf8');
    const forRep = renderNote(state, { forRep: true });
    const privateBits = [
      'PRIVATE-HUNCH',
      'PRIVATE-NOTE',
      'REASON-PRIVATE',
      'For the manager only',
      'Rescue check',
      'Self-check',
      'Who did most of the talking?',
      'Did I offer my fix',
      'Whose name is on the next step?',
      'I offered my fix first',
      'Your private hunch about this deal?',
      'handed back',
      'deliberate rescue',
      'possible rescue',
    ];
    for (const bit of privateBits) expect(forRep, bit).not.toContain(bit);
    // …and all of it is in the manager's copy, after the rep's part.
    const split = full.indexOf('## For the manager only');
    expect(split).toBeGreaterThan(0);
    for (const bit of ['PRIVATE-HUNCH', 'PRIVATE-NOTE', 'REASON-PRIVATE', 'Rescue check', 'Self-check']) {
      expect(full.indexOf(bit), bit).toBeGreaterThan(split);
    }
    // The shared parts are in both.
    expect(forRep).toContain('Sam calls their VP');
    expect(forRep).toContain('Globex has gone quiet since the pricing call.');
  });
});

describe('a prompter that does not know the mirror', () => {
  it('finishes as before: no self-check asked, flagged actions left "not reviewed" in the note', async () => {
    const s = await start();
    const log: string[] = [];
    const plain = scripted(ANSWERS, {}, log);
    delete (plain as Partial<Prompter>).ownership;
    const { state, notePath } = await runAll(s, plain);
    expect(log.filter((l) => l.startsWith('ask take_self_check'))).toEqual([]);
    expect(state.status).toBe('done');
    expect(readFileSync(notePath, 'utf8')).toContain('“Call their VP” (going to the buyer yourself): not reviewed.');
  });
});
