/**
 * `repcoach delete <session>`: a session gone for good — its journal, its note,
 * its rows in the index (and the search index: nothing it said stays in a
 * cache), and with notes.git on a commit of the note's removal. Its
 * commitments go with it: they are derived from its journal, so no later
 * review lists them. Sessions that reviewed its actions are kept intact (their
 * own journal and note hold what they recorded).
 *
 * `repcoach discard <session>` (here too) is the same for a session that
 * was never finished (started by mistake, a test), which has no note: a
 * finished session is refused (its note is a record).
 *
 * The order makes a crash harmless: the note goes first (and its removal is
 * committed), the journal last, so an interrupted delete is finished by running
 * it again; until then the session is still listed.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../util/errors.ts';
import { refreshIndexes } from '../lookback/queries.ts';
import { acquireLock, LOCKED_HINT } from '../store/lock.ts';
import { finishHint, pendingRepChange } from '../upkeep/rep-change.ts';
import { findSession, removeJournal, type LoadedSession } from '../store/store.ts';
import { notesDir, openSettings } from '../config/settings.ts';
import { cleanLeftovers } from '../util/cleanup.ts';
import { exists, syncDir } from '../util/fs.ts';
import { safeText } from '../util/term.ts';
import { confirmed, type ConfirmOptions } from './shared/confirm.ts';
import { println, type CommandContext } from '../config/context.ts';

export interface DeleteOptions extends ConfirmOptions {
  session: string;
}

/** For a session open elsewhere: the lock's own hint speaks of resuming it. */

const STATUS = { 'in-progress': 'in progress', paused: 'paused', done: 'done' } as const;

export async function deleteSession(ctx: CommandContext, opts: DeleteOptions): Promise<void> {
  await removeSession(ctx, opts, 'delete');
}

export async function discard(ctx: CommandContext, opts: DeleteOptions): Promise<void> {
  await removeSession(ctx, opts, 'discard');
}

/** What delete and discard share; `mode` says which one the manager asked for. */
async function removeSession(ctx: CommandContext, opts: DeleteOptions, mode: 'delete' | 'discard'): Promise<void> {
  const pending = await pendingRepChange(ctx.paths);
  if (pending) throw new UserError(`Nothing was ${mode === 'delete' ? 'deleted' : 'discarded'}.`, finishHint(pending));
  const found = await findSession(ctx.paths, opts.session);
  if (mode === 'discard' && found.state.status === 'done') {
    throw new UserError(
      `Session ${found.id} is finished: discard is for a session that was never finished.`,
      `To remove it and its note: repcoach delete ${found.id}`,
    );
  }
  // Another terminal may have it open (run, resume): that blocks it, with who has it.
  const lock = await acquireLock(found.file).catch((err: unknown) => {
    throw err instanceof UserError ? new UserError(`${err.message} Nothing was ${mode === 'delete' ? 'deleted' : 'discarded'}.`, LOCKED_HINT) : err;
  });
  try {
    const settings = await openSettings(ctx.paths);
    const dir = notesDir(settings, ctx.paths);
    await cleanLeftovers(ctx.paths, dir);
    const loaded = await findSession(ctx.paths, found.id);
    const note = loaded.state.notePath && (await exists(loaded.state.notePath)) ? loaded.state.notePath : undefined;
    const question = `${mode === 'delete' ? 'Delete' : 'Discard'} session ${describe(loaded)}${note ? ` and its note ${shown(dir, note)}` : ''}?`;
    const again = `repcoach ${mode} ${loaded.id}`;
    if (!(await confirmed(ctx, opts, safeText(question), `repcoach ${mode}`, again))) {
      println(ctx.stderr, 'Nothing was changed.');
      return;
    }
    let committed = false;
    if (note) {
      await fs.rm(note, { force: true });
      await syncDir(path.dirname(note));
      if (settings.get('notes.git')) {
        const { commitNoteChanges } = await import('../note/git.ts');
        const { start } = loaded.state;
        const git = await commitNoteChanges(dir, { written: [], removed: [note] }, `Delete coaching note: ${start.rep.name}, session ${loaded.id}`, { env: ctx.env, author: start.manager });
        if (git.warning) println(ctx.stderr, `warning: ${safeText(git.warning)}`);
        committed = git.committed;
      }
    }
    await removeJournal(loaded.file);
    await lock.release();
    await refreshIndexes(ctx.paths, settings);
    const parts = ['its journal', ...(note ? [`its note ${shown(dir, note)}`] : [])];
    println(ctx.stdout, safeText(`${mode === 'delete' ? 'Deleted' : 'Discarded'} session ${loaded.id} with ${loaded.state.start.rep.name}: ${parts.join(' and ')}${committed ? ' (committed to git)' : ''}.`));
  } finally {
    await lock.release();
  }
}

/** "20261123-0945-k7qd with Sam Lee (one-to-one, done, 14 answers)" */
function describe(s: LoadedSession): string {
  const n = s.state.answers.size;
  return `${s.id} with ${s.state.start.rep.name} (${s.state.start.playbook.id}, ${STATUS[s.state.status]}, ${n} ${n === 1 ? 'answer' : 'answers'})`;
}

/** A note's path as the manager knows it: from the notes folder's parent ("notes/sam-lee/…md"), or whole when elsewhere. */
function shown(notesDir: string, note: string): string {
  const rel = path.relative(path.dirname(notesDir), note);
  return rel.startsWith('..') || path.isAbsolute(rel) ? note : rel;
}
