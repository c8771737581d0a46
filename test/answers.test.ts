import { describe, expect, it } from 'vitest';
import { parsePlaybook } from '../src/playbook/parse.ts';
import type { Question } from '../src/playbook/schema.ts';
import { checkAnswer, checkNumber, isPastDue, parseDue } from '../src/model/answers.ts';
import { isoDate, localMinute } from '../src/util/dates.ts';

// Wednesday 2026-11-18, local time.
const TODAY = new Date(2026, 10, 18, 15, 30);

describe('parseDue', () => {
  it.each<[string, string | undefined]>([
    ['', undefined],
    ['   ', undefined],
    ['2026-12-01', '2026-12-01'],
    [' 2026-12-01 ', '2026-12-01'],
    ['2028-02-29', '2028-02-29'],
    ['today', '2026-11-18'],
    ['Today', '2026-11-18'],
    ['tomorrow', '2026-11-19'],
    ['next week', '2026-11-25'],
    ['+3d', '2026-11-21'],
    ['3d', '2026-11-21'],
    ['+1 day', '2026-11-19'],
    ['+14 days', '2026-12-02'],
    ['+2w', '2026-12-02'],
    ['1 week', '2026-11-25'],
    ['friday', '2026-11-20'],
    ['fri', '2026-11-20'],
    ['FRIDAY', '2026-11-20'],
    // The same weekday as today means the next one, a week away.
    ['wednesday', '2026-11-25'],
    ['monday', '2026-11-23'],
    ['sunday', '2026-11-22'],
    ['+45d', '2027-01-02'],
    // Issue 10: the words the prompt suggests, read with forward dates (no year: the next one).
    ['next friday', '2026-11-27'],
    ['Next Friday', '2026-11-27'],
    ['dec 1', '2026-12-01'],
    ['December 1st', '2026-12-01'],
    ['nov 1', '2027-11-01'],
    ['in 2 weeks', '2026-12-02'],
    ['in 3 days', '2026-11-21'],
    ['next month', '2026-12-18'],
    ['end of month', '2026-11-30'],
    ['tuesday.', '2026-11-24'],
  ])('%j → %s', async (input, expected) => {
    expect(await parseDue(input, TODAY)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, string]>([
    ['2026-02-30', 'not a date in the calendar'],
    ['2026-13-01', 'not a date in the calendar'],
    ['2027-02-29', 'not a date in the calendar'],
    ['fr', 'Use a date like'],
    ['+1000d', 'Use a date like'],
    ['-3d', 'Use a date like'],
    ['soon', 'Use a date like'],
    // The whole text must be a date, not a sentence that holds one.
    ['call jo friday', 'Use a date like'],
    ['friday or monday', 'Use a date like'],
  ])('%j is refused: %s', async (input, fragment) => {
    const r = await parseDue(input, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(fragment);
  });

  it('crosses a month end and a daylight-saving change by calendar days', async () => {
    expect(await parseDue('+1d', new Date(2026, 2, 28, 23, 59))).toEqual({ ok: true, value: '2026-03-29' });
    expect(await parseDue('+1w', new Date(2026, 9, 25, 0, 1))).toEqual({ ok: true, value: '2026-11-01' });
  });

  it('a date in the past parses (the prompt asks, a file refuses); isPastDue tells it apart', async () => {
    expect(await parseDue('2026-10-18', TODAY)).toEqual({ ok: true, value: '2026-10-18' });
    expect(isPastDue('2026-10-18', TODAY)).toBe(true);
    expect(isPastDue('2026-11-17', TODAY)).toBe(true);
    expect(isPastDue('2026-11-18', TODAY)).toBe(false);
    expect(isPastDue('2026-11-19', TODAY)).toBe(false);
  });

  it('localMinute is the local date and time, whatever the time zone', () => {
    const tz = process.env['TZ'];
    try {
      process.env['TZ'] = 'Pacific/Auckland';
      expect(localMinute('2026-01-05T10:30:00.000Z')).toBe('2026-01-05 23:30');
      process.env['TZ'] = 'America/Los_Angeles';
      expect(localMinute('2026-01-05T10:30:00.000Z')).toBe('2026-01-05 02:30');
    } finally {
      if (tz === undefined) delete process.env['TZ'];
      else process.env['TZ'] = tz;
    }
  });

  it('isoDate is the local date', () => {
    expect(isoDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

const pb = parsePlaybook(
  `
id: types
title: Every type
description: A fixture.
version: "1.0.0"
stages:
  - id: s
    title: Stage
    goal: Go.
    questions:
      - {id: text, text: Q}
      - {id: long, text: Q, type: long-text}
      - {id: choice, text: Q, type: choice, options: [{value: plan, label: Building a plan}, skill, {value: 3}]}
      - {id: multi, text: Q, type: multi-choice, options: [listening, closing, prospecting]}
      - {id: yesno, text: Q, type: yes-no}
      - {id: number, text: Q, type: number, min: 0}
      - {id: scale, text: Q, type: scale}
      - {id: actions, text: Q, type: actions}
`,
  'types.yaml',
);
const question = (id: string): Question => {
  const q = pb.stages[0]?.questions.find((x) => x.id === id);
  if (!q) throw new Error(id);
  return q;
};
const newId = () => 'id1';

describe('checkAnswer (answers files)', () => {
  it.each<[string, unknown, unknown]>([
    ['text', 'Leave with a plan', 'Leave with a plan'],
    ['text', 42, '42'],
    ['long', 'two\nlines', 'two\nlines'],
    ['choice', 'plan', 'plan'],
    ['choice', 'PLAN', 'plan'],
    ['choice', 'Building a plan', 'plan'],
    ['choice', 'skill', 'skill'],
    ['choice', 3, '3'],
    ['choice', '3', '3'],
    ['multi', ['closing', 'listening'], ['closing', 'listening']],
    ['multi', 'closing', ['closing']],
    ['multi', ['closing', 'Closing'], ['closing']],
    ['multi', [], []],
    ['yesno', true, true],
    ['yesno', false, false],
    ['yesno', 'yes', true],
    ['yesno', ' N ', false],
    ['number', 12.5, 12.5],
    ['number', '7', 7],
    ['number', 0, 0],
    ['scale', 1, 1],
    ['scale', 10, 10],
    ['scale', ' 6 ', 6],
    ['actions', [], []],
    ['actions', ['Call Jo'], [{ id: 'id1', what: 'Call Jo', owner: 'rep' }]],
    [
      'actions',
      [{ what: ' Send the deck ', owner: 'manager', due: 'friday' }],
      [{ id: 'id1', what: 'Send the deck', owner: 'manager', due: '2026-11-20' }],
    ],
    ['actions', [{ what: 'Both', owner: 'both', due: '2026-12-01' }], [{ id: 'id1', what: 'Both', owner: 'both', due: '2026-12-01' }]],
    ['actions', [{ what: 'Dated', due: new Date(2026, 11, 2) }], [{ id: 'id1', what: 'Dated', owner: 'rep', due: '2026-12-02' }]],
    ['actions', [{ what: 'Worded', due: 'next friday' }], [{ id: 'id1', what: 'Worded', owner: 'rep', due: '2026-11-27' }]],
    ['actions', [{ what: 'Today', due: '2026-11-18' }], [{ id: 'id1', what: 'Today', owner: 'rep', due: '2026-11-18' }]],
  ])('%s: %j is accepted as %j', async (id, raw, expected) => {
    expect(await checkAnswer(question(id), raw, TODAY, newId)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, unknown, string]>([
    ['text', true, 'expected text'],
    ['text', ['a'], 'expected text'],
    ['long', null, 'expected text'],
    ['choice', 'closing', 'expected one of "plan", "skill", "3"'],
    ['choice', ['plan'], 'expected one of'],
    ['choice', true, 'expected one of'],
    ['multi', ['closing', 'golf'], '"golf" is not an option'],
    ['multi', [true], 'true is not an option'],
    ['yesno', 'maybe', 'expected true or false'],
    ['yesno', 1, 'expected true or false'],
    ['number', 'ten', 'expected a number'],
    ['number', -1, 'expected a number of at least 0'],
    ['number', '', 'expected a number'],
    ['number', Number.NaN, 'expected a number'],
    ['scale', 11, 'expected a number from 1 to 10'],
    ['scale', 0, 'expected a number from 1 to 10'],
    ['scale', 5.5, 'expected a whole number from 1 to 10'],
    ['actions', 'Call Jo', 'expected a list of actions'],
    ['actions', [{ owner: 'rep' }], 'action 1: "what" must be text'],
    ['actions', [{ what: '  ' }], 'action 1: "what" must be text'],
    ['actions', ['ok', { what: 'x', owner: 'boss' }], 'action 2: owner must be one of rep, manager, both'],
    ['actions', [{ what: 'x', who: 'rep' }], 'action 1: unknown key "who"'],
    ['actions', [{ what: 'x', due: 'someday' }], 'action 1: Use a date like'],
    ['actions', [{ what: 'x', due: '2026-02-30' }], 'action 1: 2026-02-30 is not a date in the calendar'],
    ['actions', [42], 'action 1: expected {what, owner, due}'],
    // Issue 10: a file cannot be asked whether a past date is meant, so it is refused, naming the date.
    ['actions', [{ what: 'x', due: '2026-10-18' }], 'action 1: due "2026-10-18" is Sun 18 Oct 2026, in the past'],
    ['actions', ['ok', { what: 'x', due: 'yesterday' }], 'action 2: due "yesterday" is'],
  ])('%s: %j is refused: %s', async (id, raw, fragment) => {
    const r = await checkAnswer(question(id), raw, TODAY, newId);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(fragment);
  });
});

describe('checkNumber (typed at a prompt)', () => {
  it.each<[string, string, boolean]>([
    ['scale', '7', true],
    ['scale', '07', true],
    ['scale', '7.0', true],
    ['scale', '', false],
    ['scale', 'seven', false],
    ['number', 'Infinity', false],
    ['number', '-0.5', false],
    ['number', '1000000', true],
  ])('%s: %j ok=%s', (id, raw, ok) => {
    expect(checkNumber(question(id), raw).ok).toBe(ok);
  });
});
