/**
 * The action list at the real terminal prompter (issue 10, issue 15): add, edit
 * and remove actions; every change saved at once; due dates echoed as the date
 * they mean; a past date kept only when the manager says so.
 */
import { describe, expect, it } from 'vitest';
import { parsePlaybook } from '../src/playbook/parse.ts';
import { createTerminalPrompter } from '../src/prompts/index.ts';
import { runQuestions } from '../src/run/questions.ts';
import { loadSession } from '../src/store/store.ts';
import { tempPaths } from './helpers.ts';
import { KEY, KeyTerminal } from './support/keys.ts';
import { newSession, T0, tickingClock } from './support/session.ts';

// T0 is Wednesday 18 November 2026.
const PLAYBOOK = `
id: plan
title: Plan
description: One action list.
version: "1.0.0"
stages:
  - id: action
    title: Action
    goal: Next steps.
    questions:
      - id: plan
        text: What will you do, and by when?
        type: actions
`;

async function run(script: (t: KeyTerminal, journal: () => Promise<Awaited<ReturnType<typeof loadSession>>>) => Promise<void>) {
  const paths = tempPaths();
  const { session, entries } = await newSession(paths, parsePlaybook(PLAYBOOK, 'plan.yaml'));
  const t = new KeyTerminal();
  let n = 0;
  const prompter = createTerminalPrompter({ colorLevel: 0, input: t.input, output: t.output, now: () => new Date(T0), newActionId: () => `a${++n}` });
  const settled = runQuestions({ session, entries, prompter, now: tickingClock() }).then(
    () => undefined,
    (err: unknown) => err,
  );
  await script(t, () => loadSession(session.file));
  const error = await settled;
  return { error, loaded: await loadSession(session.file), t };
}

/** Type an action: what, owner (Enter keeps the rep; keys move), due. */
async function action(t: KeyTerminal, n: number, what: string, ownerKeys: string[], due: string) {
  await t.at(`Action ${n}: what will be done?`, what, KEY.enter);
  await t.at('Who owns it?', ...ownerKeys, KEY.enter);
  await t.at('Due (', due, KEY.enter);
}

// "Add another action?" lists: add, edit, remove, done (the default).
const ADD = [KEY.up, KEY.up, KEY.up];
const EDIT = [KEY.up, KEY.up];
const REMOVE = [KEY.up];

describe('the action list', () => {
  it('adds, edits and removes actions; the answer is the list as left', async () => {
    const { error, loaded, t } = await run(async (t) => {
      await action(t, 1, 'Call Jo', [], 'friday');
      await t.at('Add another action?', ...ADD, KEY.enter);
      await action(t, 2, 'Send the deck', [KEY.down], '');
      await t.at('Add another action?', ...EDIT, KEY.enter);
      await t.at('Which action do you want to edit?', KEY.enter);
      await t.at('Action 1: what will be done? (Tab to edit)', KEY.tab, ' and the CFO', KEY.enter);
      await t.at('Who owns it?', KEY.down, KEY.down, KEY.enter);
      await t.at('Due (', KEY.tab, KEY.backspace.repeat(10), 'next friday', KEY.enter);
      await t.at('Add another action?', ...REMOVE, KEY.enter);
      await t.at('Which action do you want to remove?', KEY.down, KEY.enter);
      await t.at('Add another action?', KEY.enter);
    });
    expect(error).toBeUndefined();
    expect(loaded.state.answers.get('plan')).toEqual([{ id: 'a1', what: 'Call Jo and the CFO', owner: 'both', due: '2026-11-27' }]);
    expect(t.plain).toContain('Removed: Send the deck');
    // The list is shown again after a change, numbered.
    expect(t.plain).toMatch(/1\. ☐ Call Jo and the CFO — the rep and you, due 2026-11-27/);
  });

  it('"None" changes nothing', async () => {
    const { loaded } = await run(async (t) => {
      await action(t, 1, 'Call Jo', [], '');
      await t.at('Add another action?', ...REMOVE, KEY.enter);
      await t.at('Which action do you want to remove?', KEY.down, KEY.down, KEY.enter);
      await t.at('Add another action?', KEY.enter);
    });
    expect(loaded.state.answers.get('plan')).toEqual([{ id: 'a1', what: 'Call Jo', owner: 'rep' }]);
  });

  it('an empty "what" when adding another stops adding and keeps the list', async () => {
    const { loaded } = await run(async (t) => {
      await action(t, 1, 'Call Jo', [], '');
      await t.at('Add another action?', ...ADD, KEY.enter);
      await t.at('Action 2: what will be done?', KEY.enter);
      await t.at('Add another action?', KEY.enter);
    });
    expect(loaded.state.answers.get('plan')).toEqual([{ id: 'a1', what: 'Call Jo', owner: 'rep' }]);
  });

  it('saves the "what" as soon as it is typed, before the owner is asked (issue 15), then each change', async () => {
    const seen: unknown[] = [];
    const { loaded } = await run(async (t, journal) => {
      await t.at('Action 1: what will be done?', 'Call Jo', KEY.enter);
      await t.waitFor('Who owns it?');
      seen.push((await journal()).state.answers.get('plan'));
      t.send(KEY.down, KEY.enter);
      await t.waitFor('Due (');
      seen.push((await journal()).state.answers.get('plan'));
      t.send('friday', KEY.enter);
      await t.waitFor('Add another action?');
      seen.push((await journal()).state.answers.get('plan'));
      await t.at('Add another action?', ...REMOVE, KEY.enter);
      await t.at('Which action do you want to remove?', KEY.enter);
      await t.waitFor('Removed: Call Jo');
      await new Promise((r) => setTimeout(r, 50));
      seen.push((await journal()).state.answers.get('plan'));
      await t.at('Action 1: what will be done?', KEY.ctrlC);
    });
    expect(seen).toEqual([
      // Marked unfinished until its owner and due date are in: a resume asks them.
      [{ id: 'a1', what: 'Call Jo', owner: 'rep', unfinished: true }],
      [{ id: 'a1', what: 'Call Jo', owner: 'manager', unfinished: true }],
      [{ id: 'a1', what: 'Call Jo', owner: 'manager', due: '2026-11-20' }],
      [],
    ]);
    expect(loaded.state.status).toBe('paused');
  });

  it('an action cut off before its owner was chosen is asked its owner and due date on resume, not finished as the rep’s', async () => {
    const paths = tempPaths();
    const { session, entries } = await newSession(paths, parsePlaybook(PLAYBOOK, 'plan.yaml'));
    const first = new KeyTerminal();
    let n = 0;
    const prompter = (t: KeyTerminal) => createTerminalPrompter({ colorLevel: 0, input: t.input, output: t.output, now: () => new Date(T0), newActionId: () => `a${++n}` });
    const cut = runQuestions({ session, entries, prompter: prompter(first), now: tickingClock() }).then(
      () => undefined,
      (err: unknown) => err,
    );
    await first.at('Action 1: what will be done?', 'Ask finance for the ROI template', KEY.enter);
    await first.at('Who owns it?', KEY.ctrlC);
    expect(await cut).toBeDefined();
    const paused = await loadSession(session.file);
    expect(paused.state.answers.get('plan')).toEqual([{ id: 'a1', what: 'Ask finance for the ROI template', owner: 'rep', unfinished: true }]);

    const again = new KeyTerminal();
    const resumed = runQuestions({ session, entries: paused.entries, prompter: prompter(again), now: tickingClock() });
    await again.at('Who owns it?', KEY.down, KEY.enter);
    await again.at('Due (', 'friday', KEY.enter);
    await again.at('Add another action?', KEY.enter);
    await resumed;
    expect(again.plain).toContain('Action 1 was cut off before its owner and due date: Ask finance for the ROI template');
    expect((await loadSession(session.file)).state.answers.get('plan')).toEqual([{ id: 'a1', what: 'Ask finance for the ROI template', owner: 'manager', due: '2026-11-20' }]);
  });
});

