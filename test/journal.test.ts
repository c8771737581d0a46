import { describe, expect, it } from 'vitest';
import type { AnswerValue } from '../src/playbook/schema.ts';
import fc from 'fast-check';
import { foldJournal, parseJournal, salvageJournal, serializeEntry, type JournalEntry } from '../src/model/journal.ts';
import { flowPlaybook, startEntry } from './support/session.ts';

const pb = flowPlaybook();
const start = startEntry(pb, { at: '2026-11-18T09:00:00.000Z' });
const at = (min: number, sec = 0) => new Date(Date.parse('2026-11-18T09:00:00.000Z') + min * 60_000 + sec * 1000).toISOString();
const answer = (question: string, value: AnswerValue, min: number): JournalEntry => ({ type: 'answer', at: at(min), question, value });
const text = (entries: JournalEntry[]) => entries.map(serializeEntry).join('');

const good: JournalEntry[] = [start, answer('outcome', 'A plan', 1), answer('focus', 'plan', 2), { type: 'pause', at: at(3) }];

describe('parseJournal: the start line', () => {
  const { snapshot, ...head } = start;
  const { type, v, ...others } = head;
  const line = (o: object) => JSON.stringify(o);
  const rest = serializeEntry(answer('outcome', 'A plan', 1));
  // Whatever the order and however it was written, a start line reads exactly as JSON.parse reads it.
  it.each<[string, string]>([
    ['the snapshot last, as written now', line({ ...head, snapshot })],
    ['the snapshot first', line({ snapshot, ...head })],
    ['the snapshot in the middle', line({ type, v, snapshot, ...others })],
    ['a nested key named snapshot before it', line({ ...head, rep: { ...head.rep, snapshot: { stages: [] } }, snapshot })],
    ['the snapshot twice: the last one counts', line({ ...head, snapshot: { stages: [] } }).slice(0, -1) + ',"snapshot":' + line(snapshot) + '}'],
    ['a snapshot of another playbook under the same hash', line({ ...head, snapshot: { ...snapshot, title: 'Changed' } })],
    ['text that looks like the key inside a string', line({ ...head, deal: 'x,"snapshot":{"stages":[]}', snapshot })],
  ])('%s', (_name, first) => {
    const expected = JSON.parse(first) as JournalEntry;
    // Read twice: the second time the snapshot comes from memory.
    for (let i = 0; i < 2; i++) expect(parseJournal(`${first}\n${rest}`).entries).toEqual([expected, JSON.parse(rest)]);
  });

  it('sessions of one playbook share one frozen snapshot; a different one is read anew', () => {
    const a = parseJournal(serializeEntry(start)).entries[0];
    const b = parseJournal(serializeEntry({ ...start, id: 'other' })).entries[0];
    const c = parseJournal(serializeEntry({ ...start, snapshot: { ...snapshot, title: 'Changed' } })).entries[0];
    if (a?.type !== 'start' || b?.type !== 'start' || c?.type !== 'start') throw new Error('not a start');
    expect(b.snapshot).toBe(a.snapshot);
    expect(Object.isFrozen(a.snapshot.stages[0]?.questions[0])).toBe(true);
    expect(c.snapshot.title).toBe('Changed');
    expect(a.snapshot.title).toBe(snapshot.title);
  });
});

