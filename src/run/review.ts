/**
 * The commitment review inside a run (issue 4): last time's open actions, one
 * by one — done / partly / not done / dropped, then an optional "what did you
 * learn?" — each outcome journaled the moment it is given. It plugs into the
 * runner as a `Between` step, at the place the playbook chooses (its
 * `commitments` key) or, by default, as the first stage opens.
 *
 * Issue 10: only what is due is reviewed by default (due on or before today,
 * or with no due date: nothing says it can wait); the others are listed and
 * reviewed on request, a choice at the start. Each commitment can also be left
 * "not due yet" or, with the rest, by "skip the rest": both leave it open with
 * no outcome (review-pass entries), so nothing counts them and the next session
 * asks again. The review's questions carry its own counter, not a stage's.
 */
import type { CommitmentsPlacement, Playbook, Question } from '../playbook/schema.ts';
import { lastReviewed, OUTCOME_LABELS, ownerText, type Commitment } from '../model/commitments.ts';
import type { Step } from '../model/engine.ts';
import { REVIEW_OUTCOMES, type ReviewEntry, type ReviewOutcome, type ReviewPassEntry, type ReviewPassReason, type ReviewScope } from '../model/journal.ts';
import type { AskResult, Between, BetweenPoint, Prompter, ReviewAskRequest } from './questions.ts';
import { sessionDate } from '../model/summary.ts';
import { endSentence } from '../util/sentence.ts';

/** Is it time for the review? A pure function of the playbook's placement and where the run stands. */
export function reviewDue(pb: Playbook, phase: BetweenPoint['phase'], next: Step | undefined): boolean {
  if (phase === 'end') return true;
  const placement: CommitmentsPlacement | undefined = pb.commitments;
  if (!next) return false;
  if (!placement) return phase === 'question';
  const at = pb.stages.findIndex((s) => s.id === placement.stage);
  // An unknown stage is refused when the playbook is read; if it ever slips through, review first.
  if (at === -1) return phase === 'question';
  if (placement.position === 'end') return next.stageIndex > at;
  // A hidden stage (its condition false) is passed over: review where it would have been.
  return phase === 'question' && next.stageIndex >= at;
}

const OUTCOME_QUESTION_ID = 'commitment-outcome';
const LEARNED_QUESTION_ID = 'commitment-learned';
const SCOPE_QUESTION_ID = 'commitment-scope';

/** The review's own counter, so it never reads as a stage's `[2/5 · 3/4]`. */
const REVIEW_COUNTER = 'Last time’s commitments';

const OUTCOME_CHOICES: Record<ReviewOutcome, string> = {
  done: 'Done',
  partly: 'Partly done (stays open)',
  'not-done': 'Not done (stays open)',
  dropped: 'Dropped: no longer needed',
};

/** Due: on or before today, or with no due date (nothing says it can wait). `today` is YYYY-MM-DD. */
export function isDue(c: Pick<Commitment, 'item'>, today: string): boolean {
  return c.item.due === undefined || c.item.due <= today;
}

/** The order of the review: the due ones first (as given: oldest agreed first), then those not due yet, soonest due first. */
export function splitByDue(list: readonly Commitment[], today: string): { due: Commitment[]; notDue: Commitment[] } {
  const due = list.filter((c) => isDue(c, today));
  const notDue = list.filter((c) => !isDue(c, today)).sort((a, b) => (a.item.due ?? '').localeCompare(b.item.due ?? ''));
  return { due, notDue };
}

/** `“Call Dana” (due 2026-12-20)`: a commitment in a list of those not due yet. */
function listed(c: Commitment): string {
  return `“${c.item.what}”${c.item.due ? ` (due ${c.item.due})` : ''}`;
}

/** `remaining`: how many come after this one in the review, for "skip the rest". */
export function outcomeQuestion(c: Commitment, rep: string, today: string, remaining = 0, manager?: string): Question {
  const due = c.item.due ? `, due ${c.item.due}${c.item.due < today ? ', overdue' : ''}` : '';
  const last = lastReviewed(c);
  return {
    id: OUTCOME_QUESTION_ID,
    text: `“${c.item.what}” (${ownerText(c, rep, manager)}, agreed ${sessionDate(c.agreed)}${due}). How did it go?`,
    type: 'choice',
    required: true,
    options: [
      ...REVIEW_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_CHOICES[o] })),
      { value: 'not-due', label: 'Not due yet: stays open, not counted' },
      {
        value: 'skip-rest',
        label: remaining === 0 ? 'Skip it: leave it open for next time' : `Skip the rest: leave this one and the ${remaining} after it open for next time`,
      },
    ],
    ...(last ? { help: last } : {}),
    voice: 'rep',
    private: false,
  };
}

