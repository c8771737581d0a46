/**
 * The `run` command without a terminal: an answers file in, a note out; and the
 * errors a script meets (unknown ids, missing answers, no terminal).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { CommandContext } from '../src/config/context.ts';
import { knownSpelling, run } from '../src/commands/run.ts';
import { UsageError, UserError } from '../src/util/errors.ts';
import { listSessions } from '../src/store/store.ts';
import { resolvePaths } from '../src/util/paths.ts';
import { tempDir } from './helpers.ts';
import { noteAnswers, splitNote } from './support/markdown.ts';
import { T0, tickingClock } from './support/session.ts';

function collect() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

function testContext() {
  const home = tempDir();
  const env = { REPCOACH_HOME: home };
  const stdout = collect();
  const stderr = collect();
  let n = 0;
  const ctx: CommandContext = {
    paths: resolvePaths(env),
    env,
    cwd: home,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    stdout: stdout.stream,
    stderr: stderr.stream,
    color: 0,
    now: tickingClock(T0),
    newId: () => `id${++n}`,
  };
  return { ctx, home, stdout: stdout.text, stderr: stderr.text };
}

/** Every required question of the built-in one-to-one, plus two optional ones. */
const FULL = {
  outcome: 'A plan for the Acme renewal',
  topic: 'Acme renewal',
  focus: 'plan',
  situation: 'They went quiet after the pricing call.\nThe champion left.',
  already_tried: 'Two emails and a call.',
  cause: 'No new champion yet',
  options: 'Ask the CFO; find a new champion; offer a pilot.',
  without_me: 'Call the CFO',
  best_option: 'Find a new champion',
  actions: [
    { what: 'Ask Jo for an introduction to the new VP', owner: 'rep', due: '2026-11-20' },
    { what: 'Share the pilot template', owner: 'manager' },
  ],
  learned: 'Multi-thread earlier',
  confidence: 6,
  raise_confidence: 'A date with the VP',
};

async function runWith(answers: unknown, opts: { rep?: string; deal?: string; manager?: string; file?: string } = {}) {
  const t = testContext();
  const file = opts.file ?? 'answers.yaml';
  writeFileSync(path.join(t.home, file), typeof answers === 'string' ? answers : file.endsWith('.json') ? JSON.stringify(answers) : stringify(answers));
  const result = await run(t.ctx, {
    playbook: 'one-to-one',
    rep: opts.rep ?? 'Sam Lee',
    deal: opts.deal,
    manager: opts.manager,
    answers: file,
    input: false,
  }).then(
    () => undefined,
    (err: unknown) => err,
  );
  return { ...t, error: result };
}

