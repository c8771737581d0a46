/**
 * The deal question (issue 10): a playbook marks the question whose answer is
 * the session's deal (`deal: true`); without --deal that answer is the deal in
 * history, sessions, the note's front matter and {{deal}}.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { history } from '../src/commands/history.ts';
import { sessions } from '../src/commands/sessions.ts';
import { checkPlaybook, parsePlaybook } from '../src/playbook/parse.ts';
import { dealAnswer, foldJournal, type JournalEntry } from '../src/model/journal.ts';
import { tempPaths } from './helpers.ts';
import { runSession, startEntryFor, testContext } from './lookback-helpers.ts';

const DEAL_YAML = (q: string) => `
id: deal-test
title: Deal test
description: One deal, two questions.
version: "1.0.0"
stages:
  - id: contracting
    title: Contracting
    goal: Agree the outcome.
    questions:
${q}
      - id: outcome
        text: What do you want from {{deal}} today?
        required: false
`;

const TEXT_DEAL = `      - id: which
        text: Which deal shall we talk about?
        deal: true`;
const CHOICE_DEAL = `      - id: which
        text: Which deal?
        type: choice
        deal: true
        options:
          - {value: acme, label: Acme renewal}
          - {value: globex, label: Globex expansion}`;

describe('validating deal: true', () => {
  it.each([
    ['a text question', TEXT_DEAL, []],
    ['a choice question', CHOICE_DEAL, []],
    ['a scale question', `      - id: which\n        text: How big?\n        type: scale\n        deal: true`, ['"deal" marks a text or choice question (the deal\'s name), not scale']],
    [
      'two questions',
      `${TEXT_DEAL}\n      - id: other\n        text: Which other deal?\n        deal: true`,
      ['only one question can name the deal; "which" already does'],
    ],
  ])('%s', (_name, q, messages) => {
    const { problems } = checkPlaybook(DEAL_YAML(q), 'deal.yaml');
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual(messages);
  });
});

describe('the session deal', () => {
  const text = parsePlaybook(DEAL_YAML(TEXT_DEAL), 'deal.yaml');
  const choice = parsePlaybook(DEAL_YAML(CHOICE_DEAL), 'deal.yaml');
  const at = '2026-03-02T09:00:00.000Z';
  const fold = (pb: typeof text, answers: Record<string, string>, deal?: string) => {
    const entries: JournalEntry[] = [
      { type: 'start', v: 1, id: '20260302-0900-abcd', ...startEntryFor(pb, 'Sam Lee', new Date(at), deal) },
      ...Object.entries(answers).map(([question, value]): JournalEntry => ({ type: 'answer', at, question, value })),
    ];
    return foldJournal(entries).start.deal;
  };
  it.each([
    ['the text answer, on one line', text, { which: '  Acme \n renewal ' }, undefined, 'Acme renewal'],
    ['the label of the choice', choice, { which: 'globex' }, undefined, 'Globex expansion'],
    ['--deal wins over the answer', text, { which: 'Acme' }, 'Initech', 'Initech'],
    ['no answer yet: no deal', text, {}, undefined, undefined],
    ['a blank answer: no deal', text, { which: '   ' }, undefined, undefined],
  ])('%s', (_name, pb, answers, deal, expected) => {
    expect(fold(pb, answers, deal)).toBe(expected);
  });

  it('is found only through the mark', () => {
    const unmarked = parsePlaybook(DEAL_YAML(TEXT_DEAL.replace('        deal: true', '')), 'deal.yaml');
    expect(dealAnswer(unmarked, new Map([['which', 'Acme']]))).toBeUndefined();
  });

  it('shows in history, sessions, the note and the questions after it', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    const { id, prompter } = await runSession(t, { rep: 'Sam Lee', playbook: choice, answers: { which: 'acme', outcome: 'A signed order' } });
    expect(prompter.asked.map((a) => a.text)).toContain('What do you want from Acme renewal today?');

    const h = testContext(paths);
    await history(h.ctx, { json: true });
    expect((JSON.parse(h.out()) as { sessions: Array<{ id: string; deal: string | null }> }).sessions).toEqual([expect.objectContaining({ id, deal: 'Acme renewal' })]);
    const s = testContext(paths);
    await sessions(s.ctx, {});
    expect(s.out()).toMatch(new RegExp(`${id}.*Acme renewal`));
    const sj = testContext(paths);
    await sessions(sj.ctx, { json: true });
    expect((JSON.parse(sj.out()) as { sessions: Array<{ deal: string }> }).sessions[0]?.deal).toBe('Acme renewal');
    const note = readFileSync(path.join(paths.notes, 'sam-lee', '2026-03-02-deal-test.md'), 'utf8');
    expect(note).toMatch(/^deal: "Acme renewal"$/m);
  });
});
