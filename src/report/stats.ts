/**
 * `repcoach stats`: sessions per month, follow-through, confidence trend and
 * who owns the actions, for one rep or everyone. Pure: the rollup's rows in,
 * figures out; the command draws them.
 */
import type { Owner } from '../playbook/schema.ts';
import type { FollowThrough } from '../session/commitments.ts';
import type { RepRef } from '../session/journal.ts';
import { followThroughOf, type Rollup, type SessionRow } from '../session/rollup.ts';
import { sessionDate } from '../session/summary.ts';
import { rowsByRep } from './reps.ts';

export { normalizeConfidence } from '../session/rollup.ts';

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

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

function ownerCounts(rows: readonly SessionRow[]): Stats['owners'] {
  const owners = { rep: 0, manager: 0, both: 0, total: 0, managerShare: null as number | null };
  for (const r of rows) {
    owners.rep += r.owners[0];
    owners.manager += r.owners[1];
    owners.both += r.owners[2];
  }
  owners.total = owners.rep + owners.manager + owners.both;
  owners.managerShare = owners.total === 0 ? null : owners.manager / owners.total;
  return owners;
}

/**
 * The figures for `rows` (newest first, already limited to one rep and the
 * date range). Follow-through by month counts commitments by the month they
 * were agreed.
 */
export function computeStats(input: {
  rows: readonly SessionRow[];
  names: Rollup['reps'];
  months: readonly string[];
  rep: RepRef | null;
  range: { since?: string | undefined; until?: string | undefined };
}): Stats {
  const { rows, months } = input;
  const monthOf = (iso: string) => sessionDate(iso).slice(0, 7);
  const byMonth = new Map<string, SessionRow[]>(months.map((m) => [m, []]));
  for (const r of rows) byMonth.get(monthOf(r.started))?.push(r);
  const oldestFirst = [...rows].reverse();
  const confident = oldestFirst.flatMap((r) => (r.confidence === null ? [] : [{ r, value: r.confidence }]));

  const stats: Stats = {
    rep: input.rep,
    range: { since: input.range.since ?? null, until: input.range.until ?? null },
    months: [...months],
    sessions: {
      total: rows.length,
      done: rows.filter((r) => r.status === 'done').length,
      unfinished: rows.filter((r) => r.status !== 'done').length,
      perMonth: months.map((month) => ({ month, count: byMonth.get(month)?.length ?? 0 })),
    },
    followThrough: {
      ...followThroughOf(rows),
      perMonth: months.map((month) => {
        const f = followThroughOf(byMonth.get(month) ?? []);
        return { month, rate: f.rate, decided: f.done + f.partly + f.notDone };
      }),
    },
    confidence: {
      average: mean(confident.map(({ value }) => value)),
      latest: confident[confident.length - 1]?.value ?? null,
      recent: confident.slice(-RECENT).map(({ r, value }) => ({ session: r.id, date: sessionDate(r.started), value })),
      perMonth: months.map((month) => {
        const values = (byMonth.get(month) ?? []).flatMap((r) => (r.confidence === null ? [] : [r.confidence]));
        return { month, average: mean(values), count: values.length };
      }),
    },
    owners: ownerCounts(rows),
  };

  if (input.rep === null) {
    stats.reps = [...rowsByRep(rows)]
      .map(([slug, own]) => ({
        name: input.names[slug]?.name ?? slug,
        slug,
        sessions: own.length,
        followThrough: followThroughOf(own).rate,
        confidence: mean(own.flatMap((r) => (r.confidence === null ? [] : [r.confidence]))),
        managerShare: ownerCounts(own).managerShare,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  return stats;
}
