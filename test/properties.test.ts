/**
 * Property tests (fast-check): whole runs under any sequence of answers, backs,
 * skips and interruptions; the playbook parser under any input; the journal
 * reader under any truncation or corruption.
 */
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InterruptedError, ValidationError } from '../src/util/errors.ts';
import { inline } from '../src/note/markdown.ts';
import { referencedQuestions } from '../src/playbook/conditions.ts';
import { findPlaceholders } from '../src/playbook/placeholders.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import { optionValue, OWNERS, QUESTION_TYPES, type ActionItem, type AnswerValue, type Question } from '../src/playbook/schema.ts';
import { parseJournal, serializeEntry, type JournalEntry } from '../src/model/journal.ts';
import { runQuestions, type AskResult, type Prompter } from '../src/run/questions.ts';
import { resolvePaths } from '../src/util/paths.ts';
import { tempDir } from './helpers.ts';
import { noteAnswers, normalize, splitNote } from './support/markdown.ts';
import { ExitPromptError } from './support/prompter.ts';
import { finishAndRead, FLOW_PLAYBOOK_TEXT, flowPlaybook, newSession, resumeFromDisk, startEntry, tickingClock } from './support/session.ts';

// ---------------------------------------------------------------------------
// (a) Any sequence of answers, backs, skips and Ctrl-C + resume ends in a note
//     holding exactly the last answer given to each visible question.

const HOSTILE_SNIPPETS = ['# heading', '---', '```\ncode', '- item', '<b>x</b>', '| a | b |', '[r]: /u', 'a\r\nb', 'x\u001b[31my', '  \\  ', '1. one'];
const textArb = fc
  .oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), fc.constantFrom(...HOSTILE_SNIPPETS))
  .filter((s) => s.trim() !== '');

let itemCounter = 0;
const itemArb = fc
  .record({ what: textArb, owner: fc.constantFrom(...OWNERS), due: fc.option(fc.constantFrom('2026-11-20', '2026-12-01'), { nil: undefined }) })
  .map(({ what, owner, due }): ActionItem => ({ id: `i${++itemCounter}`, what, owner, ...(due ? { due } : {}) }));

type Move =
  | { kind: 'answer'; text: string; choice: number; scale: number; items: ActionItem[]; cutAfter: number | null }
  | { kind: 'back' }
  | { kind: 'skip' }
  | { kind: 'ctrlC' };

const moveArb: fc.Arbitrary<Move> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      text: textArb,
      choice: fc.nat(1),
      scale: fc.integer({ min: 1, max: 10 }),
      items: fc.array(itemArb, { minLength: 1, maxLength: 3 }),
      // For an action list: Ctrl-C after this many items (null: finish the list).
      cutAfter: fc.option(fc.nat(2), { nil: null }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'back' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'skip' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'ctrlC' as const }) },
);

/** Once the moves run out, every question gets this, so every run ends. */
const FINAL: Move = { kind: 'answer', text: 'final', choice: 0, scale: 8, items: [{ id: 'last', what: 'Last step', owner: 'rep' }], cutAfter: null };

/** The person: plays the moves, and remembers the last answer (or skip) given to each question. */
function movePrompter(moves: Move[], last: Map<string, AnswerValue | 'skipped'>, ctrlC: { count: number }): Prompter {
  const interrupt = () => {
    ctrlC.count++;
    return new ExitPromptError('User force closed the prompt with SIGINT');
  };
  const valueFor = (q: Question, m: Extract<Move, { kind: 'answer' }>): AnswerValue => {
    if (q.type === 'choice') return optionValue(q.options?.[m.choice] ?? 'plan');
    if (q.type === 'scale') return m.scale;
    return m.text;
  };
  return {
    stage() {},
    recap() {},
    actionSummary() {},
    message() {},
    async ask(req): Promise<AskResult> {
      const q = req.question;
      let m = moves.shift() ?? FINAL;
      if ((m.kind === 'back' && !req.canGoBack) || (m.kind === 'skip' && q.required)) m = FINAL;
      if (m.kind === 'ctrlC') throw interrupt();
      if (m.kind === 'back') return { kind: 'back' };
      if (m.kind === 'skip') {
        last.set(q.id, 'skipped');
        return { kind: 'skip' };
      }
      if (q.type !== 'actions') {
        const value = valueFor(q, m);
        last.set(q.id, value);
        return { kind: 'answer', value };
      }
      // An action list: what is already there, then each new item, saved as it is entered.
      const items: ActionItem[] = Array.isArray(req.initial) ? [...(req.initial as ActionItem[])] : [];
      const cut = m.cutAfter !== null && m.cutAfter < m.items.length ? m.cutAfter : undefined;
      for (const item of m.items.slice(0, cut)) {
        items.push(item);
        await req.savePartial?.([...items]);
      }
      if (cut !== undefined) throw interrupt();
      last.set(q.id, items);
      return { kind: 'answer', value: items };
    },
  };
}

