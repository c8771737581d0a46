/**
 * `repcoach show <session>`: one session's note, rendered for the terminal
 * (`--markdown` for the note itself, `--json` for the whole record, with the
 * rescue check). The outcomes its actions got in later sessions are shown on
 * them. `--for-rep` gives the rep's copy: nothing private to the manager.
 */
import { renderNote } from '../note/render.ts';
import { noteForTerminal } from '../note/terminal.ts';
import { deriveCommitments, outcomesBySession } from '../session/commitments.ts';
import { rescueSettings } from '../rescue/settings.ts';
import { loadSummariesMentioning } from '../session/index.ts';
import { sessionRecord } from '../session/record.ts';
import { findSession } from '../session/store.ts';
import { openSettings } from '../settings.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from './context.ts';
import { chalkFor, printJson, warnUnreadable } from './lookback.ts';

export interface ShowOptions {
  session: string;
  json?: boolean;
  markdown?: boolean;
  /** The rep's copy: nothing private to the manager. */
  forRep?: boolean;
}

export async function show(ctx: CommandContext, opts: ShowOptions): Promise<void> {
  const loaded = await findSession(ctx.paths, opts.session);
  const mentioning = await loadSummariesMentioning(ctx.paths, loaded.id);
  warnUnreadable(ctx, [], mentioning.notices);
  const outcomes = outcomesBySession(deriveCommitments(mentioning.items), loaded.id);
  // The rescue check with the manager's own phrases, as the note at the end of the run had it.
  const rescue = opts.forRep ? undefined : rescueSettings(await openSettings(ctx.paths));
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
