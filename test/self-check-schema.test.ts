import { describe, expect, it } from 'vitest';
import { QuestionSchema } from '../src/playbook/schema.ts';
import { SELF_CHECK_OFFER, selfCheckQuestions } from '../src/mirror/self-check.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import { foldJournal } from '../src/model/journal.ts';

// The built-in self-check questions are written as plain objects (no schema at run time); the schema must agree with them.
describe('built-in self-check questions', () => {
  const pb = parsePlaybook(
    'id: p\ntitle: P\ndescription: D\nversion: "1"\nstages:\n  - id: s\n    title: S\n    goal: G\n    questions:\n      - {id: a, text: A?, type: actions}\n',
    'p.yaml',
  );
  const state = foldJournal([
    { type: 'start', v: 1, at: '2026-11-18T09:00:00.000Z', id: '20261118-0900-abcd', rep: { name: 'Sam', slug: 'sam' }, playbook: { id: 'p', version: '1', title: 'P', hash: 'h', source: 'file', file: 'p.yaml' }, snapshot: pb },
  ]);
  it.each([SELF_CHECK_OFFER, ...selfCheckQuestions(state)].map((q) => [q.id, q] as const))('%s is what the schema would make of it', (_id, q) => {
    expect(QuestionSchema.parse(q)).toEqual(q);
  });
});
