/**
 * `repcoach prep <rep>`: what a manager wants to see a minute before the
 * one-to-one. Pure: the rep's summaries and commitments in, a report out.
 */
import type { ActionItem } from '../playbook/schema.ts';
import { ageInDays, OUTCOME_LABELS, type FollowThrough } from '../model/commitments.ts';
import type { RepRef, SessionStatus } from '../model/journal.ts';
import { followThroughOf, type OpenCommitmentRow, type SessionRow } from '../lookback/rollup.ts';
import { sessionDate } from '../model/summary.ts';
import { RECENT } from './stats.ts';

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
  /** Agreed in a question only the manager may read: left out of the agenda (issue 10). */
  private?: true;
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
    status: SessionStatus;
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
const LOW_CONFIDENCE = 5;

/**
 * The playbook to suggest, with why: a low-confidence last session points to
 * `stalled-deal`; otherwise the playbook used most in the rep's last five
 * sessions; otherwise the default. Only playbooks that exist are suggested.
 * `rows`: the rep's sessions, newest first.
 */
export function suggestPlaybook(rep: RepRef, rows: readonly SessionRow[], available: readonly string[], fallback: string): Suggestion {
  const has = (id: string) => available.includes(id);
  const last = rows[0];
  if (!last) return { playbook: fallback, reason: `your first session with ${rep.name}` };
  if (last.confidence !== null && last.confidence <= LOW_CONFIDENCE && has('stalled-deal')) {
    return { playbook: 'stalled-deal', reason: `${rep.name}'s confidence was ${last.confidence}/10 last time${last.deal ? ` (${last.deal})` : ''}` };
  }
  const counts = new Map<string, number>();
  for (const r of rows.slice(0, 5)) if (has(r.playbook)) counts.set(r.playbook, (counts.get(r.playbook) ?? 0) + 1);
  const usual = [...counts].sort((a, b) => b[1] - a[1])[0];
  if (usual) return { playbook: usual[0], reason: `the playbook you have used most with ${rep.name} lately` };
  return { playbook: fallback, reason: 'the default playbook' };
}

/** `rows`: the rep's sessions, newest first; `open`: the rep's open commitments. */
export function buildPrep(input: {
  rep: RepRef;
  rows: readonly SessionRow[];
  open: readonly OpenCommitmentRow[];
  titles: Readonly<Record<string, string>>;
  now: Date;
  today: string;
  available: readonly string[];
  fallback: string;
}): PrepReport {
  const { rep, rows, now, today } = input;
  const last = rows[0];
  const open = [...input.open]
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.agreed.localeCompare(b.agreed))
    .map(
      (c): OpenCommitment => ({
        session: c.session,
        action: c.action,
        what: c.what,
        owner: c.owner,
        due: c.due,
        agreed: sessionDate(c.agreed),
        ageDays: ageInDays(c.agreed, now),
        overdue: c.due !== null && c.due < today,
        lastOutcome: c.last ? { outcome: OUTCOME_LABELS[c.last.outcome], date: sessionDate(c.last.at), learned: c.last.learned ?? null } : null,
        ...(c.private ? { private: true as const } : {}),
      }),
    );
  const trend = rows
    .slice(0, RECENT)
    .flatMap((r) => (r.confidence === null ? [] : [r.confidence]))
    .reverse();
  return {
    rep,
    sessions: rows.length,
    lastSession: last
      ? {
          id: last.id,
          date: sessionDate(last.started),
          playbook: last.playbook,
          playbookTitle: input.titles[last.playbook] ?? last.playbook,
          deal: last.deal,
          status: last.status,
          confidence: last.confidence,
        }
      : null,
    open,
    followThrough: followThroughOf(rows),
    confidenceTrend: trend,
    suggestion: suggestPlaybook(rep, rows, input.available, input.fallback),
  };
}
