/**
 * Resuming a session (`repcoach resume`, and `run` when the rep has a paused
 * one): which session, the recap, and on to the note through completeSession.
 * The terminal's prompter is made by the caller; a session whose questions are
 * all answered finishes without one (`--no-input`).
 */
import { existsSync } from 'node:fs';
import { UsageError, UserError } from '../util/errors.ts';
import { hashText, readTextFile } from '../playbook/load.ts';
import type { JournalEntry, StartEntry } from '../model/journal.ts';
import { visibleSteps } from '../model/engine.ts';
import { loadRollup, type IndexSettings } from '../lookback/queries.ts';
import type { SessionRow } from '../lookback/rollup.ts';
import { findSession, journalOf, loadSession, openSession, SESSION_ID, sessionFile, type LoadedSession } from '../store/store.ts';
import { notesDir, openSettings } from '../config/settings.ts';
import { cleanLeftovers } from '../util/cleanup.ts';
import { localMinute } from '../util/dates.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';
import { completeSession } from './conversation.ts';
import { recapItems, type Prompter } from './questions.ts';
import type { AnswerValue, Question } from '../playbook/schema.ts';

export interface ResumeOptions {
  session?: string | undefined;
  notesDir?: string | undefined;
  /** False with --no-input: ask nothing; finish a session whose required questions are all answered. */
  input?: boolean | undefined;
}

/** What resuming in a terminal needs from the terminal's face (src/prompts). */
export interface ResumeFace {
  prompter: (start: Pick<StartEntry, 'rep' | 'manager'>) => Prompter;
  describeAnswer: (q: Question, v: AnswerValue) => string;
  askFolder: (message: string) => Promise<string>;
}

export async function resumeSession(ctx: CommandContext, opts: ResumeOptions, face: () => Promise<ResumeFace>): Promise<void> {
  if (opts.input === false) return finishWithoutInput(ctx, opts);
  if (!ctx.stdinIsTTY) {
    throw new UsageError(
      'repcoach resume needs a terminal to ask questions, and standard input is not one.',
      'A session whose questions are all answered (its note could not be written) finishes without one: repcoach resume <id> --no-input',
    );
  }
  const settings = await openSettings(ctx.paths);
  const file = opts.session ? await locateSession(ctx, opts.session) : (await newestUnfinished(ctx, settings)).file;
  await cleanLeftovers(ctx.paths, notesDir(settings, ctx.paths, opts.notesDir));
  // The lock first: another terminal may have it open; a torn tail is repaired under it.
  const { session, loaded, notice } = await openSession(ctx.paths, file);
  if (notice) println(ctx.stderr, `warning: ${safeText(notice)}`);
  try {
    if (loaded.state.status === 'done') {
      throw new UserError(`Session ${loaded.id} is already finished.`, `Its note: ${loaded.state.notePath ?? '(none recorded)'}`);
    }
    const { start } = loaded.state;
    const terminal = await face();
    const prompter = terminal.prompter(start);
    const changed = await playbookChanged(start.playbook.file, start.playbook.hash);
    prompter.message(`Resuming session ${loaded.id}: ${start.rep.name}, “${start.playbook.title}”, started ${localMinute(start.at)}.`);
    if (changed) {
      prompter.message(
        `The playbook file ${start.playbook.file} has changed since this session started; continuing with the version it started with (v${start.playbook.version}).`,
      );
    }
    prompter.recap(recapItems(loaded.state, terminal.describeAnswer));

    const entry: JournalEntry = { type: 'resume', at: ctx.now().toISOString(), ...(changed ? { playbookChanged: true } : {}) };
    await session.append(entry);
    await completeSession(ctx, settings, session, [...loaded.entries, entry], prompter, { notesDir: opts.notesDir, askFolder: terminal.askFolder });
  } finally {
    await session.close();
  }
}

/** The journal of a session given by id or prefix; an exact id is opened as is, so a damaged file is quarantined by openSession. */
async function locateSession(ctx: CommandContext, ref: string): Promise<string> {
  if (SESSION_ID.test(ref)) {
    const file = sessionFile(ctx.paths, ref);
    if (existsSync(file)) return file;
  }
  return (await findSession(ctx.paths, ref)).file;
}

