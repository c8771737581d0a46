/** `repcoach history [rep]`: the sessions, newest first, as a table or `--json`. */
import { findRep, repsOf } from '../report/reps.ts';
import type { Rollup, SessionRow } from '../lookback/rollup.ts';
import { sessionDate } from '../model/summary.ts';
import { dateRange, inRange } from '../util/dates.ts';
import { formatTable } from '../util/table.ts';
import { UsageError } from '../util/errors.ts';
import { println, type CommandContext } from '../config/context.ts';
import { chalkFor, loadRows, printJson } from './shared/lookback.ts';
import { openSettings } from '../config/settings.ts';

export interface HistoryOptions {
  rep?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  limit?: string | undefined;
  json?: boolean;
}

/** A session as `history` shows it: its rollup row with the rep's name and the local date. */
export type HistoryRow = Pick<SessionRow, 'id' | 'started' | 'playbook' | 'deal' | 'status' | 'actions' | 'open' | 'reviewed'> & {
  date: string;
  rep: { name: string; slug: string };
};

export function historyRows(rows: readonly SessionRow[], names: Rollup['reps']): HistoryRow[] {
  return rows.map((r) => ({
    id: r.id,
    date: sessionDate(r.started),
    started: r.started,
    rep: { name: names[r.rep]?.name ?? r.rep, slug: r.rep },
    playbook: r.playbook,
    deal: r.deal,
    status: r.status,
    actions: r.actions,
    open: r.open,
    reviewed: r.reviewed,
  }));
}

export async function history(ctx: CommandContext, opts: HistoryOptions): Promise<void> {
  const range = dateRange(opts, ctx.now());
  const limit = opts.limit === undefined ? undefined : Number(opts.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new UsageError(`--limit must be a whole number above 0, not ${JSON.stringify(opts.limit)}.`);
  const rollup = await loadRows(ctx, await openSettings(ctx.paths));
  const rep = opts.rep === undefined ? undefined : findRep(opts.rep, repsOf(rollup));
  let selected = rollup.rows.filter((r) => (!rep || r.rep === rep.slug) && inRange(sessionDate(r.started), range));
  const total = selected.length;
  if (limit !== undefined) selected = selected.slice(0, limit);
  const rows = historyRows(selected, rollup.reps);
  if (opts.json) {
    printJson(ctx, { sessions: rows, total });
    return;
  }
  const c = chalkFor(ctx);
  if (rows.length === 0) {
    println(ctx.stdout, rep || range.since || range.until ? 'No sessions match.' : 'No sessions yet. Start one with `repcoach run`.');
    return;
  }
  const table = formatTable(
    ['DATE', 'REP', 'PLAYBOOK', 'DEAL', 'STATUS', 'ACTIONS', 'SESSION'],
    rows.map((r) => [
      r.date,
      r.rep.name,
      r.playbook,
      r.deal ?? '',
      r.status === 'in-progress' ? 'in progress' : r.status,
      r.actions === 0 ? '-' : r.open > 0 ? `${r.actions} (${r.open} open)` : String(r.actions),
      r.id,
    ]),
    c,
    { maxWidth: 28 },
    (i, line) => (rows[i]?.status === 'done' ? line : c.yellow(line)),
  );
  // One write for the whole table: thousands of rows print in one go.
  ctx.stdout.write(table.join('\n') + '\n');
  if (total > rows.length) println(ctx.stdout, c.dim(`\n${rows.length} of ${total} sessions shown; --limit changes how many.`));
}
