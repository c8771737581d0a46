/**
 * `repcoach stats`: sessions per month, follow-through, confidence trend, who
 * owns the actions, and coach vs rescue over time (issue 5), for one rep or
 * everyone. Pure: the rollup's rows in, figures out; the command draws them.
 */
import type { Owner } from '../playbook/schema.ts';
// series.ts, not the rescue API: the figures come stored in the rows, so no detection code loads.
import { rescueTotals, trendOfPoints, type RescuePoint, type RescueTotals } from '../model/rescue-series.ts';
import type { FollowThrough } from '../model/commitments.ts';
import type { RepRef } from '../model/journal.ts';
import { followThroughOf, type Rollup, type SessionRow } from '../lookback/rollup.ts';
import { sessionDate } from '../model/summary.ts';
import { rowsByRep } from './reps.ts';

export { normalizeConfidence } from '../lookback/rollup.ts';

interface MonthCount {
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
  rescue: RescueStats;
  /** The conversation mirror over the sessions with a transcript's figures attached (issue 12). */
  conversation: ConversationStats;
  /** Per rep, when the stats are for everyone. */
  reps?: RepStats[];
}

/** `repcoach listen --session` figures over time: habits, not a score. */
interface ConversationStats {
  /** Sessions with figures attached. */
  sessions: number;
  /** The manager's mean talk share, 0-1; null without sessions. */
  talkShare: number | null;
  /** Mean questions and open questions a session. */
  questions: number | null;
  openQuestions: number | null;
  /** Sessions where advice came before asking what the rep had tried. */
  adviceBeforeInquiry: number;
  /** Rescue sentences said aloud, in all. */
  rescue: number;
  /** The last RECENT sessions with figures, oldest first. */
  recent: Array<{ session: string; date: string; talkShare: number; questions: number; openQuestions: number; adviceBeforeInquiry: boolean; rescue: number }>;
}

/**
 * Coach vs rescue over time: the share of actions the manager took on and the
 * rescue flags per session. Only finished sessions with a rep count: a
 * session the manager ran alone with a self-check playbook is about the
 * manager's own habits, and is counted apart in `selfChecks`.
 */
export interface RescueStats {
  totals: RescueTotals;
  perMonth: Array<RescueTotals & { month: string }>;
  /** The last RECENT sessions counted, oldest first. */
  recent: RescuePoint[];
  selfChecks: { sessions: number; last: string | null };
  /** Per rep, when the stats are for everyone: the totals and the last REP_RECENT sessions counted. */
  reps?: Array<{ name: string; slug: string; totals: RescueTotals; recent: RescuePoint[] }>;
}

interface RepStats {
  name: string;
  slug: string;
  sessions: number;
  followThrough: number | null;
  confidence: number | null;
  managerShare: number | null;
  /** The manager's mean talk share in this rep's transcripts (0-1), null without one (issue 12). */
  talkShare: number | null;
}

export const RECENT = 20;
/** Sessions per rep in the rescue trend: enough to see a habit fade, narrow enough for a table. */
export const REP_RECENT = 10;

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
 * were agreed. Sessions the manager ran alone (self-checks) are about the
 * manager's habits, not a rep: they are left out of every figure and counted
 * apart (rescue.selfChecks).
 */
export function computeStats(input: {
  rows: readonly SessionRow[];
  names: Rollup['reps'];
  months: readonly string[];
  rep: RepRef | null;
  range: { since?: string | undefined; until?: string | undefined };
}): Stats {
  const { months } = input;
  const rows = input.rows.filter((r) => !r.selfCheck);
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
    rescue: rescueStats(input.rows, input.names, months, input.rep === null),
    conversation: conversationStats(oldestFirst),
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
        talkShare: conversationStats([...own].reverse()).talkShare,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  return stats;
}

/** The conversation figures of `rows` (oldest first) that have them. */
function conversationStats(rows: readonly SessionRow[]): ConversationStats {
  const points = rows.flatMap((r) => (r.conversation ? [{ r, c: r.conversation }] : []));
  const avg = (xs: number[], places: number) => (xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10 ** places) / 10 ** places);
  return {
    sessions: points.length,
    talkShare: avg(points.map(({ c }) => c[0]), 4),
    questions: avg(points.map(({ c }) => c[1]), 1),
    openQuestions: avg(points.map(({ c }) => c[2]), 1),
    adviceBeforeInquiry: points.filter(({ c }) => c[3] === 1).length,
    rescue: points.reduce((n, { c }) => n + c[4], 0),
    recent: points.slice(-RECENT).map(({ r, c }) => ({
      session: r.id,
      date: sessionDate(r.started),
      talkShare: c[0],
      questions: c[1],
      openQuestions: c[2],
      adviceBeforeInquiry: c[3] === 1,
      rescue: c[4],
    })),
  };
}

/** A session's rescue point from its row (the figures the index stored). */
function rescuePointOf(r: SessionRow, name: string): RescuePoint {
  const [managerTookOn, managerKept, handedBack, flags] = r.rescue;
  return {
    session: r.id,
    rep: name,
    repSlug: r.rep,
    date: sessionDate(r.started),
    status: r.status,
    actions: r.actions,
    managerTookOn,
    managerKept,
    handedBack,
    flags,
    share: r.actions ? managerTookOn / r.actions : null,
  };
}

function rescueStats(rows: readonly SessionRow[], names: Rollup['reps'], months: readonly string[], perRep: boolean): RescueStats {
  // Unfinished sessions are left out: their ledger is not done, so their figures can still change.
  const finished = rows.filter((r) => r.status === 'done');
  const selfChecks = finished.filter((r) => r.selfCheck);
  const trend = trendOfPoints(finished.filter((r) => !r.selfCheck).map((r) => rescuePointOf(r, names[r.rep]?.name ?? r.rep)));
  const byMonth = new Map<string, RescuePoint[]>(months.map((m) => [m, []]));
  for (const p of trend.overall.points) byMonth.get(p.date.slice(0, 7))?.push(p);
  const out: RescueStats = {
    totals: trend.overall.totals,
    perMonth: months.map((month) => ({ month, ...rescueTotals(byMonth.get(month) ?? []) })),
    recent: trend.overall.points.slice(-RECENT),
    // Rows come newest first.
    selfChecks: { sessions: selfChecks.length, last: selfChecks[0] ? sessionDate(selfChecks[0].started) : null },
  };
  if (perRep) out.reps = trend.reps.map((r) => ({ name: r.rep, slug: r.repSlug, totals: r.totals, recent: r.points.slice(-REP_RECENT) }));
  return out;
}
