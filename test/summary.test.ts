/**
 * The note's opening summary (issue 10): where its lines come from in any playbook,
 * how it reads as plain text, that nothing private to the manager reaches it, and
 * `repcoach show <id> --summary`. Also: answers typed as lists stay lists.
 */
import { HtmlRenderer, Parser } from 'commonmark';
import { describe, expect, it } from 'vitest';
import { show } from '../src/commands/show.ts';
import { block } from '../src/note/markdown.ts';
import { noteSummary, renderNote } from '../src/note/render.ts';
import { oneLine, summaryText, type NoteSummary } from '../src/note/summary.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import type { ActionItem, AnswerValue, Playbook } from '../src/playbook/schema.ts';
import { foldJournal, type JournalEntry } from '../src/model/journal.ts';
import { tempPaths } from './helpers.ts';
import { action, runSession, testContext } from './lookback-helpers.ts';
import { headings, splitNote, textOf, topLevel } from './support/markdown.ts';
import { startEntry } from './support/session.ts';

/** A playbook from stage lines: each stage "id: q1 type [mark], q2 …". */
function playbook(stages: Record<string, string>, extra = ''): Playbook {
  const body = Object.entries(stages)
    .map(([id, qs]) => {
      const questions = qs.split(',').map((q) => {
        const [qid, type, ...flags] = q.trim().split(/\s+/);
        const keys = flags.map((f) => (f === 'private' ? 'private: true' : f === 'manager' ? 'voice: manager' : `summary: ${f}`));
        return `      - {id: ${qid}, text: "${qid}?", type: ${type}, required: false${type === 'choice' ? ', options: [{value: a, label: Option A}, b]' : ''}${keys.map((k) => `, ${k}`).join('')}}`;
      });
      return `  - id: ${id}\n    title: ${id.charAt(0).toUpperCase()}${id.slice(1)}\n    goal: G\n    questions:\n${questions.join('\n')}`;
    })
    .join('\n');
  return parsePlaybook(`id: t\ntitle: T\ndescription: D\nversion: "1.0.0"\n${extra}stages:\n${body}\n`, 't.yaml');
}

function stateOf(pb: Playbook, answers: Record<string, AnswerValue>, deal?: string) {
  const start = startEntry(pb, deal === undefined ? {} : { deal });
  const entries: JournalEntry[] = [start, ...Object.entries(answers).map(([question, value]) => ({ type: 'answer' as const, at: start.at, question, value }))];
  entries.push({ type: 'finish', at: '2026-11-18T09:30:00.000Z' });
  return foldJournal(entries);
}

const CLEAR = { contracting: 'goal text', listening: 'first text, story long-text, worry long-text', action: 'best text, plan actions' };
const steps: ActionItem[] = [
  { id: '1', what: 'Call Priya and ask what changed', owner: 'rep', due: '2026-12-01' },
  { id: '2', what: 'Introduce Sam to our exec sponsor', owner: 'manager' },
];

