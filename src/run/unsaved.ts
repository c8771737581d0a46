/**
 * What a command does when a run stops with answers it could not save: say
 * what went wrong, offer to write the session to another folder (in a
 * terminal), and otherwise print the journal as JSON lines on standard error,
 * so no answer is lost with the process.
 */
import path from 'node:path';
import { UserError } from '../util/errors.ts';
import { describeWriteFailure, journalLines, writeRescueCopy, type UnsavedAnswersError } from '../store/unsaved.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';

export interface UnsavedRescueOptions {
  /** Ask for a folder; undefined when not in a terminal. */
  ask?: ((message: string) => Promise<string>) | undefined;
}

/** Handle the error, then return the error to throw (always a UserError: exit code 1). */
export async function rescueUnsaved(ctx: CommandContext, err: UnsavedAnswersError, opts: UnsavedRescueOptions): Promise<UserError> {
  const { id, file } = err.session;
  const n = err.answers;
  println(ctx.stderr, safeText(`\n${err.message}`));
  println(ctx.stderr, `Nothing is lost yet: this session's ${n} ${n === 1 ? 'answer is' : 'answers are'} still in memory.`);
  const resumeHint = (copy: string) =>
    `Once the problem is fixed, put the copy in place of the session file and continue:\n  mv '${copy}' '${file}'\n  repcoach resume ${id}`;

  for (let tries = 0; opts.ask && tries < 5; tries++) {
    let answer: string;
    try {
      answer = await opts.ask('Folder to save them in (e.g. a USB stick); leave empty to print them here instead:');
    } catch {
      break; // Ctrl-C at the question: print them rather than lose them
    }
    if (!answer) break;
    const dir = path.resolve(ctx.cwd, answer);
    try {
      const copy = await writeRescueCopy(dir, err);
      println(ctx.stderr, safeText(`Saved to ${copy}.`));
      return new UserError(`Session ${id} stopped: ${describeWriteFailure(err.cause)}. Its answers are saved in ${copy}.`, resumeHint(copy));
    } catch (writeErr) {
      println(ctx.stderr, safeText(`Could not write to ${dir}: ${describeWriteFailure(writeErr)}. Try another folder.`));
    }
  }

  println(ctx.stderr, `\nThe session's journal, one JSON entry per line (save these lines as ${id}.jsonl):`);
  println(ctx.stderr, '-----BEGIN REPCOACH SESSION-----');
  // JSON escapes every control character, so this is safe to print as is.
  ctx.stderr.write(journalLines(err.entries).join(''));
  println(ctx.stderr, '-----END REPCOACH SESSION-----');
  return new UserError(
    `Session ${id} stopped: ${describeWriteFailure(err.cause)}. Its answers are printed above.`,
    resumeHint(`${id}.jsonl`),
  );
}
