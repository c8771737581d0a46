/**
 * The rep's copy (issue 10): every question declares who may read its answer
 * (visibleToRep, docs/playbooks.md "Who reads an answer"), and nothing the
 * manager keeps to themselves reaches `show --for-rep` or `export --for-rep`.
 */
import { describe, expect, it } from 'vitest';
import { exportNotes } from '../src/commands/export.ts';
import { show } from '../src/commands/show.ts';
import { Chalk } from 'chalk';
import { outlinePlaybook } from '../src/playbook/outline.ts';
import { visibleToRep, withDeclaredPrivacy } from '../src/playbook/model.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import type { Playbook } from '../src/playbook/schema.ts';
import type { JournalEntry } from '../src/model/journal.ts';
import { createSession } from '../src/store/store.ts';
import type { Paths } from '../src/util/paths.ts';
import { tempPaths } from './helpers.ts';
import { startEntryFor, testContext } from './lookback-helpers.ts';

describe('visibleToRep: who may read an answer', () => {
  it.each<[string, { private?: boolean }, { private?: boolean; advice?: boolean; voice?: string }, boolean]>([
    ['a rep question', {}, { voice: 'rep' }, true],
    ['a question with no flags', {}, {}, true],
    ['private: true', {}, { private: true }, false],
    ['private: false', {}, { private: false }, true],
    ['the manager’s own idea (advice)', {}, { advice: true, voice: 'manager' }, false],
    ['advice in the rep’s voice', {}, { advice: true }, false],
    ['advice shared on purpose', {}, { advice: true, voice: 'manager', private: false }, true],
    ['the manager’s own words', {}, { voice: 'manager' }, false],
    ['the manager’s words shared on purpose', {}, { voice: 'manager', private: false }, true],
    ['a private stage', { private: true }, {}, false],
    ['a private stage wins over private: false', { private: true }, { private: false }, false],
    ['a stage that is not private', { private: false }, { voice: 'rep' }, true],
  ])('%s', (_what, stage, question, expected) => {
    expect(visibleToRep(stage, question)).toBe(expected);
  });
});

describe('withDeclaredPrivacy: sessions stored before `private` was optional', () => {
  const q = (id: string, extra: { private?: boolean; advice?: boolean; voice?: string }) => ({ id, text: id, ...extra });
  it('drops the old default `private: false` when every stage and question carries the key', () => {
    const old = { stages: [{ private: false, questions: [q('a', { private: false, voice: 'rep' }), q('b', { private: false, voice: 'manager', advice: true }), q('c', { private: true })] }] };
    const read = withDeclaredPrivacy(old);
    const [a, b, c] = read.stages[0]?.questions ?? [];
    expect([a && visibleToRep({}, a), b && visibleToRep({}, b), c && visibleToRep({}, c)]).toEqual([true, false, false]);
    // Read once per stored snapshot.
    expect(withDeclaredPrivacy(old)).toBe(read);
  });
  it.each([
    ['a question', { stages: [{ private: false, questions: [q('a', { voice: 'rep' }), q('b', { private: false, voice: 'manager', advice: true })] }] }],
    ['a stage', { stages: [{ questions: [q('a', { private: true }), q('b', { private: false, voice: 'manager', advice: true })] }] }],
  ])('keeps a `private: false` written in a playbook where %s leaves the key out', (_what, pb) => {
    expect(withDeclaredPrivacy(pb)).toBe(pb);
  });
});

/** A playbook with an advice question, a manager-voice one and a private one, none with `private` unless said. */
const PLAYBOOK = `
id: leak
title: Leak test
description: A playbook for the rep's copy.
version: "1.0.0"
stages:
  - id: listening
    title: Listening
    goal: Listen.
    questions:
      - id: tried
        text: What have you already tried, {{rep}}?
        gate: inquiry
      - id: my_idea
        text: If you added an idea of your own, what was it?
        voice: manager
        advice: true
        required: false
      - id: my_words
        text: What did you notice in yourself?
        voice: manager
        required: false
      - id: shared_idea
        text: Which idea of yours did you agree to share?
        voice: manager
        advice: true
        private: false
        required: false
      - id: secret
        text: Anything for your eyes only?
        private: true
        required: false
  - id: action
    title: Action
    goal: Next steps.
    questions:
      - id: actions
        text: What will you do, and by when?
        type: actions
`;

const ANSWERS: Record<string, unknown> = {
  tried: 'Rang the champion twice',
  my_idea: 'Told Sam: send me the thread and I will call the VP',
  my_words: 'I wanted to jump in',
  shared_idea: 'Try the CFO’s assistant',
  secret: 'Sam needs a stretch goal',
  actions: [
    { id: 'a1', what: 'Email the champion', owner: 'rep', due: '2026-03-09' },
    { id: 'a2', what: 'I will call the VP myself', owner: 'manager', due: '2026-03-05' },
  ],
};
const MANAGER_ONLY = ['Strategic account at risk', 'send me the thread', 'I wanted to jump in', 'Sam needs a stretch goal', 'If you added an idea of your own', 'What did you notice in yourself', 'Anything for your eyes only', 'deliberate rescue', 'For the manager only'];
const SHARED = ['Rang the champion twice', 'Try the CFO’s assistant', 'Email the champion'];

