import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { highlight } from '../src/commands/search.ts';
import { findMatches, linePrefilter, matcher, search, snippet } from '../src/report/search.ts';
import { asciiJson } from '../src/lookback/cache.ts';
import type { SearchDoc } from '../src/model/summary.ts';
import { search as searchCommand } from '../src/commands/search.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import type { AnswerValue, Playbook } from '../src/playbook/schema.ts';
import type { JournalEntry } from '../src/model/journal.ts';
import { createSession } from '../src/store/store.ts';
import type { Paths } from '../src/util/paths.ts';
import { tempPaths } from './helpers.ts';
import { startEntryFor, testContext } from './lookback-helpers.ts';

function ranges(text: string, query: string) {
  const re = matcher(query);
  return re ? findMatches(text, re) : [];
}

describe('matching', () => {
  it.each<[string, string, Array<[number, number]>]>([
    ['The champion went quiet', 'champion', [[4, 12]]],
    ['The CHAMPION, the Champion', 'champion', [[4, 12], [18, 26]]],
    ['price (list) * 2', '(list) *', [[6, 14]]],
    ['a.b.c and abc', 'a.b', [[0, 3]]],
    ['[draft] $100 ^up^ back\\slash', '$100 ^up^', [[8, 17]]],
    ['back\\slash', '\\', [[4, 5]]],
    ['what|ever', '|', [[4, 5]]],
    ['Ana Díaz, ANA DÍAZ', 'díaz', [[4, 8], [14, 18]]],
    ['one two', 'one   two', [[0, 7]]],
    ['nothing here', 'zzz', []],
    ['anything', '   ', []],
  ])('%j ~ %j → %j', (text, query, expected) => {
    expect(ranges(text, query)).toEqual(expected);
  });
});

describe('linePrefilter', () => {
  it('is undefined when no word can be looked for in escaped JSON', () => {
    expect(linePrefilter('Díaz')).toBeUndefined();
    expect(linePrefilter('"quoted"')).toBeUndefined();
    expect(linePrefilter('  ')).toBeUndefined();
  });
  it.each([
    ['champion', 'The Champion went quiet', true],
    ['champion', 'nothing', false],
    ['(list) *', 'price (list) * 2', true],
    ['ask Díaz', 'we ask Ana Díaz', true],
    // Kelvin sign and long s fold to k and s: their escaped forms must pass too.
    ['kick', 'the \u212aick-off', true],
    ['sales', '\u017fales', true],
  ])('%j passes a line holding %j: %s', (query, answer, expected) => {
    const test = linePrefilter(query);
    const line = asciiJson({ answers: [['q', answer]] });
    expect(test?.(line)).toBe(expected);
    // Never false when the real matcher finds it.
    if (ranges(answer, query).length > 0) expect(test?.(line)).toBe(true);
  });
});

describe('snippet', () => {
  it('keeps short text whole', () => {
    expect(snippet('short text', [[0, 5]], 40)).toEqual({ text: 'short text', ranges: [[0, 5]], cutStart: false, cutEnd: false });
  });
  it('cuts long text around the first match, at spaces, with the match inside', () => {
    const text = `${'lorem ipsum '.repeat(20)}the champion said no ${'dolor sit '.repeat(20)}`;
    const [first] = ranges(text, 'champion');
    const s = snippet(text, first ? [first] : [], 60);
    expect(s.cutStart && s.cutEnd).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(60);
    const [r] = s.ranges;
    expect(s.text.slice(r?.[0], r?.[1])).toBe('champion');
    expect(s.text.startsWith(' ')).toBe(false);
  });
});

