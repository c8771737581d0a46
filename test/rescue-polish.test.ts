/**
 * Issue 10, the rescue mirror's small things: one finding per kind for one
 * action (asked and explained once), and doubled full stops.
 */
import { describe, expect, it } from 'vitest';
import { possibleRescues } from '../src/rescue/ledger.ts';
import { rescueReport } from '../src/rescue/report.ts';
import { foldJournal, type JournalEntry } from '../src/session/journal.ts';
import { flowPlaybook, startEntry } from './support/session.ts';

function stateWith(what: string) {
  const pb = flowPlaybook();
  const entries: JournalEntry[] = [
    startEntry(pb),
    { type: 'answer', at: '2026-11-18T09:01:00.000Z', question: 'outcome', value: 'A plan' },
    { type: 'answer', at: '2026-11-18T09:02:00.000Z', question: 'focus', value: 'plan' },
    { type: 'answer', at: '2026-11-18T09:03:00.000Z', question: 'actions', value: [{ id: 'a1', what, owner: 'manager' }] },
  ];
  return foldJournal(entries);
}

describe('one rescue finding for one action', () => {
  it.each([
    ["Leave it with me: I'll sort pricing with finance", ['Taking the deal over']],
    ["Leave it with me, I'll call the CFO", ['Taking the deal over', 'Going to the buyer yourself']],
  ])('%s', (what, titles) => {
    const state = stateWith(what);
    const [item] = possibleRescues(state);
    expect(item?.findings.map((f) => f.title)).toEqual(titles);
    expect(rescueReport(state).ledger[0]?.findings.map((f) => f.title)).toEqual(titles);
    expect(rescueReport(state).flags).toBe(1);
  });
});