// A note drops control and bidirectional characters (issue 15), keeping tabs and newlines.
const stripControls = (s: string) => s.replace(/\r\n?/g, '\n').replace(/(?![\t\n])[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, '');
const said = (s: string) => normalize(stripControls(asListed(s))) || '(empty)';

/**
 * Lines typed as a list read as items, without their markers (issue 10; the rules in
 * docs/note-format.md, their table tests in test/summary.test.ts): a bullet line, or
 * two or more numbered lines in a row, each followed by words.
 */
function asListed(text: string): string {
  const item = /^(?:[-*+•]|(\d{1,3})[.)])\s+(.*)$/u;
  const isItem = (l: string) => {
    const m = item.exec(l);
    return m !== null && /[\p{L}\p{N}]/u.test(m[2] ?? '') ? m : null;
  };
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .map((l, i, all) => {
      const m = isItem(l);
      if (!m) return l;
      const numbered = m[1] !== undefined;
      const neighbour = (j: number) => {
        const n = isItem(all[j] ?? '');
        return n !== null && n[1] !== undefined;
      };
      return !numbered || neighbour(i - 1) || neighbour(i + 1) ? (m[2] ?? '').trim() : l;
    })
    .join('\n');
}

/** The note the model expects: the visible questions of the flow playbook, each with its last answer. */
function expectedNote(last: Map<string, AnswerValue | 'skipped'>): Map<string, string> {
  const focus = last.get('focus');
  const confidence = last.get('confidence');
  const visible = [
    'outcome',
    'focus',
    ...(focus === 'skill' ? ['skill'] : []),
    'extra',
    'actions',
    'confidence',
    ...(typeof confidence === 'number' && confidence < 7 ? ['raise'] : []),
  ];
  const heading: Record<string, string> = {
    outcome: 'What do you want from today, Sam Lee?',
    focus: 'What kind of help?',
    skill: 'Which skill?',
    // An answer with nothing to show is woven in as the placeholder's fallback.
    extra: `Anything else about ${stripControls(String(last.get('outcome'))).trim() || '(not answered)'}?`,
    actions: 'What will you do, and by when?',
    confidence: 'How confident are you?',
    raise: 'What would move it up by one?',
  };
  const owner = (a: ActionItem) => (a.owner === 'rep' ? 'Sam Lee' : a.owner === 'both' ? 'Sam Lee and the manager' : 'the manager');
  const out = new Map<string, string>();
  for (const id of visible) {
    const v = last.get(id);
    if (v === undefined) throw new Error(`the run ended with "${id}" never answered`);
    let text: string;
    if (v === 'skipped') text = 'Skipped.';
    else if (id === 'focus') text = v === 'skill' ? 'Working on a skill' : 'Building a plan';
    else if (id === 'confidence') text = `${String(v)} / 10${v === 1 ? ' (not at all)' : v === 10 ? ' (completely)' : ''}`;
    else if (id === 'actions') {
      text = normalize((v as ActionItem[]).map((a) => `[ ] ${stripControls(a.what)} — ${owner(a)}${a.due ? `, due ${a.due}` : ''}`).join(' '));
    } else text = said(String(v));
    out.set(normalize(heading[id] ?? id), text);
  }
  return out;
}