describe('summaryOf: where the situation and the decision come from', () => {
  it.each<[string, Record<string, string>, Record<string, AnswerValue>, string | undefined, Partial<NoteSummary>]>([
    ['no marks: the first long-text answer of Listening', CLEAR, { goal: 'A plan', first: 'short', story: 'The CFO went quiet.', worry: 'Budget' }, undefined, { situation: 'The CFO went quiet.', decision: undefined }],
    ['no marks, the long text unanswered: the first text answer of Listening', CLEAR, { goal: 'A plan', first: 'Legal stalled it', worry: '' }, undefined, { situation: 'Legal stalled it' }],
    ['no marks, Listening unanswered: the deal', CLEAR, { goal: 'A plan' }, 'Acme renewal', { situation: 'Acme renewal' }],
    ['no marks, nothing to go on: no situation', CLEAR, { goal: 'A plan' }, undefined, { situation: undefined }],
    ['a marked situation wins, wherever it is', { ...CLEAR, contracting: 'goal text situation' }, { goal: 'Renewal at risk', story: 'Long story' }, undefined, { situation: 'Renewal at risk' }],
    ['a marked decision, as typed', { ...CLEAR, action: 'best text decision, plan actions' }, { story: 'S', best: 'Go to the CFO through Priya' }, undefined, { decision: 'Go to the CFO through Priya' }],
    ['a marked choice decides with its label', { ...CLEAR, action: 'pick choice decision, plan actions' }, { pick: 'a' }, undefined, { decision: 'Option A' }],
    ['the first answered of two marked questions', { ...CLEAR, action: 'd1 text decision, d2 text decision' }, { d2: 'second' }, undefined, { decision: 'second' }],
    ['without a Listening stage: the second stage', { goal: 'aim text', reality: 'now long-text', options: 'opts long-text' }, { aim: 'x', now: 'Quota at 60%', opts: 'y' }, undefined, { situation: 'Quota at 60%' }],
    ["the manager's own words are not the situation", { ...CLEAR, listening: 'mine long-text manager, story long-text' }, { mine: 'I think they stall', story: 'They wait for budget' }, undefined, { situation: 'They wait for budget' }],
    ['a private answer never, even marked', { ...CLEAR, listening: 'secret long-text private situation, story long-text' }, { secret: 'I nearly took over', story: 'The rep’s story' }, undefined, { situation: 'The rep’s story' }],
  ])('%s', (_name, stages, answers, deal, expected) => {
    const s = noteSummary(stateOf(playbook(stages), answers, deal));
    expect(s).toMatchObject(expected);
  });

  it('the next steps are the actions with their owners and due dates, private ones left out', () => {
    const pb = playbook({ ...CLEAR, review: 'mine actions private' });
    const s = noteSummary(stateOf(pb, { story: 'S', plan: steps, mine: [{ id: '3', what: 'My secret step', owner: 'manager' }] }));
    expect(s.steps).toEqual(['Call Priya and ask what changed — Sam Lee, due 2026-12-01', 'Introduce Sam to our exec sponsor — the manager']);
  });

  it('names the manager as the note’s Actions do, once the name is known', () => {
    const state = stateOf(playbook(CLEAR), { story: 'S', plan: steps });
    state.start.manager = 'Maria';
    expect(noteSummary(state).steps).toEqual(['Call Priya and ask what changed — Sam Lee, due 2026-12-01', 'Introduce Sam to our exec sponsor — Maria']);
    expect(renderNote(state)).toContain('- Introduce Sam to our exec sponsor — Maria');
  });

  it('a private stage with a summary mark is never read', () => {
    const withPrivate = parsePlaybook(
      `id: p\ntitle: P\ndescription: D\nversion: "1.0.0"\nstages:\n  - id: listening\n    title: Listening\n    goal: G\n    private: true\n    questions:\n      - {id: mine, text: "Mine?", type: long-text, summary: situation}\n`,
      'p.yaml',
    );
    expect(noteSummary(stateOf(withPrivate, { mine: 'I would rescue this' })).situation).toBeUndefined();
  });

  it('refuses an unknown summary role, with the ones it knows', () => {
    expect(() => playbook({ listening: 'story long-text situatoin' })).toThrow(/situation|decision/);
  });
});

describe('oneLine', () => {
  it.each([
    ['short text', 'Budget moved to Q2', 'Budget moved to Q2'],
    ['white space folded', '  Budget \t moved\n\n to Q2  ', 'Budget moved; to Q2'],
    ['a typed list, markers dropped', '- call Dana\n- send ROI', 'call Dana; send ROI'],
    ['numbered lines', '1. call Dana\n2) send ROI.', 'call Dana; send ROI.'],
    ['lines that end a sentence are not given a ;', 'It stalled.\nNobody knows why', 'It stalled. Nobody knows why'],
    ['CRLF', 'one\r\ntwo', 'one; two'],
    ['controls and escapes go', 'red \u001b[31mtext\u0007 end', 'red text end'],
    ['a long text: its first sentence', `The CFO went quiet after the proposal. ${'Then a lot more detail follows here. '.repeat(8)}`, 'The CFO went quiet after the proposal.'],
    ['a long sentence: cut at a word', `${'word '.repeat(60)}`, `${'word '.repeat(39).trim()}…`],
  ])('%s', (_name, text, expected) => {
    const line = oneLine(text);
    expect(line).toBe(expected);
    expect(line.length).toBeLessThanOrEqual(200);
    expect(line).not.toMatch(/\n/);
  });
});

describe('summaryText: plain text to paste', () => {
  it.each<[string, NoteSummary, string]>([
    ['everything', { situation: 'Budget moved to Q2', decision: 'Go through Priya', steps: ['Call Priya — Sam Lee, due 2026-12-01'] }, 'Situation: Budget moved to Q2\nDecided: Go through Priya\nNext steps:\n- Call Priya — Sam Lee, due 2026-12-01\n'],
    ['no decision', { situation: 'S', steps: ['A — Sam', 'B — manager'] }, 'Situation: S\nNext steps:\n- A — Sam\n- B — manager\n'],
    ['no steps', { situation: 'S', steps: [] }, 'Situation: S\nNext steps: none agreed.\n'],
  ])('%s', (_name, s, expected) => {
    expect(summaryText(s)).toBe(expected);
  });
});

