/**
 * Commitments carried forward (issue 4): every action agreed in a finished
 * session is a commitment of that session's rep; later sessions review it
 * (done / partly / not done / dropped). Its outcome is derived from those
 * reviews, never written back into the session it came from. Pure.
 */
import type { ActionItem, Owner } from '../playbook/schema.ts';
import { ownerLabel } from '../playbook/model.ts';
import { commitmentKey, type RepRef, type ReviewOutcome } from './journal.ts';
import type { SessionSummary } from './summary.ts';
import { isoDate, localDay } from '../util/dates.ts';

export type CommitmentStatus = 'open' | ReviewOutcome;

export interface CommitmentOutcome {
  /** The session in which the outcome was given. */
  session: string;
  at: string;
  outcome: ReviewOutcome;
  learned?: string | undefined;
}

export interface Commitment {
  key: string;
  /** The session the action was agreed in. */
  session: string;
  rep: RepRef;
  /** When that session started. */
  agreed: string;
  item: ActionItem;
  /** Every review of it, oldest first. */
  outcomes: CommitmentOutcome[];
  /** The latest outcome, or "open" when it was never reviewed. */
  status: CommitmentStatus;
}

export const OUTCOME_LABELS: Record<CommitmentStatus, string> = {
  open: 'open',
  done: 'done',
  partly: 'partly done',
  'not-done': 'not done',
  dropped: 'dropped',
};

/** Who owns a commitment, as said to the manager (ownerLabel): the rep, the manager's name ("you" without one), or both. */
export function ownerText(c: Commitment, rep: string = c.rep.name, manager?: string): string {
  return ownerLabel(c.item.owner, { rep, manager }, 'terminal');
}

/** "Last reviewed <date>: <outcome>. Learned: …", or undefined when it never was. */
export function lastReviewed(c: Commitment): string | undefined {
  const last = c.outcomes[c.outcomes.length - 1];
  return last ? `Last reviewed ${localDay(last.at)}: ${OUTCOME_LABELS[last.outcome]}.${last.learned ? ` Learned: ${last.learned}` : ''}` : undefined;
}

/** "partly" and "not done" stay on the table and come back next time; "done" and "dropped" close. */
export function isOpen(status: CommitmentStatus): boolean {
  return status === 'open' || status === 'partly' || status === 'not-done';
}

/**
 * Every commitment in the store: the actions of finished sessions (an
 * unfinished session's actions were never agreed), each with its reviews from
 * any later session with the same rep. `summaries` newest first, as the index gives them.
 */
export function deriveCommitments(summaries: readonly SessionSummary[]): Commitment[] {
  // By rep, then session, then action id: no key strings to build for 10,000s of actions and
  // reviews. A commitment is reviewed only in a session with the same rep (as a run lists them),
  // so each rep's commitments depend on that rep's sessions alone, even when a copied journal
  // gives two reps' sessions one id; the rollup's updates rely on it.
  const byRep = new Map<string, Map<string, Map<string, Commitment>>>();
  const all: Commitment[] = [];
  for (let i = summaries.length - 1; i >= 0; i--) {
    const s = summaries[i];
    if (s?.status !== 'done' || s.actions.length === 0) continue;
    let sessions = byRep.get(s.rep.slug);
    if (!sessions) byRep.set(s.rep.slug, (sessions = new Map()));
    if (sessions.has(s.id)) continue;
    const actions = new Map<string, Commitment>();
    sessions.set(s.id, actions);
    for (const item of s.actions) {
      if (actions.has(item.id)) continue;
      const c: Commitment = { key: commitmentKey(s.id, item.id), session: s.id, rep: s.rep, agreed: s.started, item, outcomes: [], status: 'open' };
      actions.set(item.id, c);
      all.push(c);
    }
  }
  for (let i = summaries.length - 1; i >= 0; i--) {
    const s = summaries[i];
    const sessions = s && byRep.get(s.rep.slug);
    if (!s || !sessions) continue;
    for (const origin in s.reviews) {
      const actions = origin === s.id ? undefined : sessions.get(origin);
      if (!actions) continue;
      const list = s.reviews[origin] ?? [];
      // Indexed, not destructured: this loop runs for every review in the store.
      for (let j = 0; j < list.length; j++) {
        const r = list[j];
        const c = r && actions.get(r[0]);
        if (!r || !c) continue;
        // The reviewing session's start stands for when the outcome was given.
        const o: CommitmentOutcome = { session: s.id, at: s.started, outcome: r[1] };
        if (r[2]) o.learned = r[2];
        c.outcomes.push(o);
      }
    }
  }
  for (const c of all) {
    if (c.outcomes.length > 1) c.outcomes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    c.status = statusOf(c);
  }
  return all;
}

