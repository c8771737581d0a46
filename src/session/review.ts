/**
 * The commitment review inside a run (issue 4): last time's open actions, one
 * by one — done / partly / not done / dropped, then an optional "what did you
 * learn?" — each outcome journaled the moment it is given. It plugs into the
 * runner as a `Between` step, at the place the playbook chooses (its
 * `commitments` key) or, by default, as the first stage opens.
 */
import type { CommitmentsPlacement, Playbook, Question } from '../playbook/schema.ts';
import { lastReviewed, OUTCOME_LABELS, ownerText, type Commitment } from './commitments.ts';
import type { Step } from './engine.ts';
import { REVIEW_OUTCOMES, type ReviewEntry, type ReviewOutcome } from './journal.ts';
import type { Between, BetweenPoint, Prompter } from './run.ts';
import { sessionDate } from './summary.ts';

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

export const OUTCOME_QUESTION_ID = 'commitment-outcome';
export const LEARNED_QUESTION_ID = 'commitment-learned';

const OUTCOME_CHOICES: Record<ReviewOutcome, string> = {
  done: 'Done',
  partly: 'Partly done (stays open)',
  'not-done': 'Not done (stays open)',
  dropped: 'Dropped: no longer needed',
};

export function outcomeQuestion(c: Commitment, rep: string, index: number, count: number, today: string): Question {
  const due = c.item.due ? `, due ${c.item.due}${c.item.due < today ? ' (overdue)' : ''}` : '';
  const last = lastReviewed(c);
  return {
    id: OUTCOME_QUESTION_ID,
    text: `Commitment ${index} of ${count}, agreed ${sessionDate(c.agreed)}: “${c.item.what}” (${ownerText(c, rep)}${due}). How did it go?`,
    type: 'choice',
    required: true,
    options: REVIEW_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_CHOICES[o] })),
    ...(last ? { help: last } : {}),
    voice: 'rep',
    private: false,
  };
}

export const LEARNED_QUESTION: Question = {
  id: LEARNED_QUESTION_ID,
  text: 'What did you learn from it? (optional)',
  type: 'text',
  required: false,
  voice: 'rep',
  private: false,
};

export interface ReviewOptions {
  /** The commitments to review (commitmentsToReview), oldest first. */
  commitments: readonly Commitment[];
  prompter: Prompter;
  now: () => Date;
  /** The local calendar date, for "overdue". */
  today: () => string;
}

/**
 * A `Between` step that reviews the commitments not yet reviewed in this
 * session. On resume the journal already holds the outcomes given, so only
 * the rest are asked.
 */
export function commitmentReview(opts: ReviewOptions): Between {
  return async (point) => {
    const pb = point.state.start.snapshot;
    const pending = opts.commitments.filter((c) => !point.state.reviews.has(c.key));
    if (pending.length === 0 || !reviewDue(pb, point.phase, point.next)) return;
    const rep = point.state.start.rep.name;
    const count = opts.commitments.length;
    const already = count - pending.length;
    opts.prompter.message(
      already === 0
        ? `\nSince last time: ${count} open ${count === 1 ? 'commitment' : 'commitments'} with ${rep}. Let's go through ${count === 1 ? 'it' : 'them one by one'}.`
        : `\nSince last time: ${pending.length} of ${count} commitments still to review.`,
    );
    const at = () => opts.now().toISOString();
    // The outcomes given so far, this visit included (point.state is as it was when the review began).
    const given = new Map(point.state.reviews);
    let i = 0;
    while (i < pending.length) {
      const c = pending[i];
      if (!c) break;
      const position = opts.commitments.indexOf(c) + 1;
      const previous = given.get(c.key);
      const question = outcomeQuestion(c, rep, position, count, opts.today());
      const result = await opts.prompter.ask({
        question,
        text: question.text,
        help: question.help,
        initial: previous?.outcome,
        progress: { stage: position, stages: count, question: 1, questions: 2 },
        canGoBack: i > 0,
      });
      if (result.kind === 'back') {
        i = Math.max(0, i - 1);
        continue;
      }
      if (result.kind === 'skip' || !isOutcome(result.value)) {
        // Left for later: it stays open and is asked again on resume or next time.
        i++;
        continue;
      }
      const entry: ReviewEntry = { type: 'review', at: at(), session: c.session, agreed: c.agreed, item: c.item, outcome: result.value };
      await point.record(entry);
      given.set(c.key, entry);
      const learned = await opts.prompter.ask({
        question: LEARNED_QUESTION,
        text: LEARNED_QUESTION.text,
        initial: previous?.learned,
        progress: { stage: position, stages: count, question: 2, questions: 2 },
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
    const outcomes = opts.commitments.map((c) => given.get(c.key)?.outcome);
    const tally = REVIEW_OUTCOMES.map((o) => [o, outcomes.filter((x) => x === o).length] as const)
      .filter(([, n]) => n > 0)
      .map(([o, n]) => `${n} ${OUTCOME_LABELS[o]}`);
    if (tally.length > 0) opts.prompter.message(`Reviewed: ${tally.join(', ')}. Open ones come back next time.\n`);
  };
}

function isOutcome(v: unknown): v is ReviewOutcome {
  return typeof v === 'string' && (REVIEW_OUTCOMES as readonly string[]).includes(v);
}
