/** Issue 14: each problem says what is wrong and what to write, at the right line. */
import { describe, expect, it } from 'vitest';
import { checkPlaybook } from '../src/playbook/parse.ts';
import { miniPlaybook } from './library-helpers.ts';

/** miniPlaybook plus one more question (indented as a question of the stage). */
const withQuestion = (lines: string) => miniPlaybook('p', { extra: lines.replace(/^/gm, '      ').replace(/^ {6}- /, '      - ') + '\n' });

const problems = (text: string) => checkPlaybook(text, 'p.yaml').problems.map((p) => `${p.line} ${p.severity}: ${p.message}`);

describe('messages', () => {
  it.each([
    ['blank text', withQuestion('- id: q\n  text: "   "'), /^18 error: "text" is blank: write some text$/],
    ['.nan', withQuestion('- id: q\n  text: How many?\n  type: number\n  min: .nan'), /^20 error: "min" is \.nan, which is not a number a playbook can use; write an ordinary number, e.g\. 10$/],
    ['.inf', withQuestion('- id: q\n  text: How many?\n  type: number\n  max: -.inf'), /"max" is -\.inf, which is not a number/],
    ['a word as a label key', withQuestion('- id: q\n  text: Sure?\n  type: scale\n  labels: {low: not at all}'), /the label key "low" is not a scale value: label keys are whole numbers/],
    ['a list as an equals value', withQuestion('- id: q\n  text: Q?\n  when: {question: goal, equals: [a]}'), /"equals" must be text, a number, or true or false; not a list/],
    ['a map as a default', withQuestion('- id: q\n  text: Q?\n  default: {a: 1}'), /the default must be text, a number, true or false, or a list of option values; not a map/],
    ['scale default 99', withQuestion('- id: q\n  text: Sure?\n  type: scale\n  default: 99'), /^20 error: the default does not fit a scale question: 99 is not on the scale; use a whole number from 1 to 10$/],
    ['scale default 0', withQuestion('- id: q\n  text: Sure?\n  type: scale\n  default: 0'), /0 is not on the scale/],
    ['scale default 2.5', withQuestion('- id: q\n  text: Sure?\n  type: scale\n  default: 2.5'), /2\.5 is not on the scale/],
    ['scale default on its own range', withQuestion('- id: q\n  text: Sure?\n  type: scale\n  min: 0\n  max: 5\n  default: 7'), /use a whole number from 0 to 5/],
    [
      'yes-no equals: yes',
      withQuestion('- id: ok\n  text: All good?\n  type: yes-no\n- id: why\n  text: Why not?\n  when: {question: ok, equals: yes}'),
      /^22 warning: equals: "yes" can never be true: "ok" is a yes-no question, whose answer is true or false; write equals: true \(or false\)$/,
    ],
    ['a value that is no option', withQuestion('- id: pick\n  text: Which?\n  type: choice\n  options: [red, green]\n- id: why\n  text: Why?\n  when: {question: pick, in: [blue]}'), /in: "blue" can never be true: it is not one of the options of "pick"/],
    ['lessThan on text', withQuestion('- id: why\n  text: Why?\n  when: {question: goal, lessThan: 3}'), /lessThan can never be true: "goal" is a text question/],
    ['too many aliases', `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n`, /^2 error: too many aliases/],
  ])('%s', (_name, text, expected) => {
    expect(problems(text)).toContainEqual(expect.stringMatching(expected));
  });

  it('a condition that can be true gets no warning', () => {
    const text = withQuestion('- id: ok\n  text: All good?\n  type: yes-no\n- id: why\n  text: Why not?\n  when: {question: ok, equals: false}');
    expect(problems(text)).toEqual([]);
  });

  it('a merge key is resolved, not "did you mean id"', () => {
    const text = withQuestion('- &asked\n  id: first\n  text: First?\n- <<: *asked\n  id: second');
    expect(problems(text)).toEqual([]);
    expect(checkPlaybook(text, 'p.yaml').playbook?.stages[0]?.questions.map((q) => `${q.id}: ${q.text}`)).toEqual([
      'goal: What do you want from this, {{rep}}?',
      'confidence: How confident are you?',
      'first: First?',
      'second: First?',
    ]);
  });

  it('no message is zod\'s "Invalid input"', () => {
    const cases = [withQuestion('- id: q\n  text: Q?\n  options: [{value: [1]}, b]'), withQuestion('- id: q\n  text: Q?\n  when: {question: goal, in: [[1]]}')];
    for (const text of cases) for (const p of problems(text)) expect(p).not.toMatch(/Invalid input|Invalid key/);
  });
});
