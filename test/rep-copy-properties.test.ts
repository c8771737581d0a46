/**
 * Property (issue 10): for any playbook (stages and questions with any mix of
 * `private`, `advice` and `voice`) and any answers, no text the manager keeps to
 * themselves reaches a rep's copy, and every shared answer does. Each answer,
 * question text, self-check note, rescue reason and commitment is a unique
 * marker; every for-rep output is made through the commands as a user runs
 * them: show --for-rep (terminal, --markdown, --json), export --for-rep
 * (--stdout markdown and json, --out), prep --agenda and export --ics --for-rep.
 * The expected reader of each question is spelled out here, apart from
 * visibleToRep, as the docs state the rule.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportNotes } from '../src/commands/export.ts';
import { prep } from '../src/commands/prep.ts';
import { show } from '../src/commands/show.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import type { AnswerValue, Playbook } from '../src/playbook/schema.ts';
import type { JournalEntry } from '../src/model/journal.ts';
import { createSession } from '../src/store/store.ts';
import type { Paths } from '../src/util/paths.ts';
import { filesUnder, tempDir, tempPaths } from './helpers.ts';
import { runSession, startEntryFor, testContext } from './lookback-helpers.ts';

const TYPES = ['text', 'long-text', 'choice', 'multi-choice', 'actions'] as const;

interface GenQuestion {
  type: (typeof TYPES)[number];
  private: boolean | undefined;
  advice: boolean;
  voice: 'rep' | 'manager';
  answered: boolean;
}
interface GenStage {
  private: boolean | undefined;
  questions: GenQuestion[];
}

const questionArb: fc.Arbitrary<GenQuestion> = fc.record({
  type: fc.constantFrom(...TYPES),
  private: fc.constantFrom(undefined, true, false),
  advice: fc.boolean(),
  voice: fc.constantFrom('rep' as const, 'manager' as const),
  answered: fc.boolean(),
});
const stageArb: fc.Arbitrary<GenStage> = fc.record({
  private: fc.constantFrom(undefined, true, false),
  questions: fc.array(questionArb, { minLength: 1, maxLength: 4 }),
});
const playbookArb = fc.array(stageArb, { minLength: 1, maxLength: 4 });

/**
 * The rule as docs/playbooks.md states it. `allDeclared`: every stage and every
 * question writes `private`, which is how sessions stored before issue 10 look,
 * so a `false` there is read as unset.
 */
function repMayRead(stage: GenStage, q: GenQuestion, allDeclared: boolean): boolean {
  if (stage.private) return false;
  if (q.private === true) return false;
  if (q.private === false && !allDeclared) return true;
  return !q.advice && q.voice === 'rep';
}

/** Unique, plain markers: no one is part of another, and markdown leaves them alone. */
const marker = (kind: string, n: number) => `mk${kind}${String(n).padStart(3, '0')}x`;

interface Built {
  yaml: string;
  playbook: Playbook;
  answers: Record<string, AnswerValue>;
  /** Texts only the manager may read, and texts the rep's copy of session 1 must show. */
  managerOnly: string[];
  shared: string[];
  /** Shared question texts, which the agenda shows too. */
  sharedQuestions: string[];
  /** Commitments with a due date: [what, shared?]. */
  commitments: Array<[string, boolean]>;
  /** Manager-owned actions in shared questions, for a deliberate-rescue decision. */
  managerActions: Array<{ question: string; action: string }>;
}

