import { describe, expect, it } from 'vitest';
import { answerToText, fill, findPlaceholders, type Context } from '../src/playbook/placeholders.ts';
import type { AnswerValue } from '../src/playbook/schema.ts';

const full: Context = { rep: 'Sam', deal: 'Acme renewal', manager: 'Alex' };
const bare: Context = { rep: 'Sam' };
const answers = new Map<string, AnswerValue>([
  ['topic', '  the Acme renewal  '],
  ['score', 7],
  ['tried', false],
  ['skills', ['listening', 'closing']],
  ['plan', [{ id: 'a', what: 'Call Jo', owner: 'rep' }, { id: 'b', what: 'Send deck', owner: 'manager' }]],
  ['blank', ''],
]);

describe('fill', () => {
  it.each<[string, string, Context, string]>([
    ['rep', 'Hi {{rep}}', full, 'Hi Sam'],
    ['spaces inside the braces', 'Hi {{ rep }}', full, 'Hi Sam'],
    ['deal and manager', '{{manager}} on {{deal}}', full, 'Alex on Acme renewal'],
    ['missing deal: built-in fallback', 'About {{deal}}', bare, 'About the deal'],
    ['missing manager: built-in fallback', 'Ask {{manager}}', bare, 'Ask you'],
    ['given fallback used when missing', 'About {{deal | this deal}}', bare, 'About this deal'],
    ['given fallback ignored when present', 'About {{deal | this deal}}', full, 'About Acme renewal'],
    ['blank rep counts as missing', 'Hi {{rep}}', { rep: '  ' }, 'Hi the rep'],
    ['answer text, trimmed', 'On {{answers.topic}}', full, 'On the Acme renewal'],
    ['a number answer', 'You said {{answers.score}}', full, 'You said 7'],
    ['a yes/no answer', 'Tried: {{answers.tried}}', full, 'Tried: no'],
    ['a multi-choice answer', 'Skills: {{answers.skills}}', full, 'Skills: listening, closing'],
    ['an action list', 'Plan: {{answers.plan}}', full, 'Plan: Call Jo; Send deck'],
    ['an unanswered question', 'On {{answers.nope}}', full, 'On (not answered)'],
    ['an unanswered question with a fallback', 'On {{answers.nope | your topic}}', full, 'On your topic'],
    ['a blank answer uses the fallback', 'On {{answers.blank | your topic}}', full, 'On your topic'],
    ['unknown names are left alone', 'Hi {{customer}}', full, 'Hi {{customer}}'],
    ['text without placeholders', 'Plain {text}', full, 'Plain {text}'],
    ['several in one text', '{{rep}}, {{rep}}!', full, 'Sam, Sam!'],
  ])('%s', (_name, text, ctx, expected) => {
    expect(fill(text, ctx, answers)).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['missing deal becomes empty', '{{deal}}', ''],
    ['missing manager becomes empty', 'by {{manager}}', 'by '],
    ['unanswered becomes empty', '{{answers.nope}}', ''],
    ['a given fallback still wins', '{{deal | this deal}}', 'this deal'],
  ])('blankMissing (defaults): %s', (_name, text, expected) => {
    expect(fill(text, bare, answers, true)).toBe(expected);
  });
});

describe('findPlaceholders', () => {
  it('finds names, answer ids and positions', () => {
    expect(findPlaceholders('Hi {{rep}}, on {{ answers.topic | it }} and {{deal}}')).toEqual([
      { name: 'rep', index: 3 },
      { name: 'answers.topic', answerId: 'topic', index: 15 },
      { name: 'deal', index: 44 },
    ]);
  });
});

describe('answerToText', () => {
  it.each<[AnswerValue, string]>([
    [true, 'yes'],
    [false, 'no'],
    [0, '0'],
    [' a ', 'a'],
    // Controls go before the trim (a property test found "¡\t\u0000" leaving a tab before the "?").
    ['Acme\t\u0000', 'Acme'],
    ['\u0007 Acme \u009b', 'Acme'],
    ['\u202a\u0000', ''],
    ['\u202eAcme', 'Acme'],
    ['a\rb\r\nc', 'a\nb\nc'],
    ['line one\nline two', 'line one\nline two'],
    [[], ''],
    [['x', 'y'], 'x, y'],
  ])('%j → %j', (value, expected) => {
    expect(answerToText(value)).toBe(expected);
  });
});