const LEARNED_QUESTION: Question = {
  id: LEARNED_QUESTION_ID,
  text: 'What did you learn from it? (optional)',
  type: 'text',
  required: false,
  voice: 'rep',
  private: false,
};

function scopeQuestion(due: number, notDue: number): Question {
  const total = due + notDue;
  return {
    id: SCOPE_QUESTION_ID,
    text: due === 0 ? `None of them is due yet. Review ${notDue === 1 ? 'it' : 'them'} anyway?` : 'Which do you want to review?',
    type: 'choice',
    required: true,
    options:
      due === 0
        ? [
            { value: 'due', label: `Not now: ${notDue === 1 ? 'it comes' : 'they come'} back when due` },
            { value: 'all', label: `Review ${notDue === 1 ? 'it' : 'them'} now` },
          ]
        : [
            { value: 'due', label: `The ${due === 1 ? 'one' : due} due now; the ${notDue === 1 ? 'other comes' : 'others come'} back when due` },
            { value: 'all', label: `All ${total}, the ${notDue === 1 ? 'one' : notDue} not due yet too` },
          ],
    voice: 'manager',
    private: false,
  };
}

export interface ReviewOptions {
  /** The commitments to review (commitmentsToReview), oldest first. */
  commitments: readonly Commitment[];
  prompter: Prompter;
  now: () => Date;
  /** The local calendar date, for "due" and "overdue". */
  today: () => string;
}

/** Ask through the prompter's review face, or, without one, as an ordinary question. */
function askInReview(prompter: Prompter, req: ReviewAskRequest): Promise<AskResult> {
  if (prompter.askReview) return prompter.askReview(req);
  return prompter.ask({ ...req, text: `${req.counter}: ${req.text}`, progress: { stage: 0, stages: 0, question: 0, questions: 0 } });
}

/**
 * A `Between` step that reviews the commitments not yet reviewed in this
 * session. On resume the journal already holds the outcomes given, the passes
 * and the scope chosen, so only the rest are asked.
 */
