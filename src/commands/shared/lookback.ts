/**
 * What the look-back commands share: the store as the index sees it (the
 * rollup for reps, prep, history and stats; the summaries and commitments for
 * show and export), with unreadable session files and index files set aside
 * reported on stderr, never fatal.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { deriveCommitments, type Commitment } from '../../model/commitments.ts';
import { isoDate } from '../../util/dates.ts';
import { loadRollup, loadSummaries, type IndexSettings } from '../../lookback/queries.ts';
import type { Rollup } from '../../lookback/rollup.ts';
import type { SessionSummary } from '../../model/summary.ts';
import { safeJson, safeText } from '../../util/term.ts';
import { println, type CommandContext } from '../../config/context.ts';

export interface Lookback {
  /** Newest first. */
  summaries: SessionSummary[];
  commitments: Commitment[];
}

export async function loadLookback(ctx: CommandContext, settings: IndexSettings): Promise<Lookback> {
  const { items, unreadable, notices } = await loadSummaries(ctx.paths, settings);
  warnUnreadable(ctx, unreadable, notices);
  return { summaries: items, commitments: deriveCommitments(items) };
}

/** The rollup (lookback/rollup.ts): all that reps, history, stats and prep need. */
export async function loadRows(ctx: CommandContext, settings: IndexSettings): Promise<Rollup> {
  const { rollup, unreadable, notices } = await loadRollup(ctx.paths, settings);
  warnUnreadable(ctx, unreadable, notices);
  return rollup;
}

/** Unreadable session files, and index files set aside (`notices`, from the index: each is told once). */
export function warnUnreadable(ctx: CommandContext, unreadable: ReadonlyArray<{ file: string; reason: string }>, notices: readonly string[] = []): void {
  if (unreadable.length === 0 && notices.length === 0) return;
  const c = chalkFor(ctx);
  for (const n of notices) println(ctx.stderr, c.yellow(`warning: ${safeText(n)}`));
  for (const u of unreadable) println(ctx.stderr, c.yellow(`warning: skipped ${safeText(u.file)}: ${safeText(u.reason)}`));
}

export function chalkFor(ctx: CommandContext): ChalkInstance {
  return new Chalk({ level: ctx.color });
}

/** Today as a local calendar date (YYYY-MM-DD). */
export function todayOf(ctx: CommandContext): string {
  return isoDate(ctx.now());
}

export function printJson(ctx: CommandContext, value: unknown): void {
  println(ctx.stdout, safeJson(value, 2));
}
