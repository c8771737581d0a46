/**
 * `repcoach show <session>`: one session's note, rendered for the terminal
 * (`--markdown` for the note itself, `--json` for the whole record, with the
 * rescue check). The outcomes its actions got in later sessions are shown on
 * them. `--for-rep` gives the rep's copy: nothing private to the manager.
 */
import { noteSummary, renderNote } from '../note/render.ts';
import { isEmptySummary, summaryText } from '../note/summary.ts';
import { noteForTerminal } from '../note/terminal.ts';
import { deriveCommitments, outcomesBySession } from '../model/commitments.ts';
import { rescueSettings } from '../mirror/settings.ts';
import { loadSummariesMentioning } from '../lookback/queries.ts';
import { sessionRecord } from '../note/record.ts';
import { findSession } from '../store/store.ts';
import { openSettings } from '../config/settings.ts';
import type { SessionState } from '../model/journal.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';
import { chalkFor, printJson, warnUnreadable } from './shared/lookback.ts';

export interface ShowOptions {
  session: string;
  json?: boolean;
  markdown?: boolean;
  /** The rep's copy: nothing private to the manager. */
  forRep?: boolean;
  /** The note's opening summary alone, as plain text (for the clipboard). */
  summary?: boolean;
}

export async function show(ctx: CommandContext, opts: ShowOptions): Promise<void> {
  const loaded = await findSession(ctx.paths, opts.session);
  if (opts.summary) {
    printSummary(ctx, loaded.state);
    return;
  }
  const settings = await openSettings(ctx.paths);
  const mentioning = await loadSummariesMentioning(ctx.paths, settings, loaded.id);
  warnUnreadable(ctx, [], mentioning.notices);
  const outcomes = outcomesBySession(deriveCommitments(mentioning.items), loaded.id);
  // The rescue check with the manager's own phrases, as the note at the end of the run had it.
  const rescue = opts.forRep ? undefined : rescueSettings(settings);
  if (opts.json) {
    printJson(ctx, sessionRecord(loaded.state, { entries: loaded.entries, outcomes, forRep: Boolean(opts.forRep), rescue }));
    return;
  }
  const markdown = renderNote(loaded.state, { forRep: Boolean(opts.forRep), outcomes, rescue });
  if (opts.markdown) {
    ctx.stdout.write(markdown);
    return;
  }
  const c = chalkFor(ctx);
  if (loaded.damage) {
    println(ctx.stderr, c.yellow(`warning: ${loaded.file} is damaged at line ${loaded.damage.line} (${loaded.damage.reason}); showing what comes before it.`));
  }
  ctx.stdout.write(noteForTerminal(markdown, c));
  println(ctx.stdout, c.dim(`\nSession ${loaded.id}${loaded.state.notePath ? ` · note: ${safeText(loaded.state.notePath)}` : ''}`));
}

/**
 * `--summary`: the summary as plain text, nothing else on stdout, so it can be piped
 * to the clipboard. It never holds anything private to the manager (summary.ts), so
 * it is the same with or without --for-rep.
 */
function printSummary(ctx: CommandContext, state: SessionState): void {
  const summary = noteSummary(state);
  if (isEmptySummary(summary)) {
    println(ctx.stderr, `Nothing to summarise yet in session ${state.start.id}: no situation, decision or next step recorded.`);
    return;
  }
  ctx.stdout.write(safeText(summaryText(summary)));
}