export function commitmentReview(opts: ReviewOptions): Between {
  return async (point) => {
    const pb = point.state.start.snapshot;
    const settled = (c: Commitment) => point.state.reviews.has(c.key) || point.state.reviewPasses.has(c.key);
    const unsettled = opts.commitments.filter((c) => !settled(c));
    if (unsettled.length === 0 || !reviewDue(pb, point.phase, point.next)) return;
    const rep = point.state.start.rep.name;
    const today = opts.today();
    const at = () => opts.now().toISOString();
    // Every commitment of this review, settled or not, in its order: positions stay the same on resume.
    const all = splitByDue(opts.commitments, today);
    const plan = (scope: ReviewScope) => {
      const ordered = [...all.due, ...all.notDue].filter((c) => scope === 'all' || isDue(c, today) || settled(c));
      return { ordered, toAsk: ordered.filter((c) => !settled(c)) };
    };
    const waiting = splitByDue(unsettled, today);
    let scope: ReviewScope | undefined = point.state.reviewScope ?? (waiting.notDue.length === 0 ? 'all' : undefined);
    // Resumed after choosing "the due ones", with those all answered: nothing to say again.
    if (scope !== undefined && plan(scope).toAsk.length === 0) return;
    opts.prompter.message(`\n━━ ${REVIEW_COUNTER} with ${rep} ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━`);
    if (scope === undefined) {
      opts.prompter.message(endSentence(`Not due yet: ${waiting.notDue.map(listed).join(', ')}`));
      const question = scopeQuestion(waiting.due.length, waiting.notDue.length);
      const intro = waiting.due.length === 0 ? '' : `${waiting.due.length} of ${unsettled.length} ${waiting.due.length === 1 ? 'is' : 'are'} due now or overdue. `;
      const result = await askInReview(opts.prompter, { question, text: intro + question.text, initial: 'due', counter: REVIEW_COUNTER, canGoBack: false });
      scope = result.kind === 'answer' && result.value === 'all' ? 'all' : 'due';
      await point.record({ type: 'review-scope', at: at(), scope });
    }
    const { ordered, toAsk } = plan(scope);
    const count = ordered.length;
    if (toAsk.length === 0) {
      opts.prompter.message(`Nothing due to review today; ${waiting.notDue.length === 1 ? 'it comes' : 'they come'} back when due.\n`);
      return;
    }
    opts.prompter.message(
      toAsk.length === count
        ? `${count === 1 ? 'One commitment' : `${count} commitments`} to review with ${rep}${count === 1 ? '.' : ', one by one.'}`
        : `${toAsk.length} of ${count} commitments still to review.`,
    );
    // What this visit has given so far (point.state is as it was when the review began).
    const given = new Map(point.state.reviews);
    const passed = new Map(point.state.reviewPasses);
    const pass = async (c: Commitment, reason: ReviewPassReason) => {
      const entry: ReviewPassEntry = { type: 'review-pass', at: at(), session: c.session, agreed: c.agreed, item: c.item, reason };
      await point.record(entry);
      passed.set(c.key, entry);
      given.delete(c.key);
    };
    let i = 0;
    while (i < toAsk.length) {
      const c = toAsk[i];
      if (!c) break;
      const counter = `${REVIEW_COUNTER} · ${ordered.indexOf(c) + 1} of ${count}`;
      const previous = given.get(c.key);
      const question = outcomeQuestion(c, rep, today, toAsk.length - i - 1, point.state.start.manager);
      const result = await askInReview(opts.prompter, {
        question,
        text: question.text,
        help: question.help,
        initial: previous?.outcome ?? (passed.get(c.key)?.reason === 'not-due' ? 'not-due' : undefined),
        counter,
        canGoBack: i > 0,
      });
      if (result.kind === 'back') {
        i = Math.max(0, i - 1);
        continue;
      }
      const choice = result.kind === 'answer' ? result.value : undefined;
      if (choice === 'not-due') {
        await pass(c, 'not-due');
        i++;
        continue;
      }
      if (choice === 'skip-rest') {
        // This one and those after it that have no outcome yet stay open, unreviewed.
        for (const rest of toAsk.slice(i)) if (!given.has(rest.key) && !passed.has(rest.key)) await pass(rest, 'skipped');
        break;
      }
      if (!isOutcome(choice)) {
        // Left for later: it stays open and is asked again on resume or next time.
        i++;
        continue;
      }
      const entry: ReviewEntry = { type: 'review', at: at(), session: c.session, agreed: c.agreed, item: c.item, outcome: choice };
      await point.record(entry);
      given.set(c.key, entry);
      passed.delete(c.key);
      const learned = await askInReview(opts.prompter, {
        question: LEARNED_QUESTION,
        text: LEARNED_QUESTION.text,
        initial: previous?.learned,
        counter,
        canGoBack: true,
      });
      if (learned.kind === 'back') continue;
      if (learned.kind === 'answer' && typeof learned.value === 'string' && learned.value.trim() !== '') {
        const withLearned: ReviewEntry = { ...entry, at: at(), learned: learned.value.trim() };
        await point.record(withLearned);
        given.set(c.key, withLearned);
      }
      i++;
    }
    opts.prompter.message(reviewTally(opts.commitments, given, passed) + '\n');
  };
}

/** "Reviewed: 1 done, 1 partly done. Not due yet: 1. Left for next time: 2. Open ones come back next time." */
export function reviewTally(
  commitments: readonly Commitment[],
  given: ReadonlyMap<string, Pick<ReviewEntry, 'outcome'>>,
  passed: ReadonlyMap<string, Pick<ReviewPassEntry, 'reason'>>,
): string {
  const outcomes = commitments.map((c) => given.get(c.key)?.outcome);
  const tally = REVIEW_OUTCOMES.map((o) => [o, outcomes.filter((x) => x === o).length] as const)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `${n} ${OUTCOME_LABELS[o]}`);
  const reasons = commitments.map((c) => passed.get(c.key)?.reason);
  const notDue = reasons.filter((r) => r === 'not-due').length;
  const skipped = reasons.filter((r) => r === 'skipped').length;
  const parts = [tally.length > 0 ? `Reviewed: ${tally.join(', ')}.` : 'No outcomes given.'];
  if (notDue > 0) parts.push(`Not due yet: ${notDue}.`);
  if (skipped > 0) parts.push(`Left for next time: ${skipped}.`);
  parts.push('Open ones come back next time.');
  return parts.join(' ');
}

function isOutcome(v: unknown): v is ReviewOutcome {
  return typeof v === 'string' && (REVIEW_OUTCOMES as readonly string[]).includes(v);
}
