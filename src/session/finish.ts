import { writeNote } from '../note/write.ts';
import { foldJournal, type JournalEntry, type SessionState } from './journal.ts';
import { actionsOf, type Prompter } from './run.ts';
import type { SessionHandle } from './store.ts';

/**
 * End a session whose questions are all answered: show the action plan, write
 * the note, then journal "finish" with the note's path. Writing the note first
 * means a crash in between leaves a session that simply finishes again.
 */
export async function finishSession(opts: {
  session: SessionHandle;
  entries: JournalEntry[];
  notesDir: string;
  prompter?: Prompter;
  now: () => Date;
}): Promise<{ state: SessionState; notePath: string }> {
  const at = opts.now().toISOString();
  const done = foldJournal([...opts.entries, { type: 'finish', at }]);
  opts.prompter?.actionSummary(actionsOf(done), done.start.rep.name);
  // The note is encrypted exactly when the session's journal is.
  const notePath = await writeNote(opts.notesDir, done, { sealer: await opts.session.sealer() });
  const finish: JournalEntry = { type: 'finish', at, note: notePath };
  await opts.session.append(finish);
  return { state: foldJournal([...opts.entries, finish]), notePath };
}
