import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { highlight } from '../src/commands/search.ts';
import { findMatches, linePrefilter, matcher, search, snippet } from '../src/report/search.ts';
import { asciiJson } from '../src/session/index.ts';
import type { SearchDoc } from '../src/session/summary.ts';

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
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/\u001b/);
  });
});
