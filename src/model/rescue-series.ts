/**
 * Coach vs rescue over time (issue 5), from points alone: per rep and overall,
 * oldest first, with totals. No detection code is imported here, so `stats`
 * (which reads points stored in the index) loads none of it; trend.ts makes a
 * point from a session.
 */
import type { SessionStatus } from './journal.ts';

export interface RescuePoint {
  session: string;
  rep: string;
  repSlug: string;
  /** The session's start, YYYY-MM-DD. */
  date: string;
  status: SessionStatus;
  actions: number;
  /** Actions the manager owned as first recorded (kept or handed back). */
  managerTookOn: number;
  /** Actions the manager still owns after the ownership ledger. */
  managerKept: number;
  handedBack: number;
  /** Possible rescues: flagged actions plus rescue language in the manager's words. */
  flags: number;
  /** managerTookOn / actions; null for a session without actions. */
  share: number | null;
}

/** A point's counts summed over sessions; `share` is managerTookOn / actions over them all. */
export interface RescueTotals extends Pick<RescuePoint, 'actions' | 'managerTookOn' | 'managerKept' | 'handedBack' | 'flags' | 'share'> {
  sessions: number;
  flagsPerSession: number | null;
}

export interface RescueSeries {
  totals: RescueTotals;
  /** Oldest first. */
  points: RescuePoint[];
}

export interface RescueTrend {
  overall: RescueSeries;
  reps: Array<RescueSeries & { rep: string; repSlug: string }>;
}

/** Points grouped per rep (by name) and overall, each oldest first. */
export function trendOfPoints(unordered: readonly RescuePoint[]): RescueTrend {
  // Dates and ids are ASCII: plain comparison orders them, far quicker than localeCompare over 10,000.
  const points = [...unordered].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.session < b.session ? -1 : a.session > b.session ? 1 : 0));
  const byRep = new Map<string, RescuePoint[]>();
  for (const p of points) {
    const list = byRep.get(p.repSlug);
    if (list) list.push(p);
    else byRep.set(p.repSlug, [p]);
  }
  const reps = [...byRep.values()]
    .map((list) => {
      const latest = list[list.length - 1];
      return { rep: latest?.rep ?? '', repSlug: latest?.repSlug ?? '', totals: rescueTotals(list), points: list };
    })
    .sort((a, b) => a.rep.localeCompare(b.rep));
  return { overall: { totals: rescueTotals(points), points }, reps };
}

/** The totals of some points (a rep's, a month's). */
export function rescueTotals(points: readonly RescuePoint[]): RescueTotals {
  const sum = (k: 'actions' | 'managerTookOn' | 'managerKept' | 'handedBack' | 'flags') => points.reduce((n, p) => n + p[k], 0);
  const actions = sum('actions');
  const managerTookOn = sum('managerTookOn');
  const flags = sum('flags');
  return {
    sessions: points.length,
    actions,
    managerTookOn,
    managerKept: sum('managerKept'),
    handedBack: sum('handedBack'),
    flags,
    share: actions ? managerTookOn / actions : null,
    flagsPerSession: points.length ? flags / points.length : null,
  };
}