describe('property: runs with interruptions', () => {
  const pb = flowPlaybook();

  it('any sequence of answers, backs, skips and Ctrl-C + resume ends in a note with exactly the last answers', async () => {
    const root = tempDir();
    await fc.assert(
      fc.asyncProperty(fc.array(moveArb, { maxLength: 30 }), async (moves) => {
        const paths = resolvePaths({ REPCOACH_HOME: mkdtempSync(path.join(root, 'run-')) });
        const now = tickingClock();
        const last = new Map<string, AnswerValue | 'skipped'>();
        const queue = [...moves];
        const ctrlC = { count: 0 };
        const { session, entries } = await newSession(paths, pb);
        let result: Awaited<ReturnType<typeof runQuestions>> | undefined;
        let interruptions = 0;
        while (!result) {
          try {
            const prompter = movePrompter(queue, last, ctrlC);
            result = interruptions === 0 ? await runQuestions({ session, entries, prompter, now }) : (await resumeFromDisk(session.file, prompter, now)).result;
          } catch (err) {
            if (!(err instanceof InterruptedError)) throw err;
            interruptions++;
          }
        }
        // Every Ctrl-C paused the session on disk, and nothing else did.
        expect(interruptions).toBe(ctrlC.count);
        expect(result.entries.filter((e) => e.type === 'pause')).toHaveLength(ctrlC.count);
        const { note } = await finishAndRead(paths, session, result.entries, now);
        expect((splitNote(note).front as { status: string }).status).toBe('done');
        const got = new Map([...noteAnswers(note)].map(([q, a]) => [normalize(q), a]));
        expect(got).toEqual(expectedNote(last));
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});

// ---------------------------------------------------------------------------
// (b) parsePlaybook returns a Playbook or throws a ValidationError, nothing else.

function parsesOrValidationError(text: string): void {
  try {
    parsePlaybook(text, 'fuzz.yaml');
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    expect(err.problems.length).toBeGreaterThan(0);
    for (const p of err.problems) {
      expect(p.file).toBe('fuzz.yaml');
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.column).toBeGreaterThanOrEqual(1);
      expect(p.message).not.toBe('');
    }
  }
}

/** Playbook-shaped values: the right keys (and a few wrong ones) with values of any kind, nested as a playbook is. */
const keyOf = (keys: string[]) => fc.constantFrom(...keys, 'unknown', '__proto__', 'constructor');
const ids = fc.constantFrom('q1', 'q2', 'q3', 's1', 'nope', '1bad', '');
const leaf = fc.oneof(fc.anything({ maxDepth: 1 }), ids, fc.constantFrom(...QUESTION_TYPES, '{{rep}}', '{{answers.q2}}', '{{x}}', '1.0.0'));
const condition: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small' },
    fc.dictionary(keyOf(['question', 'equals', 'in', 'lessThan', 'greaterThan', 'answered']), fc.oneof(leaf, ids), { maxKeys: 3 }),
    fc.record({ all: fc.array(tie('cond'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('cond'), { maxLength: 3 }) }),
    fc.record({ not: tie('cond') }),
  ),
})).cond;
const question = fc.dictionary(
  keyOf(['id', 'text', 'type', 'required', 'default', 'help', 'options', 'min', 'max', 'labels', 'when', 'voice', 'private']),
  fc.oneof(leaf, ids, condition, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.constantFrom('1', '5', '10', '11', 'x'), leaf)),
  { maxKeys: 8 },
);
const stage = fc.dictionary(keyOf(['id', 'title', 'letter', 'goal', 'tip', 'when', 'private', 'questions']), fc.oneof(leaf, ids, condition, fc.array(question, { maxLength: 4 })), {
  maxKeys: 8,
});
const playbookish = fc.record(
  {
    id: fc.oneof(fc.constant('fuzz'), leaf),
    title: fc.oneof(fc.constant('T'), leaf),
    description: fc.oneof(fc.constant('D'), leaf),
    version: fc.oneof(fc.constant('1.0.0'), leaf),
    stages: fc.array(stage, { maxLength: 3 }),
    extra: leaf,
  },
  { requiredKeys: ['stages'] },
);

/** Playbooks with the right shape and random ids, conditions and placeholders: many pass, many fail on cross-references. */
const qid = fc.constantFrom('q1', 'q2', 'q3', 'q4', 'q5');
const conditionTest = fc.oneof(
  fc.record({ question: qid, answered: fc.boolean() }),
  fc.record({ question: qid, equals: fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean()) }),
  fc.record({ question: qid, lessThan: fc.integer() }),
  fc.record({ question: qid, in: fc.array(fc.integer(), { minLength: 1, maxLength: 3 }) }),
);
const wellFormedCondition: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small' },
    conditionTest,
    fc.record({ all: fc.array(tie('cond'), { minLength: 1, maxLength: 2 }) }),
    fc.record({ any: fc.array(tie('cond'), { minLength: 1, maxLength: 2 }) }),
    fc.record({ not: tie('cond') }),
  ),
})).cond;
/** Mostly absent, so that whole playbooks often pass. */
const sometimes = <T>(arb: fc.Arbitrary<T>, weight: number) =>
  fc.oneof({ weight: 4 - weight, arbitrary: fc.constant(undefined) }, { weight, arbitrary: arb });