/**
 * The unfinished session last worked on. The index knows which sessions are
 * unfinished, so only their journals are read (not 10,000 of them); which was
 * worked on last is in the journals alone.
 */
export async function newestUnfinished(ctx: CommandContext, settings: IndexSettings): Promise<LoadedSession> {
  const { rollup, notices } = await loadRollup(ctx.paths, settings);
  for (const n of notices) println(ctx.stderr, `warning: ${safeText(n)}`);
  const newest = (await unfinishedSessions(ctx, rollup.rows))[0];
  if (!newest) throw new UserError('There is no unfinished session to resume.', 'Start one with `repcoach run`.');
  return newest;
}

/**
 * The sessions of `rows` (index rows) still unfinished by their journals, the one
 * last worked on first. `run` offers the first of a rep's to resume (issue 10).
 */
export async function unfinishedSessions(ctx: CommandContext, rows: readonly SessionRow[]): Promise<LoadedSession[]> {
  const open: LoadedSession[] = [];
  for (const row of rows) {
    if (row.status === 'done') continue;
    // Finished or moved away since the index was brought up to date: not a candidate.
    const loaded = await loadSession(journalOf(ctx.paths, row)).catch(() => undefined);
    if (loaded && loaded.state.status !== 'done') open.push(loaded);
  }
  return open.sort((a, b) => b.state.lastAt.localeCompare(a.state.lastAt));
}

async function playbookChanged(file: string, hash: string): Promise<boolean> {
  if (!existsSync(file)) return false;
  try {
    return hashText(await readTextFile(file, 'playbook')) !== hash;
  } catch {
    return true;
  }
}

/**
 * `resume <id> --no-input`, for scripts: a session stopped after its last answer
 * (a full disk when the note was written) is finished and its note written, with
 * nobody to ask; optional questions never reached are skipped. A required
 * question still unanswered is listed, and nothing is changed.
 */
async function finishWithoutInput(ctx: CommandContext, opts: ResumeOptions): Promise<void> {
  if (!opts.session) throw new UsageError('--no-input needs the session id: repcoach resume <id> --no-input');
  const file = await locateSession(ctx, opts.session);
  const settings = await openSettings(ctx.paths);
  const dir = notesDir(settings, ctx.paths, opts.notesDir);
  await cleanLeftovers(ctx.paths, dir);
  const { session, loaded, notice } = await openSession(ctx.paths, file);
  if (notice) println(ctx.stderr, `warning: ${safeText(notice)}`);
  try {
    if (loaded.state.status === 'done') {
      throw new UserError(`Session ${loaded.id} is already finished.`, `Its note: ${loaded.state.notePath ?? '(none recorded)'}`);
    }
    const steps = visibleSteps(loaded.state.start.snapshot, loaded.state.answers);
    const pending = steps.filter((s) => !loaded.state.answers.has(s.question.id) && !loaded.state.skipped.has(s.question.id));
    const missing = pending.filter((s) => s.question.required).map((s) => s.question.id);
    if (missing.length > 0) {
      throw new UserError(
        `Session ${loaded.id} still needs ${missing.length === 1 ? 'an answer' : 'answers'} to ${missing.join(', ')}; nothing was changed.`,
        `Continue it in a terminal: repcoach resume ${loaded.id}`,
      );
    }
    const entries = [...loaded.entries];
    const at = () => ctx.now().toISOString();
    for (const s of pending) {
      const skip: JournalEntry = { type: 'skip', at: at(), question: s.question.id };
      await session.append(skip);
      entries.push(skip);
    }
    const { finishSession } = await import('./finish.ts');
    const { rescueSettings } = await import('../mirror/settings.ts');
    const { notePath } = await finishSession({ session, entries, notesDir: dir, now: ctx.now, rescue: rescueSettings(settings) });
    println(ctx.stdout, notePath);
  } finally {
    await session.close();
  }
}
