import { describe, expect, it } from 'vitest';
import { evaluate, isAnswered, referencedQuestions } from '../src/playbook/conditions.ts';
import type { AnswerValue, Condition } from '../src/playbook/schema.ts';

const answers = new Map<string, AnswerValue>([
  ['focus', 'plan'],
  ['mood', 'Frustrated '],
  ['score', 4],
  ['zero', 0],
  ['tried', true],
  ['never', false],
  ['skills', ['listening', 'Negotiation']],
  ['blank', '   '],
  ['none', []],
  ['actions', [{ id: 'a1', what: 'Call Acme', owner: 'rep' }]],
]);

describe('evaluate', () => {
  it.each<[string, Condition, boolean]>([
    // equals
    ['equals a choice', { question: 'focus', equals: 'plan' }, true],
    ['equals another choice', { question: 'focus', equals: 'skill' }, false],
    ['text equals ignores case and surrounding space', { question: 'mood', equals: 'frustrated' }, true],
    ['equals a number', { question: 'score', equals: 4 }, true],
    ['equals true', { question: 'tried', equals: true }, true],
    ['equals false on a "no"', { question: 'never', equals: false }, true],
    ['multi-choice equals: includes the value', { question: 'skills', equals: 'listening' }, true],
    ['multi-choice includes, case-insensitive', { question: 'skills', equals: 'negotiation' }, true],
    ['multi-choice does not include', { question: 'skills', equals: 'closing' }, false],
    // in
    ['in a list that holds it', { question: 'focus', in: ['skill', 'plan'] }, true],
    ['in a list that lacks it', { question: 'focus', in: ['skill', 'options'] }, false],
    ['in, numbers', { question: 'score', in: [1, 4, 9] }, true],
    ['multi-choice in: any overlap', { question: 'skills', in: ['closing', 'LISTENING'] }, true],
    // lessThan / greaterThan
    ['lessThan, below', { question: 'score', lessThan: 5 }, true],
    ['lessThan, equal is not less', { question: 'score', lessThan: 4 }, false],
    ['greaterThan, above', { question: 'score', greaterThan: 3 }, true],
    ['greaterThan, equal is not greater', { question: 'score', greaterThan: 4 }, false],
    ['lessThan on text is false', { question: 'focus', lessThan: 100 }, false],
    ['zero is an answer: lessThan 1', { question: 'zero', lessThan: 1 }, true],
    // answered
    ['answered: true on an answer', { question: 'focus', answered: true }, true],
    ['answered: true on blank text', { question: 'blank', answered: true }, false],
    ['answered: true on an empty list', { question: 'none', answered: true }, false],
    ['answered: true on "no"', { question: 'never', answered: true }, true],
    ['answered: true on zero', { question: 'zero', answered: true }, true],
    ['answered: true on an action list', { question: 'actions', answered: true }, true],
    ['answered: false on an unanswered question', { question: 'missing', answered: false }, true],
    ['answered: false on an answer', { question: 'focus', answered: false }, false],
    // unanswered questions make every test false
    ['equals on an unanswered question', { question: 'missing', equals: 'plan' }, false],
    ['lessThan on an unanswered question', { question: 'missing', lessThan: 100 }, false],
    ['greaterThan on an unanswered question', { question: 'missing', greaterThan: -100 }, false],
    ['in on an unanswered question', { question: 'missing', in: ['plan'] }, false],
    ['equals on blank text', { question: 'blank', equals: '' }, false],
    // groups
    ['all: every one true', { all: [{ question: 'focus', equals: 'plan' }, { question: 'score', lessThan: 5 }] }, true],
    ['all: one false', { all: [{ question: 'focus', equals: 'plan' }, { question: 'score', lessThan: 2 }] }, false],
    ['any: one true', { any: [{ question: 'focus', equals: 'skill' }, { question: 'score', lessThan: 5 }] }, true],
    ['any: none true', { any: [{ question: 'focus', equals: 'skill' }, { question: 'score', lessThan: 2 }] }, false],
    ['not: of a false test', { not: { question: 'focus', equals: 'skill' } }, true],
    ['not: of a true test', { not: { question: 'focus', equals: 'plan' } }, false],
    ['not: of a test on an unanswered question', { not: { question: 'missing', equals: 'x' } }, true],
    [
      'nested: all of (any, not)',
      { all: [{ any: [{ question: 'missing', answered: true }, { question: 'tried', equals: true }] }, { not: { question: 'score', greaterThan: 8 } }] },
      true,
    ],
  ])('%s', (_name, cond, expected) => {
    expect(evaluate(cond, answers)).toBe(expected);
  });
});

describe('isAnswered', () => {
  it.each<[string, AnswerValue | undefined, boolean]>([
    ['undefined', undefined, false],
    ['empty text', '', false],
    ['blank text', ' \n\t', false],
    ['text', 'x', true],
    ['false', false, true],
    ['0', 0, true],
    ['empty list', [], false],
    ['a list', ['a'], true],
  ])('%s → %s', (_name, value, expected) => {
    expect(isAnswered(value)).toBe(expected);
  });
});

describe('referencedQuestions', () => {
  it('lists every question a condition tests, through all/any/not', () => {
    const cond: Condition = {
      all: [{ question: 'a', answered: true }, { any: [{ question: 'b', equals: 1 }, { not: { question: 'c', lessThan: 2 } }] }],
    };
    expect(referencedQuestions(cond)).toEqual(['a', 'b', 'c']);
  });
});
