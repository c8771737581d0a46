/**
 * Reps as the look-back commands see them: known by name (as last given),
 * keyed by slug, with their sessions, open commitments and follow-through. Pure.
 */
import { UserError } from '../errors.ts';
import { didYouMean } from '../util/suggest.ts';
import { followThrough, isOpen, isOverdue, type Commitment, type FollowThrough } from '../session/commitments.ts';
import type { RepRef } from '../session/journal.ts';
import { sessionDate, type SessionSummary } from '../session/summary.ts';
import { slugify } from '../util/fs.ts';

export interface RepOverview {
  name: string;
  slug: string;
  sessions: number;
  lastSession: { id: string; date: string; playbook: string; status: SessionSummary['status'] } | null;
  open: number;
  overdue: number;
  followThrough: FollowThrough;
}

/** Every rep with at least one session, by name. `summaries` newest first. */
export function repOverviews(summaries: readonly SessionSummary[], commitments: readonly Commitment[], today: string): RepOverview[] {
  const reps = new Map<string, { ref: RepRef; sessions: SessionSummary[] }>();
  for (const s of summaries) {
    const r = reps.get(s.rep.slug);
    if (r) r.sessions.push(s);
    else reps.set(s.rep.slug, { ref: s.rep, sessions: [s] });
  }
  const bySlug = new Map<string, Commitment[]>();
  for (const c of commitments) {
    const list = bySlug.get(c.rep.slug);
    if (list) list.push(c);
    else bySlug.set(c.rep.slug, [c]);
  }
  return [...reps.values()]
    .map(({ ref, sessions }) => {
      const own = bySlug.get(ref.slug) ?? [];
      const last = sessions[0];
      return {
        name: ref.name,
        slug: ref.slug,
        sessions: sessions.length,
        lastSession: last ? { id: last.id, date: sessionDate(last.started), playbook: last.playbook.id, status: last.status } : null,
        open: own.filter((c) => isOpen(c.status)).length,
        overdue: own.filter((c) => isOverdue(c, today)).length,
        followThrough: followThrough(own),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.slug.localeCompare(b.slug));
}

/**
 * The rep a person means: the same slug as what they typed, else the one rep
 * whose name or slug contains it. Anything else is an error that says who exists.
 */
export function findRep<T extends { name: string; slug: string }>(query: string, reps: readonly T[]): T {
  const q = query.trim();
  const slug = slugify(q, '');
  const exact = reps.find((r) => r.slug === slug);
  if (exact) return exact;
  const lower = q.toLowerCase();
  const partial = reps.filter((r) => (slug !== '' && r.slug.includes(slug)) || r.name.toLowerCase().includes(lower));
  if (partial.length === 1 && partial[0]) return partial[0];
  if (partial.length > 1) {
    throw new UserError(`"${q}" matches ${partial.length} reps: ${partial.map((r) => r.name).join(', ')}.`, 'Give more of the name.');
  }
  if (reps.length === 0) throw new UserError(`No sessions with "${q}" yet.`, 'Start one with `repcoach run --rep "<name>"`.');
  const suggestion = didYouMean(q, reps.map((r) => r.name));
  throw new UserError(`No rep "${q}"${suggestion}.`, 'Run `repcoach reps` to see the reps you have coached.');
}
