/**
 * `repcoach stats`: sessions per month, follow-through, confidence trend and
 * who owns the actions, for one rep or everyone. Pure: summaries and
 * commitments in, figures out; the command draws them.
 */
import type { Owner } from '../playbook/schema.ts';
import { followThrough, type Commitment, type FollowThrough } from '../session/commitments.ts';
import type { RepRef } from '../session/journal.ts';
import { sessionDate, type SessionSummary } from '../session/summary.ts';

export interface MonthCount {
  month: string;
  count: number;
}

export interface Stats {
  rep: RepRef | null;
  range: { since: string | null; until: string | null };
  /** The months charted (YYYY-MM), oldest first. */
  months: string[];
  sessions: { total: number; done: number; unfinished: number; perMonth: MonthCount[] };
  followThrough: FollowThrough & { perMonth: Array<{ month: string; rate: number | null; decided: number }> };
  confidence: {
    /** On a 1-10 scale, whatever scale the playbook used. */
    average: number | null;
    latest: number | null;
    /** The last sessions' confidence, oldest first (at most RECENT). */
    recent: Array<{ session: string; date: string; value: number }>;
    perMonth: Array<{ month: string; average: number | null; count: number }>;
  };
  owners: Record<Owner, number> & { total: number; managerShare: number | null };
  /** Per rep, when the stats are for everyone. */
  reps?: RepStats[];
}

export interface RepStats {
  name: string;
  slug: string;
  sessions: number;
  followThrough: number | null;
  confidence: number | null;
  managerShare: number | null;
}

export const RECENT = 20;

/** A confidence answer on a 1-10 scale, one decimal. */
export function normalizeConfidence(c: { value: number; min: number; max: number }): number {
  if (c.max <= c.min) return c.value;
  if (c.min === 1 && c.max === 10) return c.value;
  return Math.round((1 + ((c.value - c.min) * 9) / (c.max - c.min)) * 10) / 10;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

function ownerCounts(summaries: readonly SessionSummary[]): Stats['owners'] {
  const owners = { rep: 0, manager: 0, both: 0, total: 0, managerShare: null as number | null };
  for (const s of summaries) {
    if (s.status !== 'done') continue;
    for (const a of s.actions) {
      owners[a.owner]++;
      owners.total++;
    }
  }
  owners.managerShare = owners.total === 0 ? null : owners.manager / owners.total;
  return owners;
}

/**
 * The figures for `summaries` (already limited to one rep and the date range)
 * and the commitments agreed in them.
 */
export function computeStats(input: {
  summaries: readonly SessionSummary[];
  commitments: readonly Commitment[];
  months: readonly string[];
  rep: RepRef | null;
  range: { since?: string | undefined; until?: string | undefined };
}): Stats {
  const { summaries, commitments, months } = input;
  const oldestFirst = [...summaries].sort((a, b) => a.started.localeCompare(b.started));
  const monthOf = (iso: string) => sessionDate(iso).slice(0, 7);

  const perMonth = months.map((month) => ({ month, count: 0 }));
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  for (const s of summaries) {
    const i = monthIndex.get(monthOf(s.started));
    const slot = i === undefined ? undefined : perMonth[i];
    if (slot) slot.count++;
  }

  const ft = followThrough(commitments);
  const byAgreedMonth = new Map<string, Commitment[]>();
  for (const c of commitments) {
    const m = monthOf(c.agreed);
    const list = byAgreedMonth.get(m);
    if (list) list.push(c);
    else byAgreedMonth.set(m, [c]);
  }
  const ftPerMonth = months.map((month) => {
    const f = followThrough(byAgreedMonth.get(month) ?? []);
    return { month, rate: f.rate, decided: f.done + f.partly + f.notDone };
  });

  const confident = oldestFirst.flatMap((s) => (s.confidence ? [{ s, value: normalizeConfidence(s.confidence) }] : []));
  const recent = confident.slice(-RECENT).map(({ s, value }) => ({ session: s.id, date: sessionDate(s.started), value }));
  const confPerMonth = months.map((month) => {
    const values = confident.filter(({ s }) => monthOf(s.started) === month).map(({ value }) => value);
    return { month, average: mean(values), count: values.length };
  });

  const stats: Stats = {
    rep: input.rep,
    range: { since: input.range.since ?? null, until: input.range.until ?? null },
    months: [...months],
    sessions: {
      total: summaries.length,
      done: summaries.filter((s) => s.status === 'done').length,
      unfinished: summaries.filter((s) => s.status !== 'done').length,
      perMonth,
    },
    followThrough: { ...ft, perMonth: ftPerMonth },
    confidence: {
      average: mean(confident.map(({ value }) => value)),
      latest: confident.length ? (confident[confident.length - 1]?.value ?? null) : null,
      recent,
      perMonth: confPerMonth,
    },
    owners: ownerCounts(summaries),
  };

  if (input.rep === null) {
    const bySlug = new Map<string, { ref: RepRef; sessions: SessionSummary[] }>();
    for (const s of summaries) {
      const r = bySlug.get(s.rep.slug);
      if (r) r.sessions.push(s);
      else bySlug.set(s.rep.slug, { ref: s.rep, sessions: [s] });
    }
    const commitmentsBySlug = new Map<string, Commitment[]>();
    for (const c of commitments) {
      const list = commitmentsBySlug.get(c.rep.slug);
      if (list) list.push(c);
      else commitmentsBySlug.set(c.rep.slug, [c]);
    }
    stats.reps = [...bySlug.values()]
      .map(({ ref, sessions }) => {
        // The newest summary carries the name as last given.
        const newest = [...sessions].sort((a, b) => b.started.localeCompare(a.started))[0];
        const conf = sessions.flatMap((s) => (s.confidence ? [normalizeConfidence(s.confidence)] : []));
        return {
          name: newest?.rep.name ?? ref.name,
          slug: ref.slug,
          sessions: sessions.length,
          followThrough: followThrough(commitmentsBySlug.get(ref.slug) ?? []).rate,
          confidence: mean(conf),
          managerShare: ownerCounts(sessions).managerShare,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  return stats;
}
