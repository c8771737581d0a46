/** `repcoach history [rep]`: the sessions, newest first, as a table or `--json`. */
import { isOpen, type Commitment } from '../session/commitments.ts';
import { findRep, repOverviews } from '../report/reps.ts';
import { sessionDate, type SessionSummary } from '../session/summary.ts';
import { dateRange, inRange } from '../util/dates.ts';
import { formatTable } from '../util/table.ts';
import { UsageError } from '../errors.ts';
import { println, type CommandContext } from './context.ts';
import { chalkFor, loadLookback, printJson, todayOf } from './lookback.ts';

export interface HistoryOptions {
  rep?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  limit?: string | undefined;
  json?: boolean;
}

export interface HistoryRow {
  id: string;
  date: string;
  started: string;
  rep: { name: string; slug: string };
  playbook: string;
  deal: string | null;
  status: SessionSummary['status'];
  /** Actions agreed, and how many of them are still open. */
  actions: number;
  open: number;
  /** Commitments from earlier sessions reviewed in this one. */
  reviewed: number;
}

export function historyRows(summaries: readonly SessionSummary[], commitments: readonly Commitment[]): HistoryRow[] {
  const openBySession = new Map<string, number>();
  for (const c of commitments) if (isOpen(c.status)) openBySession.set(c.session, (openBySession.get(c.session) ?? 0) + 1);
  return summaries.map((s) => ({
    id: s.id,
    date: sessionDate(s.started),
    started: s.started,
    rep: s.rep,
    playbook: s.playbook.id,
    deal: s.deal ?? null,
    status: s.status,
    actions: s.actions.length,
    open: openBySession.get(s.id) ?? 0,
    reviewed: Object.values(s.reviews).reduce((n, list) => n + list.length, 0),
  }));
}

export async function history(ctx: CommandContext, opts: HistoryOptions): Promise<void> {
  const range = dateRange(opts, ctx.now());
  const limit = opts.limit === undefined ? undefined : Number(opts.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new UsageError(`--limit must be a whole number above 0, not ${JSON.stringify(opts.limit)}.`);
  const { summaries, commitments } = await loadLookback(ctx);
  const rep = opts.rep === undefined ? undefined : findRep(opts.rep, repOverviews(summaries, commitments, todayOf(ctx)));
  let selected = summaries.filter((s) => (!rep || s.rep.slug === rep.slug) && inRange(sessionDate(s.started), range));
  const total = selected.length;
  if (limit !== undefined) selected = selected.slice(0, limit);
  const rows = historyRows(selected, commitments);
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
