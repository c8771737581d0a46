/**
 * Drives one coaching session: asks each visible question through a Prompter,
 * journals each answer before asking the next, and handles back, skip and
 * Ctrl-C. No terminal here: the Prompter is passed in, so whole runs are tested
 * with scripted answers (test/flow.test.ts).
 */
import { InterruptedError } from '../util/errors.ts';
import { fill, type Context } from '../playbook/placeholders.ts';
import type { ActionItem, AnswerValue, Question, Stage } from '../playbook/schema.ts';
import type { Answers } from '../playbook/conditions.ts';
import type { OwnershipAnswer, OwnershipRequest } from '../mirror/ledger.ts';
import { collectActions, contextOf, firstPending, progressOf, shownAnswers, visibleSteps, type Progress, type Step } from '../model/engine.ts';
import { foldJournal, type JournalEntry, type SessionState } from '../model/journal.ts';
import { unsavedAnswers } from '../store/unsaved.ts';
import type { SessionHandle } from '../store/store.ts';

export interface StageInfo {
  stage: Stage;
  letter: string;
  /** 1-based among the visible stages. */
  index: number;
  count: number;
  goal: string;
  tip?: string | undefined;
}

export interface AskRequest {
  question: Question;
  /** The question's text with placeholders filled in. */
  text: string;
  help?: string | undefined;
  /** The current answer when going back, else the playbook's default. */
  initial?: AnswerValue | undefined;
  progress: Progress;
  canGoBack: boolean;
  /** For action lists: persist the items entered so far (called after each item). */
  savePartial?: (items: ActionItem[]) => Promise<void>;
}

export type AskResult = { kind: 'answer'; value: AnswerValue } | { kind: 'skip' } | { kind: 'back' };

/**
 * Issue 10: a question of the commitment review (run/review.ts): a choice or a line of text
 * under the review's own counter ("Last time's commitments · 1 of 3"), never a stage counter.
 */
export interface ReviewAskRequest {
  question: Question;
  text: string;
  help?: string | undefined;
  initial?: AnswerValue | undefined;
  counter: string;
  canGoBack: boolean;
}

/** The only way a run talks to a person. prompts/ implements it for the terminal. */
export interface Prompter {
  stage(info: StageInfo): void;
  ask(req: AskRequest): Promise<AskResult>;
  /** Show what was already answered (on resume). */
  recap(items: Array<{ text: string; answer: string }>): void;
  actionSummary(actions: Array<ActionItem & { question: string }>, rep: string): void;
  message(text: string): void;
  /**
   * Issue 5: an action the manager took on looks like a rescue; ask what to do
   * with it. Optional: without it, flagged actions stay undecided in the note and
   * the end-of-run self-check is not asked (run/mirror-steps.ts).
   */
  ownership?(req: OwnershipRequest): Promise<OwnershipAnswer>;
  /** Issue 10: a question of the commitment review. Optional: without it the review asks through `ask`. */
  askReview?(req: ReviewAskRequest): Promise<AskResult>;
}

export interface QuestionsOptions {
  session: SessionHandle;
  /** Entries already in the journal (at least the start entry). */
  entries: JournalEntry[];
  prompter: Prompter;
  now: () => Date;
  /** Work done between questions, such as the commitment review (run/review.ts). */
  between?: Between | undefined;
}

/**
 * Where a run stands between two questions. `phase` is "stage" just before a
 * new stage opens, "question" just before a question is asked (after its
 * stage has opened), "end" once no question is left.
 */
export interface BetweenPoint {
  phase: 'stage' | 'question' | 'end';
  next: Step | undefined;
  /** Progress of the next question, if any. */
  progress: Progress | undefined;
  state: SessionState;
  /** Journal an entry (fsynced) and fold it into the state. */
  record: (entry: JournalEntry) => Promise<void>;
}

export type Between = (point: BetweenPoint) => Promise<void>;

export interface RunResult {
  state: SessionState;
  entries: JournalEntry[];
}