describe('run --answers', () => {
  it('keeps the rep’s name as written before when it is typed in another case; a corrected spelling is new', async () => {
    const first = await runWith(FULL, { rep: 'Dana  Ortiz' });
    expect(first.error).toBeUndefined();
    const again = async (rep: string) => {
      const r = await run(first.ctx, { playbook: 'one-to-one', rep, answers: 'answers.yaml', input: false }).then(() => undefined, (e: unknown) => e);
      expect(r).toBeUndefined();
      const { sessions } = await listSessions(first.ctx.paths);
      return sessions.map((x) => x.state.start.rep.name);
    };
    expect(await again('dana ortiz')).toEqual(['Dana  Ortiz', 'Dana  Ortiz']);
    expect(await again('Dana Ortíz')).toContain('Dana Ortíz');
  });

  it('says which open commitments it could not review, on stderr, and leaves them open', async () => {
    const first = await runWith(FULL);
    expect(first.error).toBeUndefined();
    expect(first.stderr()).toBe('');
    const before = first.stdout();
    const r = await run(first.ctx, { playbook: 'one-to-one', rep: 'Sam Lee', answers: 'answers.yaml', input: false }).then(() => undefined, (e: unknown) => e);
    expect(r).toBeUndefined();
    // Both actions of the first session, the rep's and the manager's, are still open.
    expect(first.stderr()).toBe('2 open commitments with Sam Lee not reviewed (an answers file has no one to ask); the next run in a terminal reviews them.\n');
    // stdout still holds note paths alone, one per run, for scripts.
    expect(first.stdout().slice(before.length).trim()).toMatch(/\.md$/);
  });

  it.each([
    ['dana ortiz', 'Dana Ortiz', 'Dana Ortiz'],
    ['DANA   ORTIZ', 'Dana Ortiz', 'Dana Ortiz'],
    ['Dana Ortíz', 'Dana Ortiz', 'Dana Ortíz'],
    ['Dana', 'Dana Ortiz', 'Dana'],
    ['dana ortiz', undefined, 'dana ortiz'],
  ])('knownSpelling(%j, %j) is %j', (typed, known, expected) => {
    expect(knownSpelling(typed, known)).toBe(expected);
  });

  it.each(['answers.yaml', 'answers.json'])('a full %s writes the note (0600) and prints its path', async (file) => {
    const { ctx, stdout, error } = await runWith(FULL, { file, deal: 'Acme renewal', manager: 'Alex' });
    expect(error).toBeUndefined();
    const notePath = stdout().trim();
    expect(notePath).toBe(path.join(ctx.paths.notes, 'sam-lee', '2026-11-18-one-to-one.md'));
    expect(statSync(notePath).mode & 0o777).toBe(0o600);
    const note = readFileSync(notePath, 'utf8');
    expect(splitNote(note).front).toMatchObject({ rep: 'Sam Lee', manager: 'Alex', deal: 'Acme renewal', playbook: 'one-to-one', status: 'done' });
    const answers = noteAnswers(note);
    expect(answers.get('What do you want to walk out of this conversation with, Sam Lee?')).toBe(FULL.outcome);
    expect(answers.get('Walk me through what is happening with Acme renewal, in your own words.')).toBe(
      'They went quiet after the pricing call. The champion left.',
    );
    expect(answers.get('What kind of help would be most useful today?')).toBe('Building a plan');
    expect(answers.get('On a scale of 1 to 10, how confident are you in this plan?')).toBe('6 / 10');
    expect(answers.get('What would move that number up by one?')).toBe('A date with the VP');
    expect(answers.get('What will you do, and by when?')).toBe(
      '[ ] Ask Jo for an introduction to the new VP — Sam Lee, due 2026-11-20 [ ] Share the pilot template — Alex',
    );
    // Optional questions not in the file are skipped; one whose condition fails is left out.
    expect(answers.get('What else could explain what is happening?')).toBe('Skipped.');
    expect(answers.get('What happened when you did that?')).toBe('Skipped.');
    const { sessions } = await listSessions(ctx.paths);
    expect(sessions.map((s) => [s.state.status, s.state.notePath])).toEqual([['done', notePath]]);
  });

  it('leaves out an answer whose condition does not hold', async () => {
    const { stdout, error } = await runWith({ ...FULL, confidence: 9 });
    expect(error).toBeUndefined();
    const note = readFileSync(stdout().trim(), 'utf8');
    expect(noteAnswers(note).has('What would move that number up by one?')).toBe(false);
    expect(note).not.toContain('A date with the VP');
  });

  it('an id the playbook does not have is an error that names it, and starts no session', async () => {
    const { ctx, error } = await runWith({ ...FULL, confidance: 7 });
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/:\d+:1: error: "confidance" is not a question of the playbook "one-to-one" \(did you mean "confidence"\?\)/);
    expect((error as UserError).hint).toContain('repcoach playbook answers one-to-one');
    expect((await listSessions(ctx.paths)).sessions).toEqual([]);
  });

  it('answers of the wrong form are listed by id', async () => {
    const { error } = await runWith({ ...FULL, confidence: 11, focus: 'golf' });
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/focus: expected one of "think-aloud"/);
    expect((error as UserError).message).toMatch(/confidence: expected a number from 1 to 10/);
  });

  it('missing required answers are listed, and what was given is kept as a paused session', async () => {
    const given = { outcome: FULL.outcome, topic: FULL.topic, focus: 'skill', confidence: 3 };
    const { ctx, error } = await runWith(given);
    expect(error).toBeInstanceOf(UserError);
    expect(error).not.toBeInstanceOf(UsageError);
    const message = (error as UserError).message;
    expect(message).toContain('Missing required answers: situation, already_tried, cause, options, without_me, best_option, actions, learned.');
    const { sessions } = await listSessions(ctx.paths);
    expect(sessions).toHaveLength(1);
    const [s] = sessions;
    expect(s?.state.status).toBe('paused');
    expect(Object.fromEntries(s?.state.answers ?? [])).toEqual(given);
    expect(message).toContain(`paused session ${s?.id}`);
    expect((error as UserError).hint).toContain(`repcoach resume ${s?.id}`);
  });

  it('an empty answer to a required question counts as missing', async () => {
    const { ctx, error } = await runWith({ ...FULL, outcome: '   ', actions: [] });
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('Missing required answers: outcome, actions.');
    const [s] = (await listSessions(ctx.paths)).sessions;
    expect(s?.state.answers.has('outcome')).toBe(false);
  });

  it.each<[string, string, string]>([
    ['a list', '- a\n- b\n', 'must be a map of question id to answer'],
    ['bad YAML', 'outcome: "unclosed\n', 'Missing closing "quote'],
    ['a __proto__ key', '__proto__: {x: 1}\n', 'the key "__proto__" is not allowed'],
  ])('an answers file that is %s is refused', async (_name, text, fragment) => {
    const { error } = await runWith(text);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(fragment);
    expect((error as UserError).message).not.toContain('playbook');
  });

  it('remembers --manager in the settings', async () => {
    const { ctx, error } = await runWith(FULL, { manager: 'Alex Kim' });
    expect(error).toBeUndefined();
    const config = JSON.parse(readFileSync(path.join(ctx.paths.config, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config['manager']).toBe('Alex Kim');
  });
});

describe('run without a terminal', () => {
  it('without --answers and with stdin not a terminal is a UsageError, not a hang', async () => {
    const { ctx } = testContext();
    const error = await run(ctx, { playbook: 'one-to-one', rep: 'Sam', input: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toContain('standard input is not one');
    expect((await listSessions(ctx.paths)).sessions).toEqual([]);
  });

  it('--no-input without --answers is a UsageError', async () => {
    const { ctx } = testContext();
    const error = await run({ ...ctx, stdinIsTTY: true }, { playbook: 'one-to-one', rep: 'Sam', input: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain('--no-input needs --answers');
  });

  it('--answers without --rep is a UsageError', async () => {
    const { ctx, home } = testContext();
    writeFileSync(path.join(home, 'a.yaml'), stringify(FULL));
    const error = await run(ctx, { playbook: 'one-to-one', answers: 'a.yaml', input: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain('--rep');
  });
});