describe('search', () => {
  const docs: SearchDoc[] = [
    {
      id: 's2',
      rep: { name: 'Sam Lee', slug: 'sam-lee' },
      deal: 'Acme',
      started: '2026-03-09T09:00:00Z',
      playbook: 'mini',
      questions: 'mini@1',
      answers: [
        ['outcome', 'Talk to the champion at {{rep}}'],
        ['actions', 'Call the champion'],
      ],
      learned: [['Call the CFO', 'Champions need a date']],
    },
    { id: 'a1', rep: { name: 'Ana', slug: 'ana' }, started: '2026-02-01T09:00:00Z', playbook: 'mini', questions: 'mini@1', answers: [['outcome', 'champion']], learned: [] },
  ];
  const questions = { 'mini@1': { outcome: 'What do you want, {{rep}}? ({{deal}})', actions: 'What will you do?' } };

  it('finds every matching answer with its question as asked', () => {
    const hits = search(docs, 'champion', {}, questions);
    expect(hits.map((h) => [h.session, h.question, h.questionText])).toEqual([
      ['s2', 'outcome', 'What do you want, Sam Lee? (Acme)'],
      ['s2', 'actions', 'What will you do?'],
      ['s2', 'commitment-learned', 'What did you learn? (about “Call the CFO”)'],
      ['a1', 'outcome', 'What do you want, Ana? (the deal)'],
    ]);
    // A placeholder inside an answer is text, never filled.
    expect(hits[0]?.answer).toBe('Talk to the champion at {{rep}}');
  });
  it('filters by rep and dates', () => {
    expect(search(docs, 'champion', { repSlug: 'ana' }, questions).map((h) => h.session)).toEqual(['a1']);
    expect(search(docs, 'champion', { since: '2026-03-01' }, questions).map((h) => h.session)).toEqual(['s2', 's2', 's2']);
    expect(search(docs, 'champion', { until: '2026-02-28' }, questions).map((h) => h.session)).toEqual(['a1']);
  });
});

describe('highlight', () => {
  const c = new Chalk({ level: 1 });
  it('marks each match, and nothing from the text can drive the terminal', () => {
    const text = 'evil \u001b]0;pwned\u0007 champion \u001b[2J end';
    const out = highlight(text, ranges(text, 'champion'), (s) => c.inverse(s));
    expect(out).toBe(`evil  ${c.inverse('champion')}  end`);
  });
  it('cannot be used to split an escape sequence around a match', () => {
    const text = 'x\u001b[31mred';
    const out = highlight(text, ranges(text, '31m'), (s) => `<${s}>`);
    expect(out).not.toContain('\u001b');
  });
});

