import { describe, expect, it } from 'vitest';
import { diffPlaybooks, isEmptyDiff, movedIds } from '../src/playbook/diff.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import type { Playbook } from '../src/playbook/schema.ts';

const BASE = `
id: base
title: Base
description: The original.
version: "1.0.0"
stages:
  - id: listen
    title: Listening
    goal: Listen.
    tip: Stay quiet.
    questions:
      - { id: situation, text: What is happening?, type: long-text }
      - { id: tried, text: What have you already tried? }
      - { id: cause, text: What is causing it? }
  - id: act
    title: Action
    goal: Decide.
    questions:
      - { id: actions, text: What will you do?, type: actions }
      - { id: confidence, text: How confident are you?, type: scale }
`;

const base = parsePlaybook(BASE, 'base.yaml');
/** The base with an edit applied to its YAML text. */
const fork = (edit: (text: string) => string): Playbook => parsePlaybook(edit(BASE).replace('id: base', 'id: fork'), 'fork.yaml');

describe('diffPlaybooks', () => {
  it('a copy differs in nothing but its id', () => {
    const d = diffPlaybooks(base, fork((t) => t));
    expect(isEmptyDiff(d)).toBe(true);
  });

  const cases: Array<[string, (t: string) => string, unknown]> = [
    [
      'a changed question text',
      (t) => t.replace('What is causing it?', 'What do you think is really causing it?'),
      { questions: [{ kind: 'changed', id: 'cause', stage: 'listen', moved: false, changes: [{ field: 'text', from: 'What is causing it?', to: 'What do you think is really causing it?' }] }] },
    ],
    [
      'an added question',
      (t) => t.replace('      - { id: cause', '      - { id: impact, text: Who else is affected?, required: false }\n      - { id: cause'),
      { questions: [{ kind: 'added', id: 'impact', stage: 'listen', text: 'Who else is affected?', type: 'text' }] },
    ],
    [
      'a removed question',
      (t) => t.replace('      - { id: tried, text: What have you already tried? }\n', ''),
      { questions: [{ kind: 'removed', id: 'tried', stage: 'listen', text: 'What have you already tried?', type: 'text' }] },
    ],
    [
      'a question moved to another stage',
      (t) => t.replace('      - { id: cause, text: What is causing it? }\n', '').replace('      - { id: confidence', '      - { id: cause, text: What is causing it? }\n      - { id: confidence'),
      { questions: [{ kind: 'changed', id: 'cause', stage: 'act', moved: false, changes: [{ field: 'stage', from: 'listen', to: 'act' }] }] },
    ],
    [
      'two questions swapped within a stage: one is moved, not both',
      (t) => t.replace('      - { id: tried, text: What have you already tried? }\n      - { id: cause, text: What is causing it? }', '      - { id: cause, text: What is causing it? }\n      - { id: tried, text: What have you already tried? }'),
      { questions: [{ kind: 'changed', id: 'tried', stage: 'listen', moved: true, changes: [] }] },
    ],
    [
      'a changed type and an added condition',
      (t) => t.replace('{ id: confidence, text: How confident are you?, type: scale }', '{ id: confidence, text: How confident are you?, type: number, when: { question: tried, answered: true } }'),
      {
        questions: [
          {
            kind: 'changed',
            id: 'confidence',
            stage: 'act',
            moved: false,
            changes: [
              { field: 'type', from: 'scale', to: 'number' },
              { field: 'when', from: undefined, to: { question: 'tried', answered: true } },
            ],
          },
        ],
      },
    ],
    [
      'optional instead of required (defaults count)',
      (t) => t.replace('{ id: tried, text: What have you already tried? }', '{ id: tried, text: What have you already tried?, required: false }'),
      { questions: [{ kind: 'changed', id: 'tried', stage: 'listen', moved: false, changes: [{ field: 'required', from: true, to: false }] }] },
    ],
    [
      'a stage tip changed and a stage added',
      (t) => t.replace('tip: Stay quiet.', 'tip: Count to five.') + '  - id: review\n    title: Review\n    goal: Look back.\n    questions:\n      - { id: learned, text: What did you learn? }\n',
      {
        stages: [
          { kind: 'changed', id: 'listen', title: 'Listening', moved: false, changes: [{ field: 'tip', from: 'Stay quiet.', to: 'Count to five.' }] },
          { kind: 'added', id: 'review', title: 'Review' },
        ],
        questions: [{ kind: 'added', id: 'learned', stage: 'review', text: 'What did you learn?', type: 'text' }],
      },
    ],
    [
      'the playbook title and version',
      (t) => t.replace('title: Base', 'title: Acme base').replace('"1.0.0"', '"1.1.0"'),
      {
        playbook: [
          { field: 'title', from: 'Base', to: 'Acme base' },
          { field: 'version', from: '1.0.0', to: '1.1.0' },
        ],
      },
    ],
  ];

  it.each(cases)('%s', (_name, edit, expected) => {
    const d = diffPlaybooks(base, fork(edit));
    expect(d).toEqual({ playbook: [], stages: [], questions: [], ...(expected as object) });
  });

  it('a removed stage lists its questions as removed', () => {
    const d = diffPlaybooks(base, fork((t) => t.slice(0, t.indexOf('  - id: act'))));
    expect(d.stages).toEqual([{ kind: 'removed', id: 'act', title: 'Action' }]);
    expect(d.questions.map((q) => `${q.kind} ${q.id}`)).toEqual(['removed actions', 'removed confidence']);
  });
});

describe('movedIds', () => {
  it.each([
    [['a', 'b', 'c'], ['a', 'b', 'c'], []],
    [['a', 'b', 'c'], ['a', 'x', 'b', 'c'], []],
    [['a', 'b', 'c'], ['c', 'a', 'b'], ['c']],
    [['a', 'b', 'c', 'd'], ['b', 'a', 'd', 'c'], ['a', 'c']],
    [['a', 'b'], ['b'], []],
  ])('%j → %j is %j', (a, b, moved) => {
    expect([...movedIds(a, b)].sort()).toEqual(moved);
  });
});
