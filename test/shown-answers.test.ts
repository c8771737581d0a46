import { describe, expect, it } from 'vitest';
import { renderNote } from '../src/note/render.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import { foldJournal, type JournalEntry } from '../src/model/journal.ts';
import { sessionRecord } from '../src/note/record.ts';
import { sessionDate } from '../src/model/summary.ts';
import { localDay } from '../src/util/dates.ts';

// An answer left behind by a question that going back has hidden counts for nothing: not in the
// rep's part, and not in the manager's part or the JSON record either.
const pb = parsePlaybook(
  `id: p\ntitle: P\ndescription: D\nversion: "1"\nstages:\n  - id: s\n    title: S\n    goal: G\n    questions:\n` +
    `      - {id: stuck, text: Stuck?, type: yes-no}\n` +
    `      - {id: why, text: What is in the way?, when: {question: stuck, equals: true}, required: false}\n` +
    `      - {id: mine, text: "My note on {{answers.why | nothing}}", private: true, required: false}\n`,
  'p.yaml',
);
const at = '2026-03-02T23:30:00.000Z';
const entries: JournalEntry[] = [
  { type: 'start', v: 1, at, id: '20260302-2330-abcd', rep: { name: 'Sam', slug: 'sam' }, playbook: { id: 'p', version: '1', title: 'P', hash: 'h', source: 'file', file: 'p.yaml' }, snapshot: pb },
  { type: 'answer', at, question: 'stuck', value: true },
  { type: 'answer', at, question: 'why', value: 'OLD-HIDDEN-ANSWER' },
  // Went back: not stuck after all, so "why" is hidden now.
  { type: 'answer', at, question: 'stuck', value: false },
  { type: 'answer', at, question: 'mine', value: 'ok' },
  { type: 'finish', at },
];
const state = foldJournal(entries);

describe('answers of hidden questions', () => {
  it('never reach a placeholder in the note, its manager part or the JSON record', () => {
    const note = renderNote(state);
    expect(note).toContain('My note on nothing');
    expect(note).not.toContain('OLD-HIDDEN-ANSWER');
    const record = JSON.stringify(sessionRecord(state, { entries }));
    expect(record).toContain('My note on nothing');
  });
});

describe('session dates', () => {
  it('are the local day, as in the note', () => {
    expect(sessionDate(at)).toBe(localDay(at));
    expect(renderNote(state)).toContain(`date: "${localDay(at)}"`);
  });
});