describe('search over stored sessions (issue 10)', () => {
  const PLAYBOOK = `
id: conf
title: Confidence
description: A follow-up asked only when confidence is low.
version: "1.0.0"
stages:
  - id: review
    title: Review
    goal: Confidence.
    questions:
      - id: outcome
        text: What do you want from today, {{rep}}?
      - id: my_idea
        text: What idea of your own did you offer about {{deal | the deal}}?
        voice: manager
        advice: true
        required: false
      - id: secret
        text: Anything for your eyes only?
        private: true
        required: false
      - id: confidence
        text: How confident are you?
        type: scale
      - id: raise_confidence
        text: What would raise your confidence in {{answers.outcome}}, {{rep}}?
        required: false
        when: {question: confidence, lessThan: 7}
`;

  async function store(paths: Paths, pb: Playbook, at: string, rep: string, answers: Record<string, AnswerValue>, extra: JournalEntry[] = []): Promise<string> {
    const start = startEntryFor(pb, rep, new Date(at), 'Acme');
    const session = await createSession(paths, start, new Date(at));
    for (const [question, value] of Object.entries(answers)) await session.append({ type: 'answer', at, question, value });
    for (const e of extra) await session.append(e);
    await session.append({ type: 'finish', at });
    await session.close();
    return session.id;
  }

  async function found(paths: Paths, text: string) {
    const t = testContext(paths, new Date('2026-03-20T09:00:00Z'));
    await searchCommand(t.ctx, { text, json: true });
    const json = JSON.parse(t.out()) as { hits: Array<{ question: string; questionText: string; answer: string; private: boolean }> };
    const shown = testContext(paths, new Date('2026-03-20T09:00:00Z'));
    await searchCommand(shown.ctx, { text });
    return { hits: json.hits, out: shown.out() };
  }

  it.each([
    ['the session that asked it is the older one', ['2026-03-02T09:00:00Z', '2026-03-09T09:00:00Z']],
    ['the session that asked it is the newer one', ['2026-03-09T09:00:00Z', '2026-03-02T09:00:00Z']],
  ])('shows a follow-up question as asked, not its id, whichever session was indexed last (%s)', async (_what, [low, high]) => {
    const paths = tempPaths();
    const pb = parsePlaybook(PLAYBOOK, 'conf.yaml');
    await store(paths, pb, low ?? '', 'Sam Lee', { outcome: 'a plan for Acme', confidence: 4, raise_confidence: 'A call with the buyer' });
    await store(paths, pb, high ?? '', 'Sam Lee', { outcome: 'a quiet week', confidence: 9 });
    const { hits, out } = await found(paths, 'call with the buyer');
    expect(hits.map((h) => h.questionText)).toEqual(['What would raise your confidence in a plan for Acme, Sam Lee?']);
    expect(out).toContain('What would raise your confidence in a plan for Acme, Sam Lee?');
    expect(out).not.toContain('raise_confidence');
  });

  it('finds the manager’s own notes (advice, private questions, self-check, rescue reasons), marked private; shared answers are not', async () => {
    const paths = tempPaths();
    const pb = parsePlaybook(PLAYBOOK, 'conf.yaml');
    const at = '2026-03-02T09:05:00.000Z';
    await store(
      paths,
      pb,
      '2026-03-02T09:00:00Z',
      'Sam Lee',
      { outcome: 'Zebra plan', my_idea: 'Zebra: I would call the VP', secret: 'Zebra needs a stretch goal', confidence: 8 },
      [
        { type: 'self-check', at, item: 'private_note', value: 'Zebra talk went long' },
        { type: 'self-check', at, item: 'talked_more', value: 'me' },
      ],
    );
    const { hits, out } = await found(paths, 'zebra');
    expect(hits.map((h) => [h.questionText, h.answer, h.private])).toEqual([
      ['What do you want from today, Sam Lee?', 'Zebra plan', false],
      ['What idea of your own did you offer about Acme?', 'Zebra: I would call the VP', true],
      ['Anything for your eyes only?', 'Zebra needs a stretch goal', true],
      ['Anything to remember, for your eyes only?', 'Zebra talk went long', true],
    ]);
    // A choice in the self-check is found by its label, as the note shows it.
    expect((await found(paths, 'me')).hits.some((h) => h.question === 'self-check-talked_more' && h.answer === 'Me' && h.private)).toBe(true);
    expect(out.split('\n').filter((l) => l.includes('private')).length).toBe(3);
    expect(out).not.toMatch(/^ {2}What do you want from today.*private/m);
  });

  it('finds why a rescue was kept as deliberate, for the manager', async () => {
    const paths = tempPaths();
    const pb = parsePlaybook(PLAYBOOK.replace('      - id: confidence', '      - id: actions\n        text: What will you do?\n        type: actions\n      - id: confidence'), 'conf.yaml');
    const at = '2026-03-02T09:05:00.000Z';
    await store(paths, pb, '2026-03-02T09:00:00Z', 'Sam Lee', { outcome: 'x', actions: [{ id: 'a1', what: 'I will call the VP', owner: 'manager' }], confidence: 8 }, [
      { type: 'ownership', at, question: 'actions', action: 'a1', choice: 'rescue', reason: 'Strategic account, renewal at risk' },
    ]);
    const { hits } = await found(paths, 'renewal at risk');
    expect(hits.map((h) => [h.questionText, h.private])).toEqual([['Why this is a deliberate rescue (about “I will call the VP”)', true]]);
  });
});
