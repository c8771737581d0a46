/**
 * Issue 10, the rescue mirror's small things: one finding per kind for one
 * action (asked and explained once), and doubled full stops.
 */
import { describe, expect, it } from 'vitest';
import { fill } from '../src/playbook/placeholders.ts';
import { endSentence } from '../src/util/sentence.ts';
import { possibleRescues } from '../src/mirror/ledger.ts';
import { rescueReport } from '../src/mirror/report.ts';
import { foldJournal, type JournalEntry } from '../src/model/journal.ts';
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

describe('one full stop at the end of a sentence', () => {
  it.each([
    ['Offer the lower tier', 'Offer the lower tier.'],
    ['Offer the lower tier.', 'Offer the lower tier.'],
    ['Will they buy?', 'Will they buy?'],
    ['Finally!', 'Finally!'],
    ['They said “we will buy.”', 'They said “we will buy.”'],
    ['A strategic account (top 10)', 'A strategic account (top 10).'],
    ['Wait…', 'Wait…'],
    ['a markdown escape\\.', 'a markdown escape\\.'],
    ['  trailing space  ', '  trailing space.'],
    ['', ''],
  ])('%s → %s', (text, expected) => {
    expect(endSentence(text)).toBe(expected);
  });

  it.each([
    ['Start from the option chosen: {{answers.best}}. Most owners should be the rep.', 'Offer the lower tier.', 'Start from the option chosen: Offer the lower tier. Most owners should be the rep.'],
    ['Start from the option chosen: {{answers.best}}. Most owners should be the rep.', 'Offer the lower tier', 'Start from the option chosen: Offer the lower tier. Most owners should be the rep.'],
    ['Starting with {{answers.best}}.', 'Will they buy?', 'Starting with Will they buy?'],
    ['Not answered: {{answers.other}}.', 'x', 'Not answered: (not answered).'],
  ])('fills %s', (template, value, expected) => {
    expect(fill(template, { rep: 'Sam' }, new Map([['best', value]]))).toBe(expected);
  });
});
