/** `repcoach resume [session]`: continue a paused or cut-off session where it stopped. */
import { existsSync } from 'node:fs';
import { UsageError, UserError } from '../errors.ts';
import { hashText, readTextFile } from '../playbook/load.ts';
import { describeAnswer } from '../prompts/index.ts';
import type { JournalEntry } from '../session/journal.ts';
import { recapItems } from '../session/run.ts';
import { findSession, listSessions, loadSession, repairTornTail, SessionHandle, type LoadedSession } from '../session/store.ts';
import { openSettings } from '../settings.ts';
import type { CommandContext } from './context.ts';
import { converse } from './run.ts';

export interface ResumeOptions {
  session?: string | undefined;
  notesDir?: string | undefined;
}

export async function resume(ctx: CommandContext, opts: ResumeOptions): Promise<void> {
  if (!ctx.stdinIsTTY) {
    throw new UsageError('repcoach resume needs a terminal to ask questions, and standard input is not one.');
  }
  const target = opts.session ? await findSession(ctx.paths, opts.session) : await newestUnfinished(ctx);
  if (target.state.status === 'done') {
    throw new UserError(`Session ${target.id} is already finished.`, `Its note: ${target.state.notePath ?? '(none recorded)'}`);
  }
  await repairTornTail(target);
  const loaded = target.damage?.tornTail ? await loadSession(target.file) : target;
  if (loaded.damage) {
    throw new UserError(
      `Session ${loaded.id} is damaged at line ${loaded.damage.line} (${loaded.damage.reason}).`,
      `Its file is ${loaded.file}; the answers before that line are intact.`,
    );
  }

  const settings = await openSettings(ctx.paths);
  const { createTerminalPrompter } = await import('../prompts/index.ts');
  const prompter = createTerminalPrompter({ colorLevel: ctx.color, output: ctx.stdout, now: ctx.now, newActionId: ctx.newId });
  const { start } = loaded.state;
  const changed = await playbookChanged(start.playbook.file, start.playbook.hash);
  prompter.message(`Resuming session ${loaded.id}: ${start.rep.name}, “${start.playbook.title}”, started ${start.at.slice(0, 16).replace('T', ' ')}.`);
  if (changed) {
    prompter.message(
      `The playbook file ${start.playbook.file} has changed since this session started; continuing with the version it started with (v${start.playbook.version}).`,
    );
  }
  prompter.recap(recapItems(loaded.state, describeAnswer));

  const session = new SessionHandle(loaded.id, loaded.file);
  const entry: JournalEntry = { type: 'resume', at: ctx.now().toISOString(), ...(changed ? { playbookChanged: true } : {}) };
  await session.append(entry);
  await converse(ctx, settings, opts, session, [...loaded.entries, entry], prompter);
}

async function newestUnfinished(ctx: CommandContext): Promise<LoadedSession> {
  const { sessions } = await listSessions(ctx.paths);
  const open = sessions.filter((s) => s.state.status !== 'done');
  open.sort((a, b) => b.state.lastAt.localeCompare(a.state.lastAt));
  const newest = open[0];
  if (!newest) throw new UserError('There is no unfinished session to resume.', 'Start one with `repcoach run`.');
  return newest;
}

async function playbookChanged(file: string, hash: string): Promise<boolean> {
  if (!existsSync(file)) return false;
  try {
    return hashText(await readTextFile(file, 'playbook')) !== hash;
  } catch {
    return true;
  }
}