const wellFormedQuestion = fc.record({
  text: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom('Why?', 'About {{deal}}?', 'Hi {{rep}}', 'For {{manager | you}}?') },
    { weight: 1, arbitrary: fc.constantFrom('You said {{answers.q1}}.', 'And {{answers.q3 | that}}?') },
  ),
  type: fc.constantFrom('text', 'long-text', 'yes-no', 'number', 'scale'),
  required: fc.boolean(),
  when: sometimes(wellFormedCondition, 1),
});
const wellFormedStage = fc.record({
  title: fc.constant('Stage'),
  goal: fc.oneof({ weight: 6, arbitrary: fc.constant('Go.') }, { weight: 1, arbitrary: fc.constant('With {{answers.q2}}.') }),
  when: sometimes(wellFormedCondition, 1),
  questions: fc.array(wellFormedQuestion, { minLength: 1, maxLength: 4 }),
});
const wellFormed = fc
  .tuple(fc.array(wellFormedStage, { minLength: 1, maxLength: 3 }), sometimes(fc.constant(true), 1), sometimes(fc.constant(true), 1))
  .map(([stages, reuseStageId, reuseQuestionId]) => {
    // Ids in order (q1, q2, ...), so conditions on q1..q5 are sometimes earlier, sometimes later or unknown.
    let n = 0;
    return {
      id: 'fuzz',
      title: 'Fuzz',
      description: 'D',
      version: '1.0.0',
      stages: stages.map((st, i) => ({
        id: reuseStageId && i > 0 ? 's1' : `s${i + 1}`,
        ...st,
        questions: st.questions.map((q) => {
          n++;
          return { id: reuseQuestionId && n === 3 ? 'q1' : `q${n}`, ...q };
        }),
      })),
    };
  });

describe('property: parsePlaybook never throws anything but ValidationError', () => {
  it.each<[string, fc.Arbitrary<string>]>([
    ['arbitrary text', fc.string({ maxLength: 300 })],
    ['arbitrary code points', fc.string({ unit: 'binary', maxLength: 200 })],
    ['arbitrary values as YAML', fc.anything().map((v) => stringify(v) ?? '')],
    ['playbook-shaped values as YAML', playbookish.map((v) => stringify(v))],
    ['playbook-shaped values as flow YAML', playbookish.map((v) => stringify(v, { collectionStyle: 'flow' }))],
    ['well-formed playbooks as YAML', wellFormed.map((v) => stringify(v))],
    [
      'the flow playbook with characters changed',
      fc
        .array(fc.tuple(fc.nat(FLOW_PLAYBOOK_TEXT.length), fc.nat(3), fc.constantFrom(' ', '\n', ':', '-', '{', '}', '[', '&a', '*a', '!!', '#', '"', '\t', 'x')), {
          minLength: 1,
          maxLength: 5,
        })
        .map((edits) => {
          let t = FLOW_PLAYBOOK_TEXT;
          for (const [at, del, ins] of edits) t = t.slice(0, at) + ins + t.slice(at + del);
          return t;
        }),
    ],
  ])('%s', (_name, arb) => {
    fc.assert(fc.property(arb, parsesOrValidationError), { numRuns: 300 });
  });

  it('well-formed playbooks that pass have unique ids, and conditions and placeholders that only look back', () => {
    let passed = 0;
    fc.assert(
      fc.property(wellFormed, (v) => {
        let pb;
        try {
          pb = parsePlaybook(stringify(v), 'fuzz.yaml');
        } catch (err) {
          if (err instanceof ValidationError) return;
          throw err;
        }
        passed++;
        const earlier = new Set<string>();
        const looksBack = (ids: string[]) => ids.every((id) => earlier.has(id));
        const answerIds = (text: string) => findPlaceholders(text).flatMap((r) => (r.answerId ? [r.answerId] : []));
        const stageIds = new Set<string>();
        for (const s of pb.stages) {
          expect(stageIds.has(s.id)).toBe(false);
          stageIds.add(s.id);
          expect(looksBack(s.when ? referencedQuestions(s.when) : [])).toBe(true);
          expect(looksBack(answerIds(s.goal))).toBe(true);
          const inStage: string[] = [];
          for (const q of s.questions) {
            // Within a stage, a question may use the questions before it.
            const before = new Set([...earlier, ...inStage]);
            expect([...(q.when ? referencedQuestions(q.when) : []), ...answerIds(q.text)].every((id) => before.has(id))).toBe(true);
            expect(before.has(q.id)).toBe(false);
            inStage.push(q.id);
          }
          for (const id of inStage) earlier.add(id);
        }
      }),
      { numRuns: 1000 },
    );
    // The generator must reach the checks, not just produce errors.
    expect(passed).toBeGreaterThan(50);
  });
});

// ---------------------------------------------------------------------------
// (c) parseJournal under truncation and corruption.