describe('parseJournal', () => {
  it('reads every entry of a whole journal', () => {
    const read = parseJournal(text(good));
    expect(read.entries).toEqual(good);
    expect(read.damage).toBeUndefined();
    expect(read.goodLength).toBe(text(good).length);
  });

  it('an answer holding newlines, quotes and unicode stays on one line and round-trips', () => {
    const tricky = answer('outcome', 'line 1\nline 2 "quoted" \u2028 ✓ \\ {"type":"start"}', 1);
    const t = text([start, tricky]);
    expect(t.split('\n')).toHaveLength(3);
    expect(parseJournal(t).entries).toEqual([start, tricky]);
  });

  const whole = text(good);
  const lines = whole.split('\n');
  const lastLineStart = whole.length - (lines[lines.length - 2] ?? '').length - 1;
  /** The journal with its line `i` (0-based) changed. */
  const withLine = (i: number, change: (line: string) => string) => lines.map((l, j) => (j === i ? change(l) : l)).join('\n');

  it.each<[string, string, { entries: number; line?: number; torn?: boolean; reason?: string }]>([
    ['an empty file', '', { entries: 0 }],
    ['a torn tail (last line cut, no newline)', whole.slice(0, lastLineStart + 10), { entries: 3, line: 4, torn: true, reason: 'cut off' }],
    ['a tail missing only its newline', whole.slice(0, -1), { entries: 3, line: 4, torn: true }],
    ['a bad middle line', withLine(2, (l) => l.replace('"focus"', '"focus')), { entries: 2, line: 3, torn: false, reason: 'not valid JSON' }],
    ['a middle line that is not an object', withLine(2, () => '[1,2]'), { entries: 2, line: 3, torn: false, reason: 'JSON object' }],
    ['an entry of an unknown type', withLine(3, (l) => l.replace('"type":"pause"', '"type":"explode"')), { entries: 3, line: 4, reason: 'unknown entry type' }],
    ['an answer of an unknown form', withLine(2, (l) => l.replace('"value":"plan"', '"value":{"x":1}')), { entries: 2, line: 3, reason: 'unknown form' }],
    ['an answer without a question', withLine(2, (l) => l.replace('"question":"focus",', '')), { entries: 2, line: 3, reason: 'question id' }],
    ['an entry without a time', withLine(1, (l) => l.replace(/"at":"[^"]*",/, '')), { entries: 1, line: 2, reason: '"at"' }],
    ['a second start', whole + serializeEntry(start), { entries: 4, line: 5, reason: 'a second "start"' }],
    ['a first line that is not a start', text(good.slice(1)), { entries: 0, line: 1, reason: 'the first entry must be "start"' }],
    ['an unsupported journal version', whole.replace('"v":1', '"v":2'), { entries: 0, line: 1, reason: 'unsupported journal version 2' }],
    ['blank lines are skipped', whole.replace('\n', '\n\n  \n'), { entries: 4 }],
  ])('%s', (_name, input, expected) => {
    const read = parseJournal(input);
    expect(read.entries).toEqual(good.slice(0, expected.entries));
    if (expected.line === undefined) {
      expect(read.damage).toBeUndefined();
    } else {
      expect(read.damage?.line).toBe(expected.line);
      if (expected.torn !== undefined) expect(read.damage?.tornTail).toBe(expected.torn);
      if (expected.reason !== undefined) expect(read.damage?.reason).toContain(expected.reason);
    }
    // goodLength ends right after the last good entry, so a repair keeps exactly those.
    expect(parseJournal(input.slice(0, read.goodLength)).entries).toEqual(read.entries);
    expect(parseJournal(input.slice(0, read.goodLength)).damage).toBeUndefined();
  });
});

describe('foldJournal', () => {
  it('a later answer replaces an earlier one', () => {
    const s = foldJournal([start, answer('outcome', 'first', 1), answer('outcome', 'second', 2)]);
    expect(s.answers.get('outcome')).toBe('second');
    expect(s.answers.size).toBe(1);
  });

  it('a skip removes an earlier answer; a later answer removes the skip', () => {
    const skipped = foldJournal([start, answer('extra', 'x', 1), { type: 'skip', at: at(2), question: 'extra' }]);
    expect(skipped.answers.has('extra')).toBe(false);
    expect([...skipped.skipped]).toEqual(['extra']);
    const answered = foldJournal([start, { type: 'skip', at: at(1), question: 'extra' }, answer('extra', 'y', 2)]);
    expect(answered.answers.get('extra')).toBe('y');
    expect(answered.skipped.size).toBe(0);
  });

  it('a partial action list stays partial until a whole answer replaces it', () => {
    const item = { id: 'a1', what: 'Call Jo', owner: 'rep' as const };
    const partial: JournalEntry = { type: 'answer', at: at(1), question: 'actions', value: [item], partial: true };
    expect([...foldJournal([start, partial]).partial]).toEqual(['actions']);
    const s = foldJournal([start, partial, answer('actions', [item], 2)]);
    expect(s.partial.size).toBe(0);
    expect(s.answers.get('actions')).toEqual([item]);
  });

  it.each<[string, JournalEntry[], { status: string; activeMin: number }]>([
    ['just started', [], { status: 'in-progress', activeMin: 0 }],
    ['cut off by a crash: time up to the last entry', [answer('outcome', 'a', 7)], { status: 'in-progress', activeMin: 7 }],
    ['paused', [answer('outcome', 'a', 4), { type: 'pause', at: at(5) }], { status: 'paused', activeMin: 5 }],
    [
      'paused time is left out',
      [{ type: 'pause', at: at(5) }, { type: 'resume', at: at(65) }, answer('focus', 'plan', 70), { type: 'finish', at: at(72) }],
      { status: 'done', activeMin: 12 },
    ],
    [
      'two pauses',
      [
        { type: 'pause', at: at(2) },
        { type: 'resume', at: at(10) },
        { type: 'pause', at: at(13) },
        { type: 'resume', at: at(100) },
        { type: 'finish', at: at(104) },
      ],
      { status: 'done', activeMin: 9 },
    ],
    ['resumed and cut off', [{ type: 'pause', at: at(2) }, { type: 'resume', at: at(10) }, answer('focus', 'plan', 15)], { status: 'in-progress', activeMin: 7 }],
    ['a pause twice in a row counts once', [{ type: 'pause', at: at(2) }, { type: 'pause', at: at(9) }], { status: 'paused', activeMin: 2 }],
  ])('%s', (_name, rest, expected) => {
    const s = foldJournal([start, ...rest]);
    expect(s.status).toBe(expected.status);
    expect(s.activeMs).toBe(expected.activeMin * 60_000);
  });

  it('finish records the note and its time; resume records a changed playbook', () => {
    const s = foldJournal([start, { type: 'pause', at: at(1) }, { type: 'resume', at: at(2), playbookChanged: true }, { type: 'finish', at: at(3), note: '/n.md' }]);
    expect(s).toMatchObject({ status: 'done', finishedAt: at(3), notePath: '/n.md', playbookChanged: true, lastAt: at(3) });
  });

  it('refuses a journal that does not begin with start', () => {
    expect(() => foldJournal([])).toThrow();
    expect(() => foldJournal([answer('outcome', 'a', 1)])).toThrow();
  });
});

describe('salvageJournal (issue 15: one bad line must not cost the session)', () => {
  const startLine = serializeEntry(start);
  const a = serializeEntry({ type: 'answer', at: '2026-11-23T09:46:00.000Z', question: 'goal', value: 'A plan' });
  const b = serializeEntry({ type: 'answer', at: '2026-11-23T09:47:00.000Z', question: 'confidence', value: 7 });
  it.each([
    ['a garbage line in the middle', [startLine, 'garbage\n', a, b], { kept: [startLine, a, b], dropped: [2] }],
    ['a wrong entry and a second startLine', [startLine, a, '{"type":"answer"}\n', startLine, b], { kept: [startLine, a, b], dropped: [3, 4] }],
    ['a cut-off last line', [startLine, a, '{"type":"ans'], { kept: [startLine, a], dropped: [3] }],
    ['blank lines are nothing', [startLine, '\n', a], { kept: [startLine, a], dropped: [] }],
    ['a damaged startLine: nothing to save', ['{ nope\n', a, b], undefined],
  ])('%s', (_name, lines, expected) => {
    const r = salvageJournal(lines.join(''));
    expect(r === undefined ? undefined : { kept: r.lines, dropped: r.dropped }).toEqual(expected);
  });

  it('keeps exactly the good entries, in order, whatever garbage is mixed in', () => {
    const good = fc.constantFrom(a, b);
    const bad = fc.oneof(fc.constant('not json\n'), fc.constant('{"type":"answer"}\n'), fc.string().filter((x) => !x.includes('\n') && x.trim() !== '' && !x.trim().startsWith('{')).map((x) => `${x}\n`));
    fc.assert(
      fc.property(fc.array(fc.oneof(good.map((l) => ({ l, ok: true })), bad.map((l) => ({ l, ok: false }))), { maxLength: 20 }), (rest) => {
        const r = salvageJournal(startLine + rest.map((x) => x.l).join(''));
        expect(r?.lines).toEqual([startLine, ...rest.filter((x) => x.ok).map((x) => x.l)]);
        expect(r?.dropped).toEqual(rest.flatMap((x, i) => (x.ok ? [] : [i + 2])));
        // What is kept reads as a journal with no damage.
        expect(parseJournal(r?.lines.join('') ?? '').damage).toBeUndefined();
      }),
    );
  });
});
