/**
 * Ctrl-D (the end of input) at any prompt pauses a run exactly as Ctrl-C does
 * (issue 10): the journal gets its pause entry and the run ends with an
 * InterruptedError, which the CLI prints as "Paused… resume with" and exit 130.
 * The real terminal prompter is driven through streams, key bytes in.
 */
import { input } from '@inquirer/prompts';
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../src/util/errors.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import { createTerminalPrompter } from '../src/prompts/index.ts';
import { guarded } from '../src/prompts/io.ts';
import { runQuestions } from '../src/run/questions.ts';
import { loadSession } from '../src/store/store.ts';
import { tempPaths } from './helpers.ts';
import { KEY, KeyTerminal } from './support/keys.ts';
import { newSession, T0, tickingClock } from './support/session.ts';

function playbook(question: string): string {
  return `
id: eof
title: EOF test
description: One question of one kind.
version: "1.0.0"
stages:
  - id: only
    title: Only
    goal: Ask one thing.
    questions:
${question
  .trim()
  .split('\n')
  .map((l, i) => `      ${i === 0 ? '- ' : '  '}${l}`)
  .join('\n')}
`;
}

/** Run the playbook's questions in a pretend terminal; `script` types. */
async function run(yaml: string, script: (t: KeyTerminal) => Promise<void>) {
  const paths = tempPaths();
  const { session, entries } = await newSession(paths, parsePlaybook(yaml, 'eof.yaml'));
  const t = new KeyTerminal();
  let n = 0;
  const prompter = createTerminalPrompter({ colorLevel: 0, input: t.input, output: t.output, now: () => new Date(T0), newActionId: () => `a${++n}` });
  const settled = runQuestions({ session, entries, prompter, now: tickingClock() }).then(
    () => undefined,
    (err: unknown) => err,
  );
  await script(t);
  const error = await settled;
  const loaded = await loadSession(session.file);
  return { error, loaded, t };
}

const KINDS: Array<[string, string, string]> = [
  ['text', 'id: q\ntext: What do you want from today?', 'What do you want from today?'],
  ['long-text', 'id: q\ntext: What have you tried?\ntype: long-text', 'an empty line finishes'],
  ['number', 'id: q\ntext: How many calls?\ntype: number', 'How many calls?'],
  ['scale', 'id: q\ntext: How confident?\ntype: scale', '1 to 10'],
  ['yes-no', 'id: q\ntext: Did it help?\ntype: yes-no', 'Did it help?'],
  ['choice', 'id: q\ntext: Which help?\ntype: choice\noptions: [plan, skill]', 'Which help?'],
  ['multi-choice', 'id: q\ntext: Which skills?\ntype: multi-choice\noptions: [closing, listening]', 'Which skills?'],
  ['actions', 'id: q\ntext: What will you do?\ntype: actions', 'Action 1: what will be done?'],
];

describe('Ctrl-D pauses like Ctrl-C', () => {
  it.each(KINDS)('at a %s prompt: the journal is paused and the run ends interrupted', async (_kind, question, shown) => {
    const { error, loaded } = await run(playbook(question), async (t) => t.at(shown, KEY.ctrlD));
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as InterruptedError).sessionId).toBe(loaded.id);
    expect(loaded.state.status).toBe('paused');
    expect(loaded.entries.at(-1)?.type).toBe('pause');
  });

  it('Ctrl-C still does the same', async () => {
    const { error, loaded } = await run(playbook(KINDS[0]?.[1] ?? ''), async (t) => t.at('What do you want', KEY.ctrlC));
    expect(error).toBeInstanceOf(InterruptedError);
    expect(loaded.state.status).toBe('paused');
  });

  const ACTIONS = 'id: q\ntext: What will you do?\ntype: actions';
  it.each<[string, (t: KeyTerminal) => Promise<void>]>([
    ['who owns it', async (t) => {
      await t.at('Action 1: what will be done?', 'Call Jo', KEY.enter);
      await t.at('Who owns it?', KEY.ctrlD);
    }],
    ['the due date', async (t) => {
      await t.at('Action 1: what will be done?', 'Call Jo', KEY.enter);
      await t.at('Who owns it?', KEY.enter);
      await t.at('Due (', KEY.ctrlD);
    }],
    ['add another', async (t) => {
      await t.at('Action 1: what will be done?', 'Call Jo', KEY.enter);
      await t.at('Who owns it?', KEY.enter);
      await t.at('Due (', KEY.enter);
      await t.at('Add another action?', KEY.ctrlD);
    }],
  ])('in the action list, at %s: paused, and the action typed is kept', async (_where, script) => {
    const { error, loaded } = await run(playbook(ACTIONS), script);
    expect(error).toBeInstanceOf(InterruptedError);
    expect(loaded.state.status).toBe('paused');
    expect(loaded.state.answers.get('q')).toEqual([expect.objectContaining({ what: 'Call Jo', owner: 'rep' })]);
  });

  it('Ctrl-D with text on the line deletes forward, as in any shell, and does not end the prompt', async () => {
    const { error, loaded } = await run(playbook(KINDS[0]?.[1] ?? ''), async (t) => {
      await t.at('What do you want', 'A plan', KEY.ctrlD, KEY.enter);
      await t.waitFor('A plan');
    });
    expect(error).toBeUndefined();
    expect(loaded.state.answers.get('q')).toBe('A plan');
  });
});

describe('guarded', () => {
  it('turns the end of input into ExitPromptError, the error Ctrl-C raises', async () => {
    const t = new KeyTerminal();
    const asked = guarded({ input: t.input, output: t.output }, (ctx) => input({ message: 'Name?' }, ctx));
    await t.at('Name?', KEY.ctrlD);
    await expect(asked).rejects.toMatchObject({ name: 'ExitPromptError' });
  });

  it('an input stream that simply ends (stdin from a file) does the same', async () => {
    const t = new KeyTerminal();
    const asked = guarded({ input: t.input, output: t.output }, (ctx) => input({ message: 'Name?' }, ctx));
    await t.waitFor('Name?');
    t.input.end();
    await expect(asked).rejects.toMatchObject({ name: 'ExitPromptError' });
  });

  it('leaves an answered prompt alone, one after another on the same input', async () => {
    const t = new KeyTerminal();
    const io = { input: t.input, output: t.output };
    const first = guarded(io, (ctx) => input({ message: 'First?' }, ctx));
    await t.at('First?', 'one', KEY.enter);
    await expect(first).resolves.toBe('one');
    const second = guarded(io, (ctx) => input({ message: 'Second?' }, ctx));
    await t.at('Second?', 'two', KEY.enter);
    await expect(second).resolves.toBe('two');
  });
});