/** Ask until every visible question is answered or skipped; journal as we go. */
export async function runQuestions(opts: QuestionsOptions): Promise<RunResult> {
  const entries = [...opts.entries];
  let state = foldJournal(entries);
  const pb = state.start.snapshot;
  // Worked out again after each answer: the playbook's deal question sets {{deal}} (issue 10).
  let ctx = contextOf(state);
  const record = async (entry: JournalEntry) => {
    try {
      await opts.session.append(entry);
    } catch (err) {
      // Disk full, folder gone, session taken over: stop with every answer still in hand (unsaved.ts).
      throw unsavedAnswers(err, opts.session, [...entries, entry]);
    }
    entries.push(entry);
    state = foldJournal(entries);
    ctx = contextOf(state);
  };
  const at = () => opts.now().toISOString();

  let steps = visibleSteps(pb, state.answers);
  let cursor = firstPending(steps, state);
  let shownStage = -1;
  const between = async (phase: BetweenPoint['phase'], next: Step | undefined) => {
    if (opts.between) await opts.between({ phase, next, progress: next ? progressOf(steps, cursor) : undefined, state, record });
  };
  try {
    while (cursor < steps.length) {
      const step = steps[cursor];
      if (!step) break;
      const shown = shownAnswers(steps, state.answers);
      if (step.stageIndex !== shownStage) {
        await between('stage', step);
        shownStage = step.stageIndex;
        const p = progressOf(steps, cursor);
        opts.prompter.stage({
          stage: step.stage,
          letter: step.stage.letter ?? step.stage.title.charAt(0).toUpperCase(),
          index: p.stage,
          count: p.stages,
          goal: fill(step.stage.goal, ctx, shown),
          tip: step.stage.tip === undefined ? undefined : fill(step.stage.tip, ctx, shown),
        });
      }
      await between('question', step);
      const q = step.question;
      const result = await opts.prompter.ask({
        question: q,
        text: fill(q.text, ctx, shown),
        help: q.help === undefined ? undefined : fill(q.help, ctx, shown),
        initial: state.answers.get(q.id) ?? defaultAnswer(q, ctx, shown),
        progress: progressOf(steps, cursor),
        canGoBack: cursor > 0,
        ...(q.type === 'actions'
          ? { savePartial: (items: ActionItem[]) => record({ type: 'answer', at: at(), question: q.id, value: items, partial: true }) }
          : {}),
      });
      if (result.kind === 'back') {
        cursor = Math.max(0, cursor - 1);
        continue;
      }
      if (result.kind === 'skip') await record({ type: 'skip', at: at(), question: q.id });
      else await record({ type: 'answer', at: at(), question: q.id, value: result.value });
      steps = visibleSteps(pb, state.answers);
      cursor = firstPending(steps, state);
    }
    await between('end', undefined);
  } catch (err) {
    if (isPromptExit(err)) {
      await record({ type: 'pause', at: at() });
      throw new InterruptedError(opts.session.id);
    }
    throw err;
  }
  return { state, entries };
}

/** A playbook default in the form its question's answer takes. */
function defaultAnswer(q: Question, ctx: Context, answers: Answers): AnswerValue | undefined {
  const d = q.default;
  if (d === undefined) return undefined;
  if (q.type === 'multi-choice') return (Array.isArray(d) ? d : [d]).map(String);
  if (q.type === 'choice') return String(d);
  if (typeof d === 'string') return fill(d, ctx, answers, true) || undefined;
  return Array.isArray(d) ? undefined : d;
}

export function isPromptExit(err: unknown): boolean {
  return err instanceof InterruptedError || (err instanceof Error && err.name === 'ExitPromptError');
}

/** A line per answered question, for the recap shown on resume. */
export function recapItems(state: SessionState, describe: (q: Question, v: AnswerValue) => string) {
  const ctx = contextOf(state);
  const steps = visibleSteps(state.start.snapshot, state.answers);
  const shown = shownAnswers(steps, state.answers);
  return steps
    .filter((s) => shown.has(s.question.id) || state.skipped.has(s.question.id))
    .map((s) => {
      const v = shown.get(s.question.id);
      return { text: fill(s.question.text, ctx, shown), answer: v === undefined ? '(skipped)' : describe(s.question, v) };
    });
}

export function actionsOf(state: SessionState) {
  return collectActions(visibleSteps(state.start.snapshot, state.answers), state.answers);
}
