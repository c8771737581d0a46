/**
 * Coach vs rescue over time (issue 5): per rep and overall, the share of
 * actions the manager took on and the rescue flags per session, oldest first,
 * so a manager can see the habit fading. Pure; `repcoach stats` shows it.
 *
 * A session's point costs a rescue check (detection on its actions and the
 * manager's words, well under a millisecond); the index stores each session's
 * figures when it summarises it, and `stats` works from those (series.ts).
 */
import type { SessionState } from '../model/journal.ts';
import type { RescueOptions } from '../rescue/detect.ts';
import { rescueReport } from './report.ts';
import { trendOfPoints, type RescuePoint, type RescueTrend } from '../model/rescue-series.ts';
import { sessionDate } from '../model/summary.ts';

export { rescueTotals, type RescuePoint, type RescueSeries, type RescueTotals, type RescueTrend } from '../model/rescue-series.ts';

export function rescuePoint(state: SessionState, extra: RescueOptions = {}): RescuePoint {
  const r = rescueReport(state, extra);
  return {
    session: state.start.id,
    rep: state.start.rep.name,
    repSlug: state.start.rep.slug,
    date: sessionDate(state.start.at),
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
  return trendOfPoints(sessions.map((s) => ('start' in s ? rescuePoint(s, extra) : s)));
}