describe('the summary in the note', () => {
  const pb = playbook({ ...CLEAR, action: 'best text decision, plan actions' });
  const hostile = '# Big *news* <b>x</b>\n---\n- [x] fake';
  const note = renderNote(stateOf(pb, { story: hostile, best: '| a | b |', plan: steps }, 'Acme'));

  it('opens the note, after the title and its facts line, before the actions', () => {
    const body = splitNote(note).body;
    expect(headings(topLevel(body)).slice(0, 3)).toEqual([
      [1, 'Coaching note: Sam Lee, 2026-11-18'],
      [2, 'Summary'],
      [2, 'Actions'],
    ]);
    expect(body.indexOf('**Playbook:**')).toBeLessThan(body.indexOf('## Summary'));
  });

  it('holds its structure with hostile answers: one paragraph a line, a plain list of steps', () => {
    const nodes = topLevel(splitNote(note).body);
    const at = nodes.findIndex((n) => n.type === 'heading' && textOf(n) === 'Summary');
    const section = nodes.slice(at + 1, nodes.findIndex((n, i) => i > at && n.type === 'heading'));
    expect(section.map((n) => [n.type, textOf(n)])).toEqual([
      ['paragraph', 'Situation: # Big *news* <b>x</b>; ---; [x] fake'],
      ['paragraph', 'Decided: | a | b |'],
      ['paragraph', 'Next steps:'],
      ['list', 'Call Priya and ask what changed — Sam Lee, due 2026-12-01\nIntroduce Sam to our exec sponsor — the manager'],
    ]);
  });

  it('is left out when there is nothing to say', () => {
    expect(renderNote(stateOf(pb, {}))).not.toContain('## Summary');
  });
});

describe('answers typed as lists stay lists', () => {
  it.each<[string, string, string[], string]>([
    ['dashes', '- call Dana\n- send ROI', ['- call Dana', '- send ROI'], '<ul><li>call Dana</li><li>send ROI</li></ul>'],
    ['stars and pluses become dashes', '* call Dana\n+ send ROI', ['- call Dana', '- send ROI'], '<ul><li>call Dana</li><li>send ROI</li></ul>'],
    ['bullets pasted from elsewhere', '• call Dana\n• send ROI', ['- call Dana', '- send ROI'], '<ul><li>call Dana</li><li>send ROI</li></ul>'],
    ['numbers keep their order', '1. call Dana\n2) send ROI', ['1. call Dana', '2. send ROI'], '<ol><li>call Dana</li><li>send ROI</li></ol>'],
    ['indented items come out flat', '  - call Dana\n    - send ROI', ['- call Dana', '- send ROI'], '<ul><li>call Dana</li><li>send ROI</li></ul>'],
    ['a line, then a list, then a line', 'Plan:\n- call Dana\n- send ROI\nThen we see', ['Plan:', '', '- call Dana', '- send ROI', '', 'Then we see'], '<p>Plan:</p><ul><li>call Dana</li><li>send ROI</li></ul><p>Then we see</p>'],
    ['markup inside an item stays text', '- # call <b>Dana</b>\n- 1. `send`', ['- \\# call \\<b\\>Dana\\</b\\>', '- 1\\. \\`send\\`'], '<ul><li># call &lt;b&gt;Dana&lt;/b&gt;</li><li>1. `send`</li></ul>'],
    ['a task box is text, not a task', '- [ ] call Dana', ['- \\[ \\] call Dana'], '<ul><li>[ ] call Dana</li></ul>'],
    ['a lone number is not a list', '2026. A big year', ['2026\\. A big year'], '<p>2026. A big year</p>'],
    ['a rule drawn with dashes is not a list', '- - -', ['\\- - -'], '<p>- - -</p>'],
    ['a dash with no words is not a list', '-\n- ', ['\\-\\', '\\-'], '<p>-<br />-</p>'],
    ['lines without markers stay lines', 'one\ntwo', ['one\\', 'two'], '<p>one<br />two</p>'],
  ])('%s', (_name, typed, markdown, html) => {
    const lines = block(typed);
    expect(lines).toEqual(markdown);
    expect(new HtmlRenderer().render(new Parser().parse(lines.join('\n'))).replace(/\n/g, '')).toBe(html);
  });
});

describe('repcoach show <id> --summary', () => {
  it('prints the summary alone, as plain text, the same for the rep; nothing private', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    const pb = playbook({ ...CLEAR, action: 'best text decision, mine text private, plan actions' });
    const { id } = await runSession(t, {
      rep: 'Sam Lee',
      deal: 'Acme',
      playbook: pb,
      answers: { goal: 'A plan', story: 'The CFO went *quiet*.\n- budget moved', best: 'Go through Priya', mine: 'Leave it with me', plan: [action('s1', 'Call Priya', 'rep', '2026-03-06'), action('s2', 'Intro to our CFO', 'manager')] },
    });
    const expected = 'Situation: The CFO went *quiet*. budget moved\nDecided: Go through Priya\nNext steps:\n- Call Priya — Sam Lee, due 2026-03-06\n- Intro to our CFO — Jordan\n';
    const manager = testContext(paths);
    await show(manager.ctx, { session: id, summary: true });
    expect(manager.out()).toBe(expected);
    const rep = testContext(paths);
    await show(rep.ctx, { session: id, summary: true, forRep: true });
    expect(rep.out()).toBe(expected);
    expect(rep.out()).not.toContain('Leave it with me');
  });

  it('says so on stderr when there is nothing to summarise', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    const { id } = await runSession(t, { rep: 'Ana', playbook: playbook({ contracting: 'goal text' }), answers: {} });
    const s = testContext(paths);
    await show(s.ctx, { session: id, summary: true });
    expect(s.out()).toBe('');
    expect(s.err()).toContain('Nothing to summarise yet');
  });
});
