import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem, ValidationError, type Problem } from '../src/util/errors.ts';
import { LIMITS, parsePlaybook, pathologicalNesting } from '../src/playbook/parse.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'bad-playbooks');

/** The problems parsePlaybook reports; fails the test if it returns or throws anything else. */
function problemsOf(text: string, file: string): Problem[] {
  let thrown: unknown;
  try {
    parsePlaybook(text, file);
  } catch (err) {
    thrown = err;
  }
  if (thrown === undefined) throw new Error(`${file} parsed without an error`);
  if (!(thrown instanceof ValidationError)) throw new Error(`${file} threw ${String(thrown)}, not a ValidationError`);
  return thrown.problems;
}

const readFixture = (file: string) => readFileSync(path.join(FIXTURES, file)).toString('utf8');

/** Every fixture: where the (first) problem is, and a fragment of what it says. */
const BAD: Array<[file: string, line: number, column: number, fragment: string]> = [
  ['malformed-yaml.yaml', 2, 26, 'Missing closing "quote'],
  ['bad-indentation.yaml', 9, 1, 'Sequence item without - indicator'],
  ['wrong-type.yaml', 12, 19, '"required" must be a boolean, not the text "sometimes"'],
  ['unknown-key.yaml', 12, 9, 'unknown key "reqired" (did you mean "required"?)'],
  ['unknown-stage-key.yaml', 9, 5, 'unknown key "tipp" (did you mean "tip"?)'],
  ['condition-unknown-key.yaml', 18, 11, 'unknown key "equal" (did you mean "equals"?)'],
  ['option-unknown-key.yaml', 15, 13, 'unknown key "lable" (did you mean "label"?); allowed here: value, label, help'],
  ['missing-required-key.yaml', 1, 1, '"title" is required'],
  ['missing-question-text.yaml', 10, 9, '"text" is required'],
  ['duplicate-stage-id.yaml', 12, 9, 'the stage id "s1" is used twice'],
  ['duplicate-question-id.yaml', 16, 13, 'the question id "q1" is used twice'],
  ['duplicate-key.yaml', 3, 1, 'Map keys must be unique'],
  ['condition-unknown-question.yaml', 16, 11, 'refers to "confidense", which no question has as its id (did you mean "confidence"?)'],
  ['condition-later-question.yaml', 13, 11, 'refers to "q2", which is asked later'],
  ['stage-condition-same-stage.yaml', 10, 7, 'refers to "q1", which is asked later'],
  ['condition-two-tests.yaml', 16, 11, 'needs exactly one of equals, in, lessThan, greaterThan, answered (found lessThan, greaterThan)'],
  ['placeholder-later-answer.yaml', 11, 15, 'refers to "q2", which is asked later'],
  ['unknown-placeholder.yaml', 8, 11, 'unknown placeholder {{customer}}'],
  ['choice-without-options.yaml', 10, 9, 'a choice question needs "options"'],
  ['options-on-text.yaml', 12, 18, '"options" is for choice and multi-choice questions, not text'],
  ['default-not-an-option.yaml', 14, 18, 'the default does not fit a choice question: use one of "red", "green"'],
  ['scale-max-not-above-min.yaml', 14, 14, 'max (5) must be greater than min (5)'],
  ['scale-label-outside.yaml', 15, 17, 'the label for 11 is outside the scale 1-10'],
  ['unknown-question-type.yaml', 12, 15, '"type" must be one of "text", "long-text"'],
  ['bad-question-id.yaml', 10, 13, '"id" cannot be "1st question": start with a letter'],
  ['version-number.yaml', 4, 10, '"version" must be text, not the number 1.0; put it in quotes: "1.0"'],
  ['custom-tag.yaml', 8, 11, 'custom tags (tag:yaml.org,2002:js/function) are not allowed in a playbook'],
  ['local-tag.yaml', 3, 14, 'custom tags (!include) are not allowed in a playbook'],
  ['proto-key.yaml', 12, 9, 'the key "__proto__" is not allowed'],
  ['constructor-key.yaml', 5, 1, 'the key "constructor" is not allowed'],
  ['alias-bomb.yaml', 2, 8, 'too many aliases'],
  ['recursive-alias.yaml', 15, 16, 'the alias *loop refers to a node that contains it'],
  ['unresolved-alias.yaml', 3, 14, 'the alias *nowhere has no anchor &nowhere before it'],
  ['too-deep.yaml', 5, 30, `nested more than ${LIMITS.depth} levels deep`],
  ['binary-nul.yaml', 2, 11, 'a NUL byte here: this looks like a binary file, not a playbook'],
  ['empty.yaml', 1, 1, 'a playbook is a YAML map with id, title, description, version and stages'],
  ['top-level-list.yaml', 1, 1, 'a playbook is a YAML map'],
  ['scalar-document.yaml', 1, 1, 'a playbook is a YAML map'],
  ['stages-empty.yaml', 5, 9, '"stages" needs at least 1 item'],
  ['multiple-documents.yaml', 3, 1, 'the file must hold one document'],
];

