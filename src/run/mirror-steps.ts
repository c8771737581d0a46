/**
 * The rescue mirror's steps at the end of a run (issue 5), before the note is
 * written: the ownership ledger (each flagged action: hand back, support, or
 * deliberate rescue) and the manager's private self-check. Every choice is
 * journaled the moment it is made, so Ctrl-C, a crash or `resume` picks up at
 * the next undecided item. Driven through the Prompter, like the questions.
 */
import { InterruptedError } from '../util/errors.ts';
import { fill } from '../playbook/placeholders.ts';
import type { RescueOptions } from '../rescue/detect.ts';
import { pendingRescues } from '../mirror/ledger.ts';
import { hasOwnSelfCheck, SELF_CHECK_OFFER, SELF_CHECK_STAGE, selfCheckQuestions } from '../mirror/self-check.ts';
import { contextOf, shownAnswersOf } from '../model/engine.ts';
import { foldJournal, type JournalEntry, type SessionState } from '../model/journal.ts';
import { isPromptExit, type Prompter } from './questions.ts';
import type { SessionHandle } from '../store/store.ts';

export interface MirrorOptions {
  session: SessionHandle;
  entries: JournalEntry[];
  prompter: Prompter;
  now: () => Date;
  /** Rescue phrases from settings. */
  rescue?: RescueOptions | undefined;
}

export async function runMirror(opts: MirrorOptions): Promise<JournalEntry[]> {
  const entries = [...opts.entries];
  // Only a prompter that knows the mirror (it answers `ownership`) is asked its questions;
  // another (a script written for the questions alone) finishes as before.
  if (!opts.prompter.ownership) return entries;
  const record = async (entry: JournalEntry) => {
    await opts.session.append(entry);
    entries.push(entry);
  };
  const at = () => opts.now().toISOString();
  try {
    await reviewOwnership(foldJournal(entries), opts, record, at);
    await selfCheck(foldJournal(entries), opts, record, at);
  } catch (err) {
    if (isPromptExit(err)) {
      await record({ type: 'pause', at: at() });
      throw new InterruptedError(opts.session.id);
    }
    throw err;
  }
  return entries;
}

type Recorder = (entry: JournalEntry) => Promise<void>;

async function reviewOwnership(state: SessionState, opts: MirrorOptions, record: Recorder, at: () => string) {
  const ask = opts.prompter.ownership?.bind(opts.prompter);
  if (!ask) return;
  const pending = pendingRescues(state, opts.rescue);
  for (const [i, item] of pending.entries()) {
    const answer = await ask({ item, rep: state.start.rep.name, index: i + 1, count: pending.length });
    const base = { type: 'ownership' as const, at: at(), question: item.question, action: item.action.id };
    if (answer.choice === 'hand-back') await record({ ...base, choice: 'hand-back', what: answer.what.trim() || item.suggestion });
    else if (answer.choice === 'rescue') await record({ ...base, choice: 'rescue', reason: answer.reason.trim() });
    else await record({ ...base, choice: 'support' });
  }
}

async function selfCheck(state: SessionState, opts: MirrorOptions, record: Recorder, at: () => string) {
  if (hasOwnSelfCheck(state.start.snapshot)) return;
  const questions = selfCheckQuestions(state);
  const done = new Map(state.selfCheck ?? []);
  if (questions.every((q) => done.has(q.id))) return;
  const ctx = contextOf(state);
  const shown = shownAnswersOf(state);
  const progress = (i: number) => ({ stage: 1, stages: 1, question: i + 1, questions: questions.length });

  opts.prompter.stage({ stage: { ...SELF_CHECK_STAGE, questions }, letter: SELF_CHECK_STAGE.letter ?? '✓', index: 1, count: 1, goal: SELF_CHECK_STAGE.goal, tip: SELF_CHECK_STAGE.tip });
  if (done.size === 0) {
    const offer = await opts.prompter.ask({ question: SELF_CHECK_OFFER, text: SELF_CHECK_OFFER.text, initial: true, progress: { stage: 1, stages: 1, question: 1, questions: 1 }, canGoBack: false });
    if (offer.kind === 'answer' && offer.value === false) {
      for (const q of questions) await record({ type: 'self-check', at: at(), item: q.id, skipped: true });
      return;
    }
  }
  for (let i = questions.findIndex((q) => !done.has(q.id)); i >= 0 && i < questions.length; ) {
    const q = questions[i];
    if (!q) break;
    const current = done.get(q.id);
    const result = await opts.prompter.ask({
      question: q,
      text: fill(q.text, ctx, shown),
      initial: current ?? (typeof q.default === 'string' ? q.default : undefined),
      progress: progress(i),
      canGoBack: i > 0,
    });
    if (result.kind === 'back') {
      i--;
      continue;
    }
    const entry: JournalEntry =
      result.kind === 'skip' ? { type: 'self-check', at: at(), item: q.id, skipped: true } : { type: 'self-check', at: at(), item: q.id, value: result.value };
    await record(entry);
    done.set(q.id, result.kind === 'skip' ? null : result.value);
    i++;
  }
}