/** A finished session of `pb` with ANSWERS, written as a journal; `snapshot` replaces the stored playbook. */
async function stored(paths: Paths, pb: Playbook, snapshot: unknown = pb): Promise<string> {
  const now = new Date('2026-03-02T09:00:00Z');
  const start = { ...startEntryFor(pb, 'Sam Lee', now, 'Acme'), snapshot: snapshot as Playbook };
  const session = await createSession(paths, start, now);
  const at = '2026-03-02T09:05:00.000Z';
  const entries: JournalEntry[] = [
    ...Object.entries(ANSWERS).map(([question, value]) => ({ type: 'answer' as const, at, question, value: value as never })),
    { type: 'ownership', at, question: 'actions', action: 'a2', choice: 'rescue', reason: 'Strategic account at risk' },
    { type: 'self-check', at, item: 'private_note', value: 'Sam needs a stretch goal' },
    { type: 'finish', at },
  ];
  for (const e of entries) await session.append(e);
  await session.close();
  return session.id;
}

async function repCopies(paths: Paths, id: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, opts] of [
    ['show', {}],
    ['show --markdown', { markdown: true }],
    ['show --json', { json: true }],
  ] as const) {
    const t = testContext(paths);
    await show(t.ctx, { session: id, forRep: true, ...opts });
    out[name] = t.out();
  }
  for (const format of ['markdown', 'json']) {
    const t = testContext(paths);
    await exportNotes(t.ctx, { sessions: [id], stdout: true, forRep: true, format });
    out[`export --format ${format}`] = t.out();
  }
  return out;
}

function leaks(outputs: Record<string, string>, texts: readonly string[]): string[] {
  return Object.entries(outputs).flatMap(([name, text]) => texts.filter((t) => text.includes(t) || text.includes(JSON.stringify(t).slice(1, -1))).map((t) => `${name}: ${t}`));
}

describe("the rep's copy of a session", () => {
  it('leaves out the manager’s own idea, own words, private notes and self-check, and keeps what is shared', async () => {
    const paths = tempPaths();
    const id = await stored(paths, parsePlaybook(PLAYBOOK, 'leak.yaml'));
    const copies = await repCopies(paths, id);
    expect(leaks(copies, MANAGER_ONLY)).toEqual([]);
    for (const [name, text] of Object.entries(copies)) for (const s of SHARED) expect(text.includes(s) || text.includes(JSON.stringify(s).slice(1, -1)), `${name}: ${s}`).toBe(true);

    // The manager's own copy still has all of it.
    const t = testContext(paths);
    await show(t.ctx, { session: id, markdown: true });
    for (const s of ['Strategic account at risk', 'send me the thread', 'I wanted to jump in', 'Sam needs a stretch goal', ...SHARED]) expect(t.out()).toContain(s);
  });

  it('is just as safe for a session stored with the old default `private: false` on every question', async () => {
    const paths = tempPaths();
    const pb = parsePlaybook(PLAYBOOK, 'leak.yaml');
    // What sessions stored before issue 10: the schema wrote `private: false` wherever the playbook did not say.
    const old = { ...pb, stages: pb.stages.map((s) => ({ ...s, private: s.private ?? false, questions: s.questions.map((q) => ({ ...q, private: q.private ?? false })) })) };
    const id = await stored(paths, pb, old);
    const copies = await repCopies(paths, id);
    // shared_idea said `private: false`, but in an old snapshot that cannot be told from the default: kept back too.
    expect(leaks(copies, MANAGER_ONLY)).toEqual([]);
    expect(leaks(copies, ['Rang the champion twice', 'Email the champion']).length).toBe(copies ? Object.keys(copies).length * 2 : 0);
  });

  it('gathers the manager-only answers of several stages under one "Private notes" heading in the manager’s note', async () => {
    const paths = tempPaths();
    const pb = parsePlaybook(`${PLAYBOOK}      - id: own_check\n        text: Your own check?\n        voice: manager\n        required: false\n`, 'leak.yaml');
    const id = await stored(paths, pb);
    const t = testContext(paths);
    await show(t.ctx, { session: id, markdown: true });
    expect(t.out().match(/^### Private notes$/gm)).toHaveLength(1);
    expect(t.out().indexOf('#### If you added an idea of your own')).toBeGreaterThan(t.out().indexOf('### Private notes'));
  });

  it('`playbook show` marks each question the rep may not read as private', () => {
    const lines = outlinePlaybook(parsePlaybook(PLAYBOOK, 'leak.yaml'), { source: 'file', file: 'leak.yaml' }, new Chalk({ level: 0 }));
    const traits = (id: string) => lines.find((l) => l.includes(`. ${id}  `)) ?? '';
    expect(['tried', 'my_idea', 'my_words', 'shared_idea', 'secret'].map((id) => traits(id).endsWith('private'))).toEqual([false, true, true, false, true]);
  });
});