function build(stages: GenStage[]): Built {
  const out: Built = { yaml: '', playbook: undefined as unknown as Playbook, answers: {}, managerOnly: [], shared: [], sharedQuestions: [], commitments: [], managerActions: [] };
  let n = 0;
  const allDeclared = stages.every((s) => s.private !== undefined && s.questions.every((q) => q.private !== undefined));
  const pb = {
    id: 'generated',
    title: 'Generated',
    description: 'A generated playbook.',
    version: '1.0.0',
    stages: stages.map((stage, si) => {
      const title = marker('G', si);
      if (stage.private) out.managerOnly.push(title);
      return {
        id: `s${si}`,
        title,
        goal: 'A goal.',
        ...(stage.private !== undefined ? { private: stage.private } : {}),
        questions: stage.questions.map((q) => {
          const i = n++;
          const id = `q${i}`;
          const rep = repMayRead(stage, q, allDeclared);
          // Each question after the first quotes the answer before it, as {{answers.<id>}} may.
          const text = `Question ${marker('T', i)}${i > 0 ? ` after {{answers.q${i - 1}}}` : ''}?`;
          (rep ? out.shared : out.managerOnly).push(marker('T', i));
          if (rep) out.sharedQuestions.push(marker('T', i));
          const answer = marker('A', i);
          if (q.answered) {
            if (q.type === 'actions') {
              const second = marker('M', i);
              out.answers[id] = [
                { id: `a${i}`, what: answer, owner: 'rep', due: '2026-03-20' },
                { id: `m${i}`, what: second, owner: 'manager', due: '2026-03-21' },
              ];
              (rep ? out.shared : out.managerOnly).push(second);
              out.commitments.push([answer, rep], [second, rep]);
              if (rep) out.managerActions.push({ question: id, action: `m${i}` });
            } else if (q.type === 'choice') out.answers[id] = answer;
            else if (q.type === 'multi-choice') out.answers[id] = [answer];
            else out.answers[id] = `${answer} said in words`;
            (rep ? out.shared : out.managerOnly).push(answer);
          }
          return {
            id,
            text,
            type: q.type,
            required: false,
            ...(q.type === 'choice' || q.type === 'multi-choice'
              ? // The note shows the label, the JSON record the value: the marker is in both.
                { options: [{ value: answer, label: `${answer} label` }, { value: marker('B', i), label: marker('B', i) }] }
              : {}),
            ...(q.private !== undefined ? { private: q.private } : {}),
            ...(q.advice ? { advice: true } : {}),
            voice: q.voice,
          };
        }),
      };
    }),
  };
  // An option not chosen is never shown, to anyone.
  out.yaml = JSON.stringify(pb, null, 2);
  out.playbook = parsePlaybook(out.yaml, 'generated.yaml');
  return out;
}

async function writeSession(paths: Paths, b: Built): Promise<string> {
  const now = new Date('2026-03-02T09:00:00Z');
  const session = await createSession(paths, startEntryFor(b.playbook, 'Sam Lee', now, 'Acme'), now);
  const at = '2026-03-02T09:05:00.000Z';
  // As a finished run leaves it: every question answered or skipped, in order.
  const entries: JournalEntry[] = b.playbook.stages.flatMap((s) =>
    s.questions.map((q): JournalEntry => {
      const value = b.answers[q.id];
      return value === undefined ? { type: 'skip', at, question: q.id } : { type: 'answer', at, question: q.id, value };
    }),
  );
  entries.push({ type: 'self-check', at, item: 'private_note', value: `${marker('S', 0)} for me` });
  entries.push({ type: 'self-check', at, item: 'talked_more', value: 'me' });
  b.managerActions.forEach((m, i) => {
    entries.push({ type: 'ownership', at, question: m.question, action: m.action, choice: 'rescue', reason: `${marker('R', i)} strategic` });
  });
  entries.push({ type: 'finish', at });
  for (const e of entries) await session.append(e);
  await session.close();
  b.managerOnly.push(marker('S', 0), ...b.managerActions.map((_, i) => marker('R', i)), 'For the manager only', 'Rescue check', 'Self-check');
  return session.id;
}

/** Every for-rep output of a session, by the command that makes it. */
async function repOutputs(paths: Paths, id: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const variants = [
    ['show', {}],
    ['show --markdown', { markdown: true }],
    ['show --json', { json: true }],
  ] as const;
  for (const [name, opts] of variants) {
    const t = testContext(paths, new Date('2026-03-10T09:00:00Z'));
    await show(t.ctx, { session: id, forRep: true, ...opts });
    out[name] = t.out();
  }
  for (const format of ['markdown', 'json']) {
    const t = testContext(paths, new Date('2026-03-10T09:00:00Z'));
    await exportNotes(t.ctx, { sessions: [id], stdout: true, forRep: true, format });
    out[`export --stdout --format ${format}`] = t.out();
  }
  return out;
}

function missing(outputs: Record<string, string>, texts: readonly string[]): string[] {
  return Object.entries(outputs).flatMap(([name, text]) => texts.filter((t) => !text.includes(t)).map((t) => `${name} lacks ${t}`));
}
function leaked(outputs: Record<string, string>, texts: readonly string[]): string[] {
  return Object.entries(outputs).flatMap(([name, text]) => texts.filter((t) => text.includes(t)).map((t) => `${name} shows ${t}`));
}

