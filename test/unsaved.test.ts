/**
 * A full disk, a read-only or vanished folder, a session taken over: the answer
 * that cannot be saved, and every one before it, are kept in memory and offered
 * a new home (src/store/unsaved.ts, src/run/unsaved.ts).
 *
 * Tests run as root, where chmod does not stop writes; failures are made real
 * another way: a folder replaced by a file (ENOTDIR), a lock taken over, or a
 * SessionHandle whose append reports ENOSPC (the only injected fault).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rescueUnsaved } from '../src/run/unsaved.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import type { JournalEntry } from '../src/model/journal.ts';
import { lockPathFor } from '../src/store/lock.ts';
import { UnsavedAnswersError } from '../src/store/unsaved.ts';
import { runQuestions, type AskResult, type Prompter } from '../src/run/questions.ts';
import { createSession, loadSession, type SessionHandle } from '../src/store/store.ts';
import type { Paths } from '../src/util/paths.ts';
import { cli, startFields, testContext } from './harness/data.ts';
import { tempDir, tempPaths } from './helpers.ts';

const PLAYBOOK = parsePlaybook(
  `id: four
title: Four questions
description: Four text questions.
version: "1"
stages:
  - id: only
    title: Only
    goal: Answer.
    questions:
      - { id: a, text: "First?" }
      - { id: b, text: "Second?" }
      - { id: c, text: "Third?" }
      - { id: d, text: "Fourth?" }
`,
  'four.yaml',
);

function scripted(answers: string[]): Prompter {
  let i = 0;
  return {
    stage() {},
    recap() {},
    actionSummary() {},
    message() {},
    async ask(): Promise<AskResult> {
      return { kind: 'answer', value: answers[i++] ?? 'extra' };
    },
  };
}

async function start(paths: Paths) {
  const fields = { ...(await startFields(paths)), snapshot: PLAYBOOK };
  const session = await createSession(paths, fields, new Date(fields.at));
  const entries: JournalEntry[] = [{ type: 'start', v: 1, id: session.id, ...fields }];
  return { session, entries };
}

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

async function unsavedFrom(run: Promise<unknown>): Promise<UnsavedAnswersError> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnsavedAnswersError);
  return err as UnsavedAnswersError;
}

describe('a save that fails mid-run', () => {
  it('stops with every answer in hand when the disk is full', async () => {
    const paths = tempPaths();
    const { session, entries } = await start(paths);
    let appends = 0;
    // The injected fault: the third append finds the disk full.
    const full = Object.assign(Object.create(session) as SessionHandle, {
      append: async (e: JournalEntry) => {
        if (++appends === 3) throw enospc();
        return session.append(e);
      },
    });
    const err = await unsavedFrom(runQuestions({ session: full, entries, prompter: scripted(['one', 'two', 'three']), now: () => new Date() }));
    expect(err.message).toBe(`The last answer could not be saved to ${session.file}: the disk is full.`);
    expect(err.entries.filter((e) => e.type === 'answer').map((e) => (e.type === 'answer' ? e.value : ''))).toEqual(['one', 'two', 'three']);
    // What is on disk is what was saved before the failure.
    expect((await loadSession(session.file)).state.answers.size).toBe(2);
    await session.close();
  });

  it('stops when the sessions folder is gone (a file in its place: ENOTDIR), never writing a headless journal', async () => {
    const paths = tempPaths();
    const { session, entries } = await start(paths);
    let asked = 0;
    const prompter = scripted(['one', 'two', 'three']);
    const ask = prompter.ask;
    prompter.ask = async (req) => {
      if (++asked === 2) {
        renameSync(paths.sessions, `${paths.sessions}.moved`);
        writeFileSync(paths.sessions, 'not a folder');
      }
      return ask(req);
    };
    const err = await unsavedFrom(runQuestions({ session, entries, prompter, now: () => new Date() }));
    expect(err.message).toContain('the file or its folder is gone');
    expect(err.answers).toBe(2);
    await session.close();
  });

  it('stops when another terminal has taken the session over', async () => {
    const paths = tempPaths();
    const { session, entries } = await start(paths);
    writeFileSync(lockPathFor(session.file), JSON.stringify({ pid: 4242, host: 'other', since: new Date().toISOString(), token: 'theirs' }));
    const err = await unsavedFrom(runQuestions({ session, entries, prompter: scripted(['one']), now: () => new Date() }));
    expect(err.message).toMatch(/was taken over by another terminal \(process 4242 on other/);
    expect(err.answers).toBe(1);
  });
});

describe('rescueUnsaved', () => {
  async function failed(paths: Paths) {
    const { session, entries } = await start(paths);
    const full = Object.assign(Object.create(session) as SessionHandle, {
      append: async () => {
        throw enospc();
      },
    });
    const err = await unsavedFrom(runQuestions({ session: full, entries, prompter: scripted(['the only answer']), now: () => new Date() }));
    await session.close();
    return err;
  }

  it('in a terminal: asks for a folder until one works, and writes a journal that resume can continue', async () => {
    const paths = tempPaths();
    const err = await failed(paths);
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a-file'), '');
    const replies = [path.join(dir, 'a-file', 'sub'), path.join(dir, 'usb')];
    const ctx = testContext(paths);
    const final = await rescueUnsaved(ctx, err, { ask: async () => replies.shift() ?? '' });
    const copy = path.join(dir, 'usb', `${err.session.id}.jsonl`);
    expect(ctx.err()).toMatch(/Nothing is lost yet: this session's 1 answer is still in memory/);
    expect(ctx.err()).toMatch(/Could not write to .*a-file\/sub: the file or its folder is gone/);
    expect(ctx.err()).toContain(`Saved to ${copy}.`);
    expect(final.message).toContain(`Its answers are saved in ${copy}`);
    expect(final.hint).toContain(`mv '${copy}' '${err.session.file}'`);
    const loaded = await loadSession(copy);
    expect(loaded.entries).toEqual(err.entries);
    expect(loaded.state.answers.get('a')).toBe('the only answer');
  });

  it('without a terminal (or with an empty reply, or Ctrl-C): prints the journal as JSON lines on standard error', async () => {
    const paths = tempPaths();
    const err = await failed(paths);
    const ctx = testContext(paths);
    await rescueUnsaved(ctx, err, {
      ask: async () => {
        throw Object.assign(new Error('User force closed the prompt'), { name: 'ExitPromptError' });
      },
    });
    const block = /-----BEGIN REPCOACH SESSION-----\n([\s\S]*)-----END REPCOACH SESSION-----/.exec(ctx.err())?.[1] ?? '';
    expect(block.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual(err.entries);
  });
});

describe('the CLI when the data folder cannot be written', () => {
  const answers = (dir: string) => {
    const file = path.join(dir, 'answers.json');
    writeFileSync(file, JSON.stringify({ outcome: 'x', topic: 'y', situation: 'z', already_tried: 'a', cause: 'b', options: 'c', without_me: 'd', best_option: 'e', actions: [{ what: 'call', owner: 'rep' }], learned: 'f', confidence: 8 }));
    return file;
  };

  it('a data folder under a file: a clear error, not a crash', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'file'), '');
    const r = cli(path.join(dir, 'file', 'home'), ['run', '--rep', 'Sam', '--answers', answers(dir), '--no-input'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^repcoach: A folder could not be created, because a file is in its way: /);
    expect(r.stderr).not.toMatch(/unexpected error|at .*\.js:\d+/);
  });

  it('a notes folder that cannot be written: every answer is kept, and the user is told how to write the note later', () => {
    const dir = tempDir();
    const home = path.join(dir, 'home');
    mkdirSync(home);
    writeFileSync(path.join(dir, 'blocked'), '');
    const r = cli(home, ['run', '--rep', 'Sam', '--answers', answers(dir), '--no-input', '--notes-dir', path.join(dir, 'blocked', 'notes')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/The note could not be written: the file or its folder is gone .* Every answer is saved in session \d{8}-\d{4}-\w{4}\./);
    expect(r.stderr).toMatch(/run `repcoach resume \d{8}-\d{4}-\w{4}` to write the note/);
    const list = JSON.parse(cli(home, ['sessions', '--json']).stdout) as { sessions: Array<{ answers: number; status: string }> };
    expect(list.sessions[0]).toMatchObject({ answers: 11, status: 'in-progress' });
    expect(readFileSync(answers(dir), 'utf8')).toContain('outcome');
  });
});
