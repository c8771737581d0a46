/** `repcoach sessions`: every session with its status, newest first. */
import { Chalk } from 'chalk';
import { loadSummaries } from '../lookback/queries.ts';
import { examineSession, journalOf, listSessions, type SessionListing } from '../store/store.ts';
import type { SessionSummary } from '../model/summary.ts';
import { localDay } from '../util/dates.ts';
import { formatTable } from '../util/table.ts';
import { safeJson, safeText } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';
import { openSettings } from '../config/settings.ts';

export interface SessionsOptions {
  json?: boolean;
  all?: boolean;
}

const STATUS_LABEL = { 'in-progress': 'in progress', paused: 'paused', done: 'done' } as const;

export async function sessions(ctx: CommandContext, opts: SessionsOptions): Promise<void> {
  if (opts.json) {
    // Everything a script may want (the last activity, answers, the note) is in the journals.
    const { sessions: list, unreadable, notices } = await listSessions(ctx.paths);
    for (const n of notices ?? []) println(ctx.stderr, `warning: ${safeText(n)}`);
    const rows = list.map((s) => ({
      id: s.id,
      rep: s.state.start.rep.name,
      playbook: s.state.start.playbook.id,
      deal: s.state.start.deal ?? null,
      status: s.state.status,
      started: s.state.start.at,
      updated: s.state.lastAt,
      answers: s.state.answers.size,
      note: s.state.notePath ?? null,
    }));
    println(ctx.stdout, safeJson({ sessions: rows, unreadable }, 2));
    return;
  }
  const { list, unreadable, notices } = await fromIndex(ctx);
  const c = new Chalk({ level: ctx.color });
  // A damaged index set aside is said, as docs/data.md promises (issue 15), like a damaged session.
  for (const n of notices) println(ctx.stderr, c.yellow(`warning: ${safeText(n)}`));
  for (const u of unreadable) println(ctx.stderr, c.yellow(`warning: ${safeText(u.reason)}`));
  if (list.length === 0) {
    println(ctx.stdout, 'No sessions yet. Start one with `repcoach run`.');
    return;
  }
  // formatTable makes each cell safe (no control characters, one line): it may come from a hand-edited journal.
  const rows = list.map((s) => [s.id, localDay(s.started), s.rep.name, s.playbook.id, STATUS_LABEL[s.status], s.deal ?? '']);
  const lines = formatTable(['SESSION', 'DATE', 'REP', 'PLAYBOOK', 'STATUS', 'DEAL'], rows, c, { maxWidth: 30 }, (i, line) =>
    rows[i]?.[4] === 'done' ? line : c.yellow(line),
  );
  for (const line of lines) println(ctx.stdout, line);
  const open = list.filter((s) => s.status !== 'done').length;
  if (open > 0) println(ctx.stdout, c.dim(`\n${open} unfinished: continue the newest with \`repcoach resume\`, or give its id.`));
}

/**
 * The sessions as the index summarises them (10,000 journals are not read for a
 * table), except the few it could not read or found damaged: those are looked at
 * again, as listSessions would, so a damaged one is set aside and named.
 */
async function fromIndex(ctx: CommandContext): Promise<{ list: SessionSummary[]; unreadable: SessionListing['unreadable']; notices: string[] }> {
  const { items, unreadable: skipped, notices: indexNotices } = await loadSummaries(ctx.paths, await openSettings(ctx.paths));
  const notices = [...indexNotices];
  const unreadable: SessionListing['unreadable'] = [];
  for (const u of skipped) {
    const seen = await examineSession(ctx.paths, u.file);
    // One that reads well was left out for another reason the index gives (a second copy of a session).
    unreadable.push('unreadable' in seen ? seen.unreadable : { file: u.file, reason: `skipped ${u.file}: ${u.reason}` });
  }
  const dropped = new Set<string>();
  const saved = new Map<string, SessionSummary>();
  for (const s of items.filter((x) => x.damaged)) {
    const seen = await examineSession(ctx.paths, journalOf(ctx.paths, s));
    if ('notice' in seen && seen.notice) notices.push(seen.notice);
    if ('unreadable' in seen) {
      unreadable.push(seen.unreadable);
      dropped.add(s.id);
    } else if (seen.notice) {
      // Saved in place just now: its row reads as the journal does now, not as the index had it.
      saved.set(s.id, { ...s, status: seen.loaded.state.status, damaged: false });
    }
  }
  return { list: items.filter((s) => !dropped.has(s.id)).map((s) => saved.get(s.id) ?? s), unreadable, notices };
}
