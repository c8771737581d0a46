/** `repcoach sessions`: every session with its status, newest first. */
import { Chalk } from 'chalk';
import { listSessions } from '../session/store.ts';
import { localDay } from '../util/dates.ts';
import { formatTable } from '../util/table.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from './context.ts';

export interface SessionsOptions {
  json?: boolean;
  all?: boolean;
}

const STATUS_LABEL = { 'in-progress': 'in progress', paused: 'paused', done: 'done' } as const;

export async function sessions(ctx: CommandContext, opts: SessionsOptions): Promise<void> {
  const { sessions: list, unreadable } = await listSessions(ctx.paths);
  if (opts.json) {
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
    println(ctx.stdout, JSON.stringify({ sessions: rows, unreadable }, null, 2));
    return;
  }
  const c = new Chalk({ level: ctx.color });
  for (const u of unreadable) println(ctx.stderr, c.yellow(`warning: ${safeText(u.reason)}`));
  if (list.length === 0) {
    println(ctx.stdout, 'No sessions yet. Start one with `repcoach run`.');
    return;
  }
  // formatTable makes each cell safe (no control characters, one line): it may come from a hand-edited journal.
  const rows = list.map((s) => [
    s.id,
    localDay(s.state.start.at),
    s.state.start.rep.name,
    s.state.start.playbook.id,
    STATUS_LABEL[s.state.status],
    s.state.start.deal ?? '',
  ]);
  const lines = formatTable(['SESSION', 'DATE', 'REP', 'PLAYBOOK', 'STATUS', 'DEAL'], rows, c, { maxWidth: 30 }, (i, line) =>
    rows[i]?.[4] === 'done' ? line : c.yellow(line),
  );
  for (const line of lines) println(ctx.stdout, line);
  const open = list.filter((s) => s.state.status !== 'done').length;
  if (open > 0) println(ctx.stdout, c.dim(`\n${open} unfinished: continue the newest with \`repcoach resume\`, or give its id.`));
}