const pb = flowPlaybook();
const answerValue: fc.Arbitrary<AnswerValue> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  fc.array(itemArb, { minLength: 1, maxLength: 2 }),
);
const at = fc.integer({ min: Date.parse('2026-01-01'), max: Date.parse('2027-01-01') }).map((t) => new Date(t).toISOString());
const entryArb: fc.Arbitrary<JournalEntry> = fc.oneof(
  fc.record({ type: fc.constant('answer' as const), at, question: fc.constantFrom('outcome', 'focus', 'extra', 'actions'), value: answerValue }),
  fc.record({ type: fc.constant('skip' as const), at, question: fc.constantFrom('extra', 'raise') }),
  fc.record({ type: fc.constant('pause' as const), at }),
  fc.record({ type: fc.constant('resume' as const), at }),
);
const journalArb = fc
  .array(entryArb, { maxLength: 12 })
  .map((rest) => [startEntry(pb, { rep: 'Zoë 王伟', deal: 'Acme\n"quoted"' }), ...rest])
  .map((entries) => {
    const bytes = Buffer.from(entries.map(serializeEntry).join(''), 'utf8');
    // What a reader can get back: the entries as JSON gives them.
    return { bytes, entries: entries.map((e) => JSON.parse(serializeEntry(e)) as JournalEntry) };
  });

/** How many whole lines (newline included) lie in bytes[0, end). */
const wholeLines = (bytes: Buffer, end: number) => bytes.subarray(0, end).filter((b) => b === 0x0a).length;

describe('property: parseJournal', () => {
  it('reads back every entry of a whole journal', () => {
    fc.assert(
      fc.property(journalArb, ({ bytes, entries }) => {
        const read = parseJournal(bytes.toString('utf8'));
        expect(read.damage).toBeUndefined();
        expect(read.entries).toEqual(entries);
      }),
      { numRuns: 200 },
    );
  });

  it('given any truncation, keeps every complete entry before the cut, and reports a torn tail', () => {
    fc.assert(
      fc.property(
        journalArb.chain((j) => fc.tuple(fc.constant(j), fc.nat(j.bytes.length))),
        ([{ bytes, entries }, cut]) => {
          const text = bytes.subarray(0, cut).toString('utf8');
          const read = parseJournal(text);
          const complete = wholeLines(bytes, cut);
          expect(read.entries).toEqual(entries.slice(0, complete));
          const atLineEnd = cut === 0 || bytes[cut - 1] === 0x0a;
          expect(read.damage === undefined).toBe(atLineEnd);
          if (!atLineEnd) expect(read.damage).toMatchObject({ line: complete + 1, tornTail: true });
          // Dropping the torn tail leaves a journal that reads cleanly, with the same entries.
          const repaired = parseJournal(text.slice(0, read.goodLength));
          expect(repaired.damage).toBeUndefined();
          expect(repaired.entries).toEqual(read.entries);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('given random byte corruption, keeps every complete entry before the first damaged line', () => {
    fc.assert(
      fc.property(
        journalArb.chain((j) =>
          fc.tuple(fc.constant(j), fc.array(fc.tuple(fc.nat(j.bytes.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 })),
        ),
        ([{ bytes, entries }, hits]) => {
          const damaged = Buffer.from(bytes);
          for (const [pos, value] of hits) damaged[pos] = value;
          const first = hits.map(([pos]) => pos).reduce((a, b) => Math.min(a, b));
          const intact = wholeLines(bytes, first);
          const read = parseJournal(damaged.toString('utf8'));
          expect(read.entries.length).toBeGreaterThanOrEqual(intact);
          expect(read.entries.slice(0, intact)).toEqual(entries.slice(0, intact));
          const repaired = parseJournal(damaged.toString('utf8').slice(0, read.goodLength));
          expect(repaired.entries).toEqual(read.entries);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('inline escaping', () => {
  // The plain three passes inline() skips when a look finds nothing to do.
  const threePasses = (t: string) => t.replace(/[\r\n]+/g, ' ').replace(/(?![\t\n])\p{Cc}/gu, '').trim().replace(/[\\`*_[\]<>#|~&!]/g, (c) => `\\${c}`);
  const tricky = fc.constantFrom(...'\r\n\t\u0000\u001b\u0085\u00a0\u2028 *_`[]<>#|~&!\\abc é'.split(''));
  it('gives what the three passes give, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.array(tricky).map((xs) => xs.join(''))), (t) => {
        expect(inline(t)).toBe(threePasses(t));
      }),
      { numRuns: 2000 },
    );
  });
});