describe('due dates at the prompt', () => {
  it.each<[string, string, string]>([
    ['tuesday', '2026-11-24', 'Tue 24 Nov 2026'],
    ['next friday', '2026-11-27', 'Fri 27 Nov 2026'],
    ['dec 1', '2026-12-01', 'Tue 1 Dec 2026'],
    ['in 2 weeks', '2026-12-02', 'Wed 2 Dec 2026'],
    ['+3d', '2026-11-21', 'Sat 21 Nov 2026'],
  ])('%j is taken as %s and echoed as %j', async (typed, value, echo) => {
    const { loaded, t } = await run(async (t) => {
      await action(t, 1, 'Call Jo', [], typed);
      await t.at('Add another action?', KEY.enter);
    });
    expect(loaded.state.answers.get('plan')).toEqual([{ id: 'a1', what: 'Call Jo', owner: 'rep', due: value }]);
    // Once answered, the prompt shows the date meant, not the words typed.
    expect(t.plain).toContain(`none): ${echo}\n`);
  });

  it('a word it cannot read is refused with the forms it takes, and can be typed again', async () => {
    const { loaded, t } = await run(async (t) => {
      await action(t, 1, 'Call Jo', [], 'soonish');
      await t.waitFor('Use a date like');
      t.send(KEY.backspace.repeat(7), 'friday', KEY.enter);
      await t.at('Add another action?', KEY.enter);
    });
    expect(t.plain).toContain('Use a date like 2026-12-01, friday, next friday, dec 1, in 2 weeks');
    expect(loaded.state.answers.get('plan')).toEqual([{ id: 'a1', what: 'Call Jo', owner: 'rep', due: '2026-11-20' }]);
  });

  it('a date in the past is asked about: No asks again, Yes keeps it', async () => {
    const { loaded, t } = await run(async (t) => {
      await action(t, 1, 'Call Jo', [], '2026-10-18');
      await t.at('Sun 18 Oct 2026 is in the past. Keep that date?', 'n', KEY.enter);
      await t.at('Due (', 'friday', KEY.enter);
      await t.at('Add another action?', ...ADD, KEY.enter);
      await action(t, 2, 'Log the call', [], 'a month ago');
      await t.at('is in the past. Keep that date?', 'y', KEY.enter);
      await t.at('Add another action?', KEY.enter);
    });
    expect(loaded.state.answers.get('plan')).toEqual([
      { id: 'a1', what: 'Call Jo', owner: 'rep', due: '2026-11-20' },
      { id: 'a2', what: 'Log the call', owner: 'rep', due: '2026-10-18' },
    ]);
    expect(t.plain).toContain('Sun 18 Oct 2026 is in the past');
  });
});
