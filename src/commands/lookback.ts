/**
 * What the look-back commands (reps, prep, history, search, stats, export)
 * share: the store as the index sees it, with unreadable session files
 * reported on stderr (never fatal), and the commitments derived from it.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { deriveCommitments, type Commitment } from '../session/commitments.ts';
import { isoDate } from '../util/dates.ts';
import { loadSummaries } from '../session/index.ts';
import type { SessionSummary } from '../session/summary.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from './context.ts';

export interface Lookback {
  /** Newest first. */
  summaries: SessionSummary[];
  commitments: Commitment[];
}

export async function loadLookback(ctx: CommandContext): Promise<Lookback> {
  const { items, unreadable } = await loadSummaries(ctx.paths);
  warnUnreadable(ctx, unreadable);
  return { summaries: items, commitments: deriveCommitments(items) };
}

export function warnUnreadable(ctx: CommandContext, unreadable: ReadonlyArray<{ file: string; reason: string }>): void {
  if (unreadable.length === 0) return;
  const c = chalkFor(ctx);
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
  println(ctx.stdout, JSON.stringify(value, null, 2));
}