describe('bad playbooks (test/fixtures/bad-playbooks)', () => {
  it('every fixture in the folder is in the table, and there are at least 20', () => {
    const files = readdirSync(FIXTURES).sort();
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files).toEqual(BAD.map(([f]) => f).sort());
  });

  it.each(BAD)('%s → line %i, column %i: %s', (file, line, column, fragment) => {
    const problems = problemsOf(readFixture(file), file);
    const first = problems[0];
    expect(first, JSON.stringify(problems)).toBeDefined();
    expect({ line: first?.line, column: first?.column }).toEqual({ line, column });
    expect(first?.message).toContain(fragment);
    expect(first?.file).toBe(file);
    // Shown to the user as file:line:column, with no stack trace.
    expect(formatProblem(first as Problem)).toMatch(new RegExp(`^${file.replace(/\./g, '\\.')}:${line}:${column}: error: `));
  });

  it('a file over the size limit is refused before it is parsed', () => {
    const text = `id: big\ndescription: "${'x'.repeat(LIMITS.bytes)}"\n`;
    const [p] = problemsOf(text, 'big.yaml');
    expect(p).toMatchObject({ line: 1, column: 1 });
    expect(p?.message).toContain(`may be at most ${LIMITS.bytes / 1024} KiB`);
  });

  it('reports every problem, not just the first', () => {
    const text = [
      'id: Two Problems',
      'title: T',
      'description: D',
      'version: "1"',
      'stages:',
      '  - id: s1',
      '    title: S',
      '    goal: G',
      '    questions:',
      '      - {id: q1, text: Q, type: essay}',
    ].join('\n');
    const problems = problemsOf(text, 'two.yaml');
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [1, 'id'],
      [10, 'stages[0].questions[0].type'],
    ]);
  });
});

const VALID = `
id: tiny
title: Tiny
description: A fixture.
version: "1.0.0"
stages:
  - id: s1
    title: Start
    goal: Talk with {{rep}} about {{deal | this deal}}.
    questions:
      - id: q1
        text: First?
      - id: q2
        text: You said {{answers.q1}}; and then?
        type: scale
        when: {question: q1, answered: true}
`;

describe('pathologicalNesting: refused before the YAML parser recurses thousands deep', () => {
  it.each([
    ['brackets thousands deep', `x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, { line: 1, column: 203 }],
    ['list dashes on one line', `${'- '.repeat(5000)}y\n`, { line: 1, column: 399 }],
    ['indentation far to the right', `a:\n${' '.repeat(500)}b: 1\n`, { line: 2, column: 401 }],
    ['a real playbook nests a few levels', readFileSync(path.join(FIXTURES, '..', '..', '..', 'playbooks', 'stalled-deal.yaml'), 'utf8'), undefined],
    ['brackets that close again, many times', '[[]]'.repeat(10000), undefined],
  ])('%s', (_name, text, where) => {
    expect(pathologicalNesting(text)).toEqual(where);
  });
});

describe('YAML mistakes say what to write instead (issue 14)', () => {
  const HEAD = 'id: t\ntitle: T\ndescription: d\nversion: "1"\nstages:\n  - id: s\n    title: S\n    goal: g\n';
  it.each([
    ['a colon inside a tip', `${HEAD}    tip: Let {{rep}} set the agenda: if you name it, you solve it.\n    questions: [{ id: q, text: Q }]\n`, 'must be in quotes, e.g. tip: "Let {{rep}} set the agenda'],
    ['a [ list left open', `${HEAD}    questions: [{ id: q, text: Q }\n  - id: s2\n`, 'is not closed: end it with ]'],
    ['a quote left open', `${HEAD}    tip: "Listen first\n    questions: [{ id: q, text: Q }]\n`, 'a quote or bracket opened earlier is not closed'],
  ])('%s', (_name, text, fix) => {
    const problems = problemsOf(text, 't.yaml');
    expect(problems[0]?.message).toContain(fix);
  });
});

describe('a valid playbook', () => {
  it('parses, with defaults filled in', () => {
    const pb = parsePlaybook(VALID, 'tiny.yaml');
    const [q1, q2] = pb.stages[0]?.questions ?? [];
    expect(q1).toMatchObject({ id: 'q1', type: 'text', required: true, voice: 'rep' });
    // Unset means "by kind" (visibleToRep), so it is not filled in: a written `private: false` stays telling.
    expect(q1 && 'private' in q1).toBe(false);
    expect(q2).toMatchObject({ id: 'q2', type: 'scale', when: { question: 'q1', answered: true } });
  });

  it.each([
    ['a condition on a question of an earlier stage', 'stages:\n  - id: s2\n    title: Two\n    goal: G\n    when: {question: q2, greaterThan: 3}\n    questions:\n      - {id: q3, text: Q}\n'],
    ['a placeholder fallback naming no question', 'stages:\n  - id: s2\n    title: Two\n    goal: About {{deal | the account}}\n    questions:\n      - {id: q3, text: Q}\n'],
    ['all/any/not over earlier questions', 'stages:\n  - id: s2\n    title: Two\n    goal: G\n    questions:\n      - id: q3\n        text: Q\n        when: {all: [{question: q1, answered: true}, {not: {any: [{question: q2, lessThan: 2}, {question: q2, in: [9, 10]}]}}]}\n'],
  ])('accepts %s', (_what, extra) => {
    const text = VALID + extra.replace(/^stages:\n/, '');
    expect(() => parsePlaybook(text, 'ok.yaml')).not.toThrow();
  });
});