describe("property: nothing manager-only reaches a rep's copy, everything shared does", () => {
  it('holds for any playbook and answers, in every for-rep output', async () => {
    await fc.assert(
      fc.asyncProperty(playbookArb, async (stages) => {
        const b = build(stages);
        const paths = tempPaths();
        const id = await writeSession(paths, b);

        // Session 1: the copies of its note and record.
        const first = await repOutputs(paths, id);
        expect(leaked(first, b.managerOnly)).toEqual([]);
        expect(missing(first, b.shared)).toEqual([]);

        // The manager's own note has everything (so the markers are really in the session).
        const mine = testContext(paths, new Date('2026-03-10T09:00:00Z'));
        await show(mine.ctx, { session: id, markdown: true });
        // (A playbook with a private stage brings its own self-check instead of the built-in one.)
        const ownSelfCheck = stages.some((s) => s.private);
        const expectedMine = b.managerOnly.filter((m) => m.startsWith('mk') && !m.startsWith('mkG') && !(ownSelfCheck && m.startsWith('mkS')));
        expect(missing({ mine: mine.out() }, [...b.shared, ...expectedMine])).toEqual([]);

        // Session 2 reviews session 1's commitments through the real runner: each "partly", with a lesson.
        const lessons = new Map(b.commitments.map(([what], i) => [what, marker('L', i)]));
        const t2 = testContext(paths, new Date('2026-03-09T09:00:00Z'));
        let current = '';
        const { id: second } = await runSession(t2, {
          rep: 'Sam Lee',
          playbook: b.playbook,
          answers: {
            // Some were agreed with a due date still ahead: review them all (issue 10's review asks which).
            'commitment-scope': () => ({ kind: 'answer', value: 'all' }),
            'commitment-outcome': (req) => {
              current = [...lessons.keys()].find((w) => req.text.includes(w)) ?? '';
              return { kind: 'answer', value: 'partly' };
            },
            'commitment-learned': () => ({ kind: 'answer', value: lessons.get(current) ?? 'nothing' }),
          },
        });
        const privateCommitments = b.commitments.filter(([, shared]) => !shared).flatMap(([what]) => [what, lessons.get(what) ?? '']);
        const sharedCommitments = b.commitments.filter(([, shared]) => shared).flatMap(([what]) => [what, lessons.get(what) ?? '']);
        const later = await repOutputs(paths, second);
        expect(leaked(later, [...b.managerOnly, ...privateCommitments])).toEqual([]);
        expect(missing(later, sharedCommitments)).toEqual([]);

        // export --out: the files a manager would send.
        const dir = tempDir();
        const e = testContext(paths, new Date('2026-03-10T09:00:00Z'));
        await exportNotes(e.ctx, { sessions: [], all: true, out: dir, forRep: true });
        const files = Object.fromEntries(filesUnder(dir).map((f) => [f, readFileSync(f, 'utf8')]));
        expect(Object.keys(files).length).toBe(2);
        expect(leaked(files, [...b.managerOnly, ...privateCommitments])).toEqual([]);

        // The agenda for the next one-to-one and the rep's calendar: open (partly done) commitments.
        const yaml = path.join(dir, 'generated.yaml');
        writeFileSync(yaml, b.yaml);
        const agendaFile = path.join(dir, 'agenda.md');
        const p = testContext(paths, new Date('2026-03-16T09:00:00Z'));
        await prep(p.ctx, { rep: 'Sam Lee', playbook: yaml, agenda: agendaFile });
        const ics = path.join(dir, 'rep.ics');
        const c = testContext(paths, new Date('2026-03-16T09:00:00Z'));
        await exportNotes(c.ctx, { sessions: [], all: true, ics, forRep: true });
        const sent = {
          agenda: readFileSync(agendaFile, 'utf8'),
          // Unfolded (RFC 5545 3.1), so a marker cut by a fold still counts.
          ics: readFileSync(ics, 'utf8').replace(/\r\n[ \t]/g, ''),
        };
        expect(leaked(sent, [...b.managerOnly, ...privateCommitments])).toEqual([]);
        const openShared = b.commitments.filter(([, shared]) => shared).map(([what]) => what);
        expect(missing(sent, openShared)).toEqual([]);
        expect(missing({ agenda: sent.agenda }, b.sharedQuestions)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  }, 120_000);
});
