/**
 * The conversation from any point to the note, shared by `run` and `resume`,
 * and the two ends of the review of earlier commitments it opens with.
 */
import { UserError } from '../util/errors.ts';
import { rescueSettings } from '../mirror/settings.ts';
import type { JournalEntry, StartEntry } from '../model/journal.ts';
import { isWriteFailure, describeWriteFailure, UnsavedAnswersError } from '../store/unsaved.ts';
import type { SessionHandle } from '../store/store.ts';
import { commitmentsToReview, deriveCommitments, type Commitment } from '../model/commitments.ts';
import { openCommitments, type Rollup } from '../lookback/rollup.ts';
import { loadRollup, loadSummariesOfRep } from '../lookback/queries.ts';
import { commitIfEnabled } from '../note/git.ts';
import { isoDate, localDay } from '../util/dates.ts';
import { safeText } from '../util/term.ts';
import { notesDir, type Settings } from '../config/settings.ts';
import { println, type CommandContext } from '../config/context.ts';
import { runQuestions, type Between, type Prompter } from './questions.ts';
import { commitmentReview } from './review.ts';
import { rescueUnsaved } from './unsaved.ts';

export interface CompleteOptions {
  /** --notes-dir: where the note goes, in place of the settings' folder. */
  notesDir?: string | undefined;
  /** The earlier commitments to review first, when already looked up (a new run). */
  toReview?: ToReview | undefined;
  /** Asks for a folder to save answers in when the session cannot be written; undefined with no terminal. */
  askFolder?: ((message: string) => Promise<string>) | undefined;
}

/**
 * Carry a session from where its journal stands to its note: the commitments
 * review and the rep's topics, the remaining questions, the rescue mirror, the
 * note (committed with `notes.git`), and the index brought up to date.
 * `run` calls this after the first entry, `resume` after the resume entry.
 */
export async function completeSession(
  ctx: CommandContext,
  settings: Settings,
  session: SessionHandle,
  entries: JournalEntry[],
  prompter: Prompter,
  opts: CompleteOptions = {},
): Promise<void> {
  const { chainBetween, topicsAtStart } = await import('./topics.ts');
  const first = entries[0];
  const topics = first?.type === 'start' ? topicsAtStart(first.rep.name, first.topics, prompter) : undefined;
  const between = chainBetween(topics, await reviewOfCommitments(ctx, settings, entries, prompter, opts.toReview));
  let result;
  try {
    result = await runQuestions({ session, entries, prompter, now: ctx.now, between });
  } catch (err) {
    if (!(err instanceof UnsavedAnswersError)) throw err;
    throw await rescueUnsaved(ctx, err, { ask: opts.askFolder });
  }
  // Loaded only now: the note, the rescue check and their libraries are not needed to ask questions.
  const { finishSession } = await import('./finish.ts');
  const dir = notesDir(settings, ctx.paths, opts.notesDir);
  const { state, notePath } = await finishSession({
    session,
    entries: result.entries,
    notesDir: dir,
    prompter,
    now: ctx.now,
    rescue: rescueSettings(settings),
  }).catch((err: unknown) => {
    throw noteNotWritten(err, session.id);
  });
  prompter.message(`\nNote written: ${notePath}`);
  await commitNote(ctx, settings, dir, notePath, state.start);
  // Summarise the finished session now, while the rescue check is loaded anyway: otherwise the
  // next run would load it before its first question, to bring the index up to date.
  await loadRollup(ctx.paths, settings).catch(() => undefined);
}

/** The commitments a session reviews, or why they could not be looked up. */
export type ToReview = { list: Commitment[] } | { problem: string };

/** The index's rollup for a new run, or why it could not be read. */
export async function readRollup(ctx: CommandContext, settings: Settings): Promise<{ rollup: Rollup } | { problem: string }> {
  try {
    const { rollup, notices } = await loadRollup(ctx.paths, settings);
    for (const n of notices) println(ctx.stderr, `warning: ${safeText(n)}`);
    return { rollup };
  } catch (err) {
    return { problem: (err as Error).message };
  }
}

/** A new session's commitments to review: the rep's open now. */
export function openNow(known: { rollup: Rollup } | { problem: string }, start: Pick<StartEntry, 'rep' | 'at'>): ToReview {
  if (!('rollup' in known)) return known;
  return { list: openCommitments(known.rollup, start.rep.slug).filter((c) => c.agreed < start.at) };
}

/** A resumed session's: outcomes it gave already do not close a commitment for it. */
async function commitmentsToReviewAgain(ctx: CommandContext, settings: Settings, start: StartEntry): Promise<ToReview> {
  try {
    // A rep's commitments are reviewed in that rep's sessions alone (deriveCommitments): their summaries are enough.
    const { items, notices } = await loadSummariesOfRep(ctx.paths, settings, start.rep.slug);
    for (const n of notices) println(ctx.stderr, `warning: ${safeText(n)}`);
    return { list: commitmentsToReview(deriveCommitments(items), start.rep.slug, start.at, start.id) };
  } catch (err) {
    return { problem: (err as Error).message };
  }
}

/** The review of the rep's open commitments from earlier sessions, when there are any. */
async function reviewOfCommitments(ctx: CommandContext, settings: Settings, entries: JournalEntry[], prompter: Prompter, toReview?: ToReview): Promise<Between | undefined> {
  const start = entries[0];
  if (start?.type !== 'start') return undefined;
  const found = toReview ?? (entries.length === 1 ? openNow(await readRollup(ctx, settings), start) : await commitmentsToReviewAgain(ctx, settings, start));
  if ('problem' in found) {
    // Looking back must never stop a conversation from going ahead.
    prompter.message(`(Last time's commitments could not be loaded: ${found.problem})`);
    return undefined;
  }
  const list = found.list;
  if (list.length === 0) return undefined;
  return commitmentReview({ commitments: list, prompter, now: ctx.now, today: () => isoDate(ctx.now()) });
}

/** With `notes.git` on, commit the note just written. */
export async function commitNote(ctx: CommandContext, settings: Settings, dir: string, notePath: string, start: StartEntry): Promise<void> {
  await commitIfEnabled(
    settings.get('notes.git'),
    dir,
    [notePath],
    `Coaching note: ${start.rep.name}, ${localDay(start.at)} (${start.playbook.id})`,
    (warning) => println(ctx.stderr, `warning: ${safeText(warning)}`),
    { env: ctx.env, author: start.manager },
  );
}

/** Every answer is in the journal by now; only the note (or the final entry) is missing. */
export function noteNotWritten(err: unknown, id: string): unknown {
  if (!isWriteFailure(err)) return err;
  return new UserError(
    `The note could not be written: ${describeWriteFailure(err)}${(err as NodeJS.ErrnoException).path ? ` (${(err as NodeJS.ErrnoException).path})` : ''}. Every answer is saved in session ${id}.`,
    `Once the problem is fixed, run \`repcoach resume ${id}\` to write the note (in a script: \`repcoach resume ${id} --no-input\`).`,
  );
}
