/**
 * `repcoach prep <rep>`: what a manager wants to see a minute before the
 * one-to-one. Pure: the rep's summaries and commitments in, a report out.
 */
import { ageInDays, followThrough, isOpen, isOverdue, OUTCOME_LABELS, type Commitment, type FollowThrough } from '../session/commitments.ts';
import type { RepRef } from '../session/journal.ts';
import type { ActionItem } from '../playbook/schema.ts';
import { sessionDate, type SessionSummary } from '../session/summary.ts';
import { normalizeConfidence, RECENT } from './stats.ts';

export interface OpenCommitment {
  session: string;
  action: string;
  what: string;
  owner: ActionItem['owner'];
  due: string | null;
  /** When it was agreed (YYYY-MM-DD) and how many days ago. */
  agreed: string;
  ageDays: number;
  overdue: boolean;
  /** Its latest review, if it was reviewed and stayed open (partly / not done). */
  lastOutcome: { outcome: string; date: string; learned: string | null } | null;
}

export interface Suggestion {
  playbook: string;
  reason: string;
}

export interface PrepReport {
  rep: RepRef;
  sessions: number;
  lastSession: {
    id: string;
    date: string;
    playbook: string;
    playbookTitle: string;
    deal: string | null;
    status: SessionSummary['status'];
    /** On a 1-10 scale. */
    confidence: number | null;
  } | null;
  open: OpenCommitment[];
  followThrough: FollowThrough;
  /** The last sessions' confidence (1-10), oldest first. */
  confidenceTrend: number[];
  suggestion: Suggestion;
}

/** Confidence at or below this (out of 10) suggests working through a stuck deal. */
export const LOW_CONFIDENCE = 5;

/**
 * The playbook to suggest, with why: a low-confidence last session points to
 * `stalled-deal`; otherwise the playbook used most in the rep's last five
 * sessions; otherwise the default. Only playbooks that exist are suggested.
 */
export function suggestPlaybook(rep: RepRef, summaries: readonly SessionSummary[], available: readonly string[], fallback: string): Suggestion {
  const has = (id: string) => available.includes(id);
  const last = summaries[0];
  if (!last) return { playbook: fallback, reason: `your first session with ${rep.name}` };
  const conf = last.confidence ? normalizeConfidence(last.confidence) : undefined;
  if (conf !== undefined && conf <= LOW_CONFIDENCE && has('stalled-deal')) {
    return { playbook: 'stalled-deal', reason: `${rep.name}'s confidence was ${conf}/10 last time${last.deal ? ` (${last.deal})` : ''}` };
  }
  const counts = new Map<string, number>();
  for (const s of summaries.slice(0, 5)) if (has(s.playbook.id)) counts.set(s.playbook.id, (counts.get(s.playbook.id) ?? 0) + 1);
  const usual = [...counts].sort((a, b) => b[1] - a[1])[0];
  if (usual) return { playbook: usual[0], reason: `the playbook you have used most with ${rep.name} lately` };
  return { playbook: fallback, reason: 'the default playbook' };
}

/** `summaries`: the rep's, newest first; `commitments`: the rep's. */
export function buildPrep(input: {
  rep: RepRef;
  summaries: readonly SessionSummary[];
  commitments: readonly Commitment[];
  now: Date;
  today: string;
  available: readonly string[];
  fallback: string;
}): PrepReport {
  const { rep, summaries, now, today } = input;
  const last = summaries[0];
  const open = input.commitments
    .filter((c) => isOpen(c.status))
    .sort((a, b) => (a.item.due ?? '9999').localeCompare(b.item.due ?? '9999') || a.agreed.localeCompare(b.agreed))
    .map((c): OpenCommitment => {
      const o = c.outcomes[c.outcomes.length - 1];
      return {
        session: c.session,
        action: c.item.id,
        what: c.item.what,
        owner: c.item.owner,
        due: c.item.due ?? null,
        agreed: sessionDate(c.agreed),
        ageDays: ageInDays(c.agreed, now),
        overdue: isOverdue(c, today),
        lastOutcome: o ? { outcome: OUTCOME_LABELS[o.outcome], date: sessionDate(o.at), learned: o.learned ?? null } : null,
      };
    });
  const trend = summaries
    .slice(0, RECENT)
    .flatMap((s) => (s.confidence ? [normalizeConfidence(s.confidence)] : []))
    .reverse();
  return {
    rep,
    sessions: summaries.length,
    lastSession: last
      ? {
          id: last.id,
          date: sessionDate(last.started),
          playbook: last.playbook.id,
          playbookTitle: last.playbook.title,
          deal: last.deal ?? null,
          status: last.status,
          confidence: last.confidence ? normalizeConfidence(last.confidence) : null,
        }
      : null,
    open,
    followThrough: followThrough(input.commitments),
    confidenceTrend: trend,
    suggestion: suggestPlaybook(rep, summaries, input.available, input.fallback),
  };
}
