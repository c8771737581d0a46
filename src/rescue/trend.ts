/**
 * Coach vs rescue over time (issue 5): per rep and overall, the share of
 * actions the manager took on and the rescue flags per session, oldest first,
 * so a manager can see the habit fading. Pure; `repcoach stats` shows it.
 *
 * A session's point costs a rescue check (detection on its actions and the
 * manager's words, well under a millisecond); an index can store points and
 * pass them in instead of states.
 */
import type { SessionState, SessionStatus } from '../session/journal.ts';
import type { RescueOptions } from './detect.ts';
import { rescueReport } from './report.ts';

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

export interface RescueTotals {
  sessions: number;
  actions: number;
  managerTookOn: number;
  managerKept: number;
  handedBack: number;
  flags: number;
  share: number | null;
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

export function rescuePoint(state: SessionState, extra: RescueOptions = {}): RescuePoint {
  const r = rescueReport(state, extra);
  return {
    session: state.start.id,
    rep: state.start.rep.name,
    repSlug: state.start.rep.slug,
    date: state.start.at.slice(0, 10),
    status: state.status,
    actions: r.actions.total,
    managerTookOn: r.actions.managerTookOn,
    managerKept: r.actions.manager,
    handedBack: r.actions.handedBack,
    flags: r.flags,
    share: r.actions.total ? r.actions.managerTookOn / r.actions.total : null,
  };
}

export function rescueTrend(sessions: ReadonlyArray<SessionState | RescuePoint>, extra: RescueOptions = {}): RescueTrend {
  const points = sessions
    .map((s) => ('start' in s ? rescuePoint(s, extra) : s))
    .sort((a, b) => a.date.localeCompare(b.date) || a.session.localeCompare(b.session));
  const byRep = new Map<string, RescuePoint[]>();
  for (const p of points) byRep.set(p.repSlug, [...(byRep.get(p.repSlug) ?? []), p]);
  const reps = [...byRep.values()]
    .map((list) => {
      const latest = list[list.length - 1];
      return { rep: latest?.rep ?? '', repSlug: latest?.repSlug ?? '', totals: totals(list), points: list };
    })
    .sort((a, b) => a.rep.localeCompare(b.rep));
  return { overall: { totals: totals(points), points }, reps };
}

function totals(points: readonly RescuePoint[]): RescueTotals {
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
