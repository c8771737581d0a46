/**
 * `repcoach stats [rep]`: sessions per month, follow-through, confidence trend,
 * who owns the actions and coach vs rescue over time, as small terminal
 * charts, or `--json`.
 */
import { plural } from '../util/sentence.ts';
import type { ChalkInstance } from 'chalk';
import { bar, percent, sparkline } from '../report/charts.ts';
import { findRep, repsOf } from '../report/reps.ts';
import { computeStats, REP_RECENT, type RescueStats, type Stats } from '../report/stats.ts';
import type { OutcomeCounts } from '../model/commitments.ts';
import { sessionDate } from '../model/summary.ts';
import { dateRange, inRange, monthsEnding } from '../util/dates.ts';
import { formatTable } from '../util/table.ts';
import { safeText } from '../util/term.ts';
import type { CommandContext } from '../config/context.ts';
import { chalkFor, loadRows, printJson, todayOf } from './shared/lookback.ts';
import { openSettings } from '../config/settings.ts';

export interface StatsOptions {
  rep?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  json?: boolean;
}

/** The months charted: the last 12 up to --until (or today), or from --since, at most 24. */
export function chartMonths(range: { since?: string | undefined; until?: string | undefined }, today: string): string[] {
  const end = (range.until ?? today).slice(0, 7);
  if (!range.since) return monthsEnding(end, 12);
  const start = range.since.slice(0, 7);
  const span = (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(end.slice(5, 7)) - Number(start.slice(5, 7)) + 1;
  return monthsEnding(end, Math.max(1, Math.min(24, span)));
}

export async function stats(ctx: CommandContext, opts: StatsOptions): Promise<void> {
  const range = dateRange(opts, ctx.now());
  const today = todayOf(ctx);
  const rollup = await loadRows(ctx, await openSettings(ctx.paths));
  const rep = opts.rep === undefined ? undefined : findRep(opts.rep, repsOf(rollup));
  const result = computeStats({
    rows: rollup.rows.filter((r) => (!rep || r.rep === rep.slug) && inRange(sessionDate(r.started), range)),
    names: rollup.reps,
    months: chartMonths(range, today),
    rep: rep ? { name: rep.name, slug: rep.slug } : null,
    range,
  });
  if (opts.json) {
    printJson(ctx, result);
    return;
  }
  ctx.stdout.write(formatStats(result, chalkFor(ctx)).join('\n') + '\n');
}

const BAR_WIDTH = 30;

export function formatStats(s: Stats, c: ChalkInstance): string[] {
  const out: string[] = [];
  const who = s.rep ? safeText(s.rep.name) : 'All reps';
  const first = s.months[0] ?? '';
  const last = s.months[s.months.length - 1] ?? '';
  out.push(`${c.bold(who)}${c.dim(` · ${plural(s.sessions.total, 'session')}${s.range.since || s.range.until ? ` from ${s.range.since ?? 'the start'} to ${s.range.until ?? 'today'}` : ''}`)}`);
  if (s.sessions.total === 0) {
    out.push('', 'No sessions in this range.');
    return out;
  }
  out.push('');

  out.push(c.bold('Sessions per month') + c.dim(`  ${first} to ${last}`));
  const most = Math.max(1, ...s.sessions.perMonth.map((m) => m.count));
  for (const m of s.sessions.perMonth) out.push(`  ${m.month}  ${c.cyan(bar(m.count, most, BAR_WIDTH))} ${m.count}`);
  out.push('');

  const f = s.followThrough;
  out.push(`${c.bold('Follow-through')}  ${c.bold(percent(f.rate))}`);
  out.push(c.dim(`  ${countsText(f)}`));
  const y = f.yours;
  if (y.done + y.partly + y.notDone + y.dropped + y.pending > 0) out.push(c.dim(`  your own actions (not in the figure): ${countsText(y)}`));
  if (f.perMonth.some((m) => m.rate !== null)) {
    out.push(`  by month agreed  ${c.cyan(sparkline(f.perMonth.map((m) => m.rate), { min: 0, max: 1 }))}  ${c.dim(`${first} to ${last}, 0-100%`)}`);
  }
  out.push('');

  const conf = s.confidence;
  out.push(`${c.bold('Confidence')}  ${conf.average === null ? 'n/a' : `average ${conf.average}/10, latest ${conf.latest}/10`}`);
  if (conf.recent.length > 1) out.push(`  last ${conf.recent.length} sessions  ${c.cyan(sparkline(conf.recent.map((r) => r.value), { min: 1, max: 10 }))}`);
  if (conf.perMonth.some((m) => m.average !== null)) {
    out.push(`  by month          ${c.cyan(sparkline(conf.perMonth.map((m) => m.average), { min: 1, max: 10 }))}  ${c.dim(`${first} to ${last}, 1-10`)}`);
  }
  out.push('');

  const o = s.owners;
  out.push(`${c.bold('Who owns the actions')}${c.dim(`  ${o.total} actions`)}`);
  const ownerRows: Array<[string, number]> = [
    ['rep', o.rep],
    ['both', o.both],
    ['manager', o.manager],
  ];
  for (const [name, n] of ownerRows) {
    const share = o.total === 0 ? null : n / o.total;
    const paint = name === 'manager' ? c.yellow : c.cyan;
    out.push(`  ${name.padEnd(8)} ${paint(bar(n, Math.max(1, o.total), BAR_WIDTH))} ${percent(share)} (${n})`);
  }

  if (s.reps && s.reps.length > 0) {
    out.push('');
    out.push(
      ...formatTable(
        ['REP', 'SESSIONS', 'FOLLOW-THROUGH', 'CONFIDENCE', 'MANAGER-OWNED'],
        s.reps.map((r) => [r.name, String(r.sessions), percent(r.followThrough), r.confidence === null ? 'n/a' : `${r.confidence}/10`, percent(r.managerShare)]),
        c,
        { right: [1, 2, 3, 4] },
      ),
    );
  }
  out.push('', ...formatRescue(s.rescue, s.months, c));
  if (s.conversation.sessions > 0) out.push('', ...formatConversation(s, c));
  return out;
}

/** The conversation mirror over time (`repcoach listen --session`, issue 12): habits, not a score. */
function formatConversation(s: Stats, c: ChalkInstance): string[] {
  const v = s.conversation;
  const out = [
    `${c.bold('Conversation mirror')}  ${c.dim(`${plural(v.sessions, 'session')} with a transcript's figures`)}`,
    `  your talk share ${c.bold(percent(v.talkShare))} on average ${c.dim('(aim for 45% or less)')} · ${decimal(v.questions)} questions a session, ${decimal(v.openQuestions)} open`,
    `  advice before asking what the rep had tried: ${v.adviceBeforeInquiry} of ${v.sessions} · rescue sentences said aloud: ${v.rescue}`,
  ];
  if (v.recent.length > 1) out.push(`  talk share, session by session  ${c.cyan(sparkline(v.recent.map((p) => p.talkShare), { min: 0, max: 1 }))}  ${c.dim('0-100%')}`);
  const reps = (s.reps ?? []).filter((r) => r.talkShare !== null);
  if (reps.length > 0) out.push(...reps.map((r) => `  with ${safeText(r.name)}: ${percent(r.talkShare)} talk share`));
  out.push(c.dim('  Conversation habits, not a score.'));
  return out;
}

/** "done 1, partly 1, not done 0; dropped 1; not reviewed yet 2": each commitment at its latest outcome. */
export function countsText(f: OutcomeCounts): string {
  return `done ${f.done}, partly ${f.partly}, not done ${f.notDone}; dropped ${f.dropped}; not reviewed yet ${f.pending}`;
}

/** One decimal, without a trailing ".0" for whole numbers. */
function decimal(n: number | null): string {
  return n === null ? 'n/a' : String(Math.round(n * 10) / 10);
}

/** A sparkline for a table cell: the table folds runs of spaces, so a gap is a dot. */
function cellSparkline(values: ReadonlyArray<number | null>, scale: { min: number; max: number }): string {
  return sparkline(values, scale).replace(/ /g, '·');
}

/** Coach or rescue: the share of actions you took on and the rescue flags per session, over time. */
export function formatRescue(r: RescueStats, months: readonly string[], c: ChalkInstance): string[] {
  const t = r.totals;
  const first = months[0] ?? '';
  const last = months[months.length - 1] ?? '';
  const out: string[] = [];
  const selfChecks =
    r.selfChecks.sessions === 0
      ? ''
      : `; ${r.selfChecks.sessions} self-check${r.selfChecks.sessions === 1 ? '' : 's'} of your own not counted (last ${r.selfChecks.last ?? ''})`;
  if (t.sessions === 0) {
    out.push(`${c.bold('Coach or rescue')}  ${c.dim(`no finished sessions to count yet${selfChecks}`)}`);
    return out;
  }
  out.push(
    `${c.bold('Coach or rescue')}  you took on ${c.bold(percent(t.share))} of ${t.actions} actions` +
      `${t.handedBack ? ` (${t.handedBack} handed back)` : ''} · ${c.bold(decimal(t.flagsPerSession))} rescue ${t.flagsPerSession === 1 ? 'flag' : 'flags'} a session`,
  );
  const flagPeak = Math.max(1, ...r.perMonth.map((m) => m.flagsPerSession ?? 0));
  if (r.perMonth.some((m) => m.sessions > 0)) {
    out.push(`  took on, by month  ${c.yellow(sparkline(r.perMonth.map((m) => m.share), { min: 0, max: 1 }))}  ${c.dim(`${first} to ${last}, 0-100%`)}`);
    out.push(`  flags, by month    ${c.yellow(sparkline(r.perMonth.map((m) => m.flagsPerSession), { min: 0, max: flagPeak }))}  ${c.dim(`${first} to ${last}, 0-${decimal(flagPeak)} a session`)}`);
  }
  if (r.recent.length > 1) {
    const recentPeak = Math.max(1, ...r.recent.map((p) => p.flags));
    out.push(
      `  last ${r.recent.length} sessions   took on ${c.yellow(sparkline(r.recent.map((p) => p.share), { min: 0, max: 1 }))}` +
        `  flags ${c.yellow(sparkline(r.recent.map((p) => p.flags), { min: 0, max: recentPeak }))}  ${c.dim(`0-${recentPeak}`)}`,
    );
  }
  out.push(c.dim(`  finished sessions with a rep: ${t.sessions}${selfChecks}`));

  if (r.reps && r.reps.length > 0) {
    const peak = Math.max(1, ...r.reps.flatMap((rep) => rep.recent.map((p) => p.flags)));
    out.push('');
    out.push(
      ...formatTable(
        ['REP', 'SESSIONS', 'TOOK ON', 'FLAGS/SESSION', `TOOK ON, LAST ${REP_RECENT}`, `FLAGS, LAST ${REP_RECENT}`],
        r.reps.map((rep) => [
          rep.name,
          String(rep.totals.sessions),
          percent(rep.totals.share),
          decimal(rep.totals.flagsPerSession),
          cellSparkline(rep.recent.map((p) => p.share), { min: 0, max: 1 }),
          cellSparkline(rep.recent.map((p) => p.flags), { min: 0, max: peak }),
        ]),
        c,
        { right: [1, 2, 3] },
      ),
    );
    out.push(c.dim(`  last sessions oldest first; took on 0-100%, flags 0-${peak}`));
  }
  return out;
}
