/**
 * Reps as the look-back commands see them: known by name (as last given),
 * keyed by slug, with their sessions, open commitments and follow-through. Pure.
 */
import { UserError } from '../util/errors.ts';
import type { FollowThrough } from '../model/commitments.ts';
import { followThroughOf, type Rollup, type SessionRow } from '../lookback/rollup.ts';
import { sessionDate, type SessionSummary } from '../model/summary.ts';
import { matchRep } from '../util/names.ts';
import { didYouMean } from '../util/suggest.ts';

export interface RepOverview {
  name: string;
  slug: string;
  sessions: number;
  lastSession: { id: string; date: string; playbook: string; status: SessionSummary['status'] } | null;
  open: number;
  overdue: number;
  followThrough: FollowThrough;
}

/** Each rep's rows, newest first (as the rollup keeps them). */
export function rowsByRep(rows: readonly SessionRow[]): Map<string, SessionRow[]> {
  const out = new Map<string, SessionRow[]>();
  for (const r of rows) {
    const list = out.get(r.rep);
    if (list) list.push(r);
    else out.set(r.rep, [r]);
  }
  return out;
}

/** Every rep with at least one session, by name. */
export function repOverviews(rollup: Rollup, today: string): RepOverview[] {
  return [...rowsByRep(rollup.rows)]
    .map(([slug, rows]) => {
      const rep = rollup.reps[slug];
      const open = rep?.open ?? [];
      const last = rows[0];
      return {
        name: rep?.name ?? slug,
        slug,
        sessions: rows.length,
        lastSession: last ? { id: last.id, date: sessionDate(last.started), playbook: last.playbook, status: last.status } : null,
        open: open.length,
        overdue: open.filter((c) => c.due !== null && c.due < today).length,
        followThrough: followThroughOf(rows),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.slug.localeCompare(b.slug));
}

/** Every rep of a rollup, as name and slug. */
export function repsOf(rollup: Rollup): Array<{ name: string; slug: string }> {
  return Object.entries(rollup.reps).map(([slug, r]) => ({ name: r.name, slug }));
}

/**
 * The rep a person means, as `run` decides it (util/names.ts matchRep): the same
 * slug as what they typed, else the one rep whose name it begins or whose first
 * or last name it is. A name only a typo away is suggested, not taken: `run`
 * would ask about it. Anything else is an error that says who exists.
 */
export function findRep<T extends { name: string; slug: string }>(query: string, reps: readonly T[]): T {
  const q = query.trim();
  const match = matchRep(q, reps);
  if (match.kind === 'exact') return match.rep;
  const partial = match.kind === 'close' ? match.candidates.filter((c) => c.closeness === 'words').map((c) => c.rep) : [];
  if (partial.length === 1 && partial[0]) return partial[0];
  if (partial.length > 1) {
    throw new UserError(`"${q}" matches ${partial.length} reps: ${partial.map((r) => r.name).join(', ')}.`, 'Give more of the name.');
  }
  if (reps.length === 0) throw new UserError(`No sessions with "${q}" yet.`, 'Start one with `repcoach run --rep "<name>"`.');
  const typo = match.kind === 'close' ? match.candidates[0]?.rep.name : undefined;
  const suggestion = typo ? ` (did you mean "${typo}"?)` : didYouMean(q, reps.map((r) => r.name));
  throw new UserError(`No rep "${q}"${suggestion}.`, 'Run `repcoach reps` to see the reps you have coached.');
}
