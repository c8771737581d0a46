/** `repcoach reps`: every rep coached, with their last session, open commitments and follow-through. */
import { plural } from '../util/sentence.ts';
import { percent } from '../report/charts.ts';
import { repOverviews } from '../report/reps.ts';
import { finishHint, pendingRepChange } from '../upkeep/rep-change.ts';
import { formatTable } from '../util/table.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';
import { chalkFor, loadRows, printJson, todayOf } from './shared/lookback.ts';
import { openSettings } from '../config/settings.ts';

export interface RepsOptions {
  json?: boolean;
}

export async function reps(ctx: CommandContext, opts: RepsOptions): Promise<void> {
  // A rename cut off in the middle shows one rep under two names until it is finished.
  const pending = await pendingRepChange(ctx.paths).catch(() => undefined);
  if (pending) println(ctx.stderr, `warning: ${safeText(finishHint(pending))}`);
  const rollup = await loadRows(ctx, await openSettings(ctx.paths));
  const list = repOverviews(rollup, todayOf(ctx));
  if (opts.json) {
    printJson(ctx, { reps: list });
    return;
  }
  const c = chalkFor(ctx);
  if (list.length === 0) {
    println(ctx.stdout, 'No reps yet. Start a session with `repcoach run --rep "<name>"`.');
    return;
  }
  const rows = list.map((r) => [
    r.name,
    String(r.sessions),
    r.lastSession ? `${r.lastSession.date} ${r.lastSession.playbook}${r.lastSession.status === 'done' ? '' : ` (${r.lastSession.status})`}` : '',
    r.overdue > 0 ? `${r.open} (${r.overdue} overdue)` : String(r.open),
    followLabel(r.followThrough),
  ]);
  for (const line of formatTable(['REP', 'SESSIONS', 'LAST SESSION', 'OPEN', 'FOLLOW-THROUGH'], rows, c, { right: [1] }, (i, l) =>
    (list[i]?.overdue ?? 0) > 0 ? c.yellow(l) : l,
  )) {
    println(ctx.stdout, line);
  }
  println(ctx.stdout, c.dim(`\n${plural(list.length, 'rep')}, ${plural(rollup.rows.length, 'session')}. Prepare for one: repcoach prep "<rep>"`));
}

function followLabel(f: { rate: number | null; done: number; partly: number; notDone: number }): string {
  const reviewed = f.done + f.partly + f.notDone;
  return f.rate === null ? 'n/a' : `${percent(f.rate)} of ${reviewed}`;
}
