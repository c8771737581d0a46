/**
 * `repcoach search <text>`: every answer containing the text, with its
 * question (as asked), session and date, the match highlighted. The manager's
 * own notes (private answers, the self-check) are found too, marked private. The text is matched
 * literally and case-insensitively; answers are shown through safeText, so
 * nothing stored can drive the terminal.
 */
import type { ChalkInstance } from 'chalk';
import { UsageError } from '../util/errors.ts';
import { findRep } from '../report/reps.ts';
import { linePrefilter, search as searchDocs, snippet, type Range } from '../report/search.ts';
import { loadSearchDocs } from '../lookback/queries.ts';
import { dateRange } from '../util/dates.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';
import { chalkFor, printJson, warnUnreadable } from './shared/lookback.ts';

export interface SearchOptions {
  text: string;
  rep?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  json?: boolean;
}

/** `text` with each range styled by `mark`; every piece passes through safeText on its own. */
export function highlight(text: string, ranges: readonly Range[], mark: (s: string) => string): string {
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    out += safeText(text.slice(at, s)) + mark(safeText(text.slice(s, e)));
    at = e;
  }
  return out + safeText(text.slice(at));
}

export async function search(ctx: CommandContext, opts: SearchOptions): Promise<void> {
  if (opts.text.trim() === '') throw new UsageError('Give some text to search for.', 'For example: repcoach search "champion"');
  const range = dateRange(opts, ctx.now());
  // With --rep, every line is read (the rep is known by name only once the documents are parsed).
  const { items, shared, unreadable, notices } = await loadSearchDocs(ctx.paths, opts.rep === undefined ? linePrefilter(opts.text) : undefined);
  warnUnreadable(ctx, unreadable, notices);
  let repSlug: string | undefined;
  if (opts.rep !== undefined) {
    // Newest first: the name as last given wins.
    const reps = new Map<string, { name: string; slug: string }>();
    for (const d of items) if (!reps.has(d.rep.slug)) reps.set(d.rep.slug, d.rep);
    repSlug = findRep(opts.rep, [...reps.values()]).slug;
  }
  const hits = searchDocs(items, opts.text, { ...range, repSlug }, shared);
  if (opts.json) {
    printJson(ctx, { query: opts.text, hits });
    return;
  }
  const c = chalkFor(ctx);
  if (hits.length === 0) {
    println(ctx.stdout, `Nothing found for “${safeText(opts.text)}”.`);
    return;
  }
  const mark = matchStyle(c);
  const lines: string[] = [];
  let lastSession = '';
  for (const h of hits) {
    if (h.session !== lastSession) {
      if (lastSession) lines.push('');
      lines.push(`${c.bold(h.date)}  ${c.bold(safeText(h.rep.name))}  ${h.playbook}  ${c.dim(h.session)}`);
      lastSession = h.session;
    }
    const s = snippet(h.answer, h.matches);
    lines.push(`  ${c.cyan(safeText(h.questionText))}${h.private ? c.dim(' · private: yours alone, never in the rep’s copy') : ''}`);
    lines.push(`    ${s.cutStart ? '…' : ''}${highlight(s.text, s.ranges, mark)}${s.cutEnd ? '…' : ''}`);
  }
  const sessions = new Set(hits.map((h) => h.session)).size;
  lines.push('', c.dim(`${hits.length} ${hits.length === 1 ? 'answer' : 'answers'} in ${sessions} ${sessions === 1 ? 'session' : 'sessions'}.`));
  ctx.stdout.write(lines.join('\n') + '\n');
}

function matchStyle(c: ChalkInstance): (s: string) => string {
  return c.level > 0 ? (s) => c.bold.inverse(s) : (s) => s;
}