/** The latest outcome, leaving out those given in `exceptSession` (the one being run). */
function statusOf(c: Commitment, exceptSession?: string): CommitmentStatus {
  for (let i = c.outcomes.length - 1; i >= 0; i--) {
    const o = c.outcomes[i];
    if (o && o.session !== exceptSession) return o.outcome;
  }
  return 'open';
}

/**
 * What a session with `repSlug` starting at `startedAt` reviews: the rep's
 * commitments agreed before it that were still open when it started (outcomes
 * given in this very session do not count, so a resumed run asks the same list).
 */
export function commitmentsToReview(
  commitments: readonly Commitment[],
  repSlug: string,
  startedAt: string,
  sessionId: string,
): Commitment[] {
  return commitments
    .filter((c) => c.rep.slug === repSlug && c.session !== sessionId && c.agreed < startedAt && isOpen(statusOf(c, sessionId)))
    .sort(inReviewOrder);
}

/** Oldest agreed first, then by session: the order commitments are reviewed in. */
export function inReviewOrder(a: Commitment, b: Commitment): number {
  return a.agreed < b.agreed ? -1 : a.agreed > b.agreed ? 1 : a.session < b.session ? -1 : a.session > b.session ? 1 : 0;
}

/** How many commitments stand at each status: the latest outcome recorded, or none yet. */
export interface OutcomeCounts {
  done: number;
  partly: number;
  notDone: number;
  dropped: number;
  /** Not reviewed yet: no outcome was ever given ("not due yet" and "skip the rest" are none). */
  pending: number;
}

export interface FollowThrough extends OutcomeCounts {
  /** (done + half of partly) / (done + partly + not done) of the rep's; null when none has such an outcome. */
  rate: number | null;
  /** The manager's own commitments, counted apart: they are not the rep's follow-through. */
  yours: OutcomeCounts;
}

/** Owners whose follow-through is the rep's: the manager's own actions are the manager's. */
const REP_OWNED: readonly Owner[] = ['rep', 'both'];

export function isRepOwned(owner: Owner): boolean {
  return REP_OWNED.includes(owner);
}

export function emptyCounts(): OutcomeCounts {
  return { done: 0, partly: 0, notDone: 0, dropped: 0, pending: 0 };
}

/** Count one commitment at `status` (issue 10: the figures are the outcomes recorded, as prep, reps and the note show them). */
function countStatus(counts: OutcomeCounts, status: CommitmentStatus): void {
  if (status === 'done') counts.done++;
  else if (status === 'partly') counts.partly++;
  else if (status === 'not-done') counts.notDone++;
  else if (status === 'dropped') counts.dropped++;
  else counts.pending++;
}

/**
 * Follow-through: each commitment counted once, at its status (its latest
 * outcome), so the figures are the outcomes the reviews recorded. The rep's
 * (owned by the rep or by both) make the rate; dropped ones are left out of it
 * (stopping was a decision, not a slip). The manager's own are counted apart.
 */
export function followThrough(commitments: readonly Commitment[]): FollowThrough {
  const rep = emptyCounts();
  const yours = emptyCounts();
  for (const c of commitments) countStatus(isRepOwned(c.item.owner) ? rep : yours, c.status);
  return withRate({ ...rep, rate: null, yours });
}

/** `f` with its rate: (done + half of partly) / (done + partly + not done); null when nothing was decided. */
export function withRate(f: FollowThrough): FollowThrough {
  const decided = f.done + f.partly + f.notDone;
  f.rate = decided === 0 ? null : (f.done + f.partly / 2) / decided;
  return f;
}

/** Whole days from `fromIso` to `now`. */
export function ageInDays(fromIso: string, now: Date): number {
  // Calendar days, as the date beside it reads: agreed on the 6th, on the 13th it is 7 days ago, whatever the hour.
  const day = (ymd: string) => Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10)));
  return Math.max(0, Math.round((day(isoDate(now)) - day(localDay(fromIso))) / 86_400_000));
}

/** Overdue: the due date (a local calendar date) is before `today` (YYYY-MM-DD). */
export function isOverdue(c: Pick<Commitment, 'item' | 'status'>, today: string): boolean {
  return isOpen(c.status) && c.item.due !== undefined && c.item.due < today;
}

/** Outcomes of one session's actions, by action id, for its note ("on the original action"). */
export function outcomesBySession(commitments: readonly Commitment[], sessionId: string): Map<string, CommitmentOutcome[]> {
  return outcomesOfAll(commitments).get(sessionId) ?? new Map();
}

/** The same for every session at once (by session id, then action id): one pass, for bulk exports. */
export function outcomesOfAll(commitments: readonly Commitment[]): Map<string, Map<string, CommitmentOutcome[]>> {
  const out = new Map<string, Map<string, CommitmentOutcome[]>>();
  for (const c of commitments) {
    if (c.outcomes.length === 0) continue;
    let actions = out.get(c.session);
    if (!actions) out.set(c.session, (actions = new Map()));
    actions.set(c.item.id, c.outcomes);
  }
  return out;
}
