import { writeNote } from '../note/write.ts';
import type { RescueOptions } from '../rescue/detect.ts';
import { foldJournal, type JournalEntry, type SessionState } from '../model/journal.ts';
import { runMirror } from './mirror-steps.ts';
import { actionsOf, type Prompter } from './questions.ts';
import { notePathToStore, type SessionHandle } from '../store/store.ts';

/**
 * End a session whose questions are all answered: show the action plan, hold
 * up the rescue mirror (ownership ledger, self-check; issue 5), write the note,
 * then journal "finish" with the note's path. Writing the note first means a
 * crash in between leaves a session that simply finishes again.
 */
export async function finishSession(opts: {
  session: SessionHandle;
  entries: JournalEntry[];
  notesDir: string;
  prompter?: Prompter;
  now: () => Date;
  /** Rescue phrases from settings, added to the built-in and playbook lists. */
  rescue?: RescueOptions | undefined;
}): Promise<{ state: SessionState; notePath: string }> {
  let entries = opts.entries;
  if (opts.prompter) {
    const before = foldJournal(entries);
    opts.prompter.actionSummary(actionsOf(before), before.start.rep.name);
    entries = await runMirror({ session: opts.session, entries, prompter: opts.prompter, now: opts.now, rescue: opts.rescue });
  }
  const at = opts.now().toISOString();
  const done = foldJournal([...entries, { type: 'finish', at }]);
  // The note is encrypted exactly when the session's journal is.
  const notePath = await writeNote(opts.notesDir, done, { rescue: opts.rescue, sealer: await opts.session.sealer() });
  const finish: JournalEntry = { type: 'finish', at, note: notePathToStore(opts.session.file, notePath) };
  await opts.session.append(finish);
  const state = foldJournal([...entries, finish]);
  state.notePath = notePath;
  return { state, notePath };
}
