/**
 * `repcoach prep <rep>`: a minute before the one-to-one — the last session in
 * brief, the open commitments (overdue marked), follow-through, the confidence
 * trend and a suggested playbook; `--agenda <file>` writes a markdown agenda to
 * send the rep beforehand.
 */
import path from 'node:path';
import { ownerLabel } from '../playbook/model.ts';
import { percent, sparkline } from '../report/charts.ts';
import { buildPrep, type PrepReport } from '../report/prep.ts';
import { findRep, repsOf } from '../report/reps.ts';
import { openSettings } from '../config/settings.ts';
import { writeFileAtomic } from '../util/fs.ts';
import { safeText, shellQuote } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';
import { chalkFor, loadRows, printJson, todayOf } from './shared/lookback.ts';

export interface PrepOptions {
  rep: string;
  /** The playbook for the agenda (and the suggested command); the suggestion when omitted. */
  playbook?: string | undefined;
  agenda?: string | undefined;
  deal?: string | undefined;
  json?: boolean;
}

export async function prep(ctx: CommandContext, opts: PrepOptions): Promise<void> {
  const settings = await openSettings(ctx.paths);
  const rollup = await loadRows(ctx, settings);
  // The playbook code (yaml, zod) loads here, not at start-up: the report itself needs none of it.
  const { DEFAULT_PLAYBOOK, listIds, resolvePlaybook } = await import('../playbook/load.ts');
  const today = todayOf(ctx);
  const rep = findRep(opts.rep, repsOf(rollup));
  const report = buildPrep({
    rep: { name: rep.name, slug: rep.slug },
    rows: rollup.rows.filter((r) => r.rep === rep.slug),
    open: rollup.reps[rep.slug]?.open ?? [],
    titles: rollup.titles,
    now: ctx.now(),
    today,
    available: await listIds(ctx.paths, ctx.env),
    fallback: DEFAULT_PLAYBOOK,
  });
  const chosen = opts.playbook ?? report.suggestion.playbook;
  const deal = opts.deal ?? report.lastSession?.deal ?? undefined;

  let agendaFile: string | undefined;
  if (opts.agenda !== undefined) {
    const loaded = await resolvePlaybook(chosen, ctx.paths, ctx.cwd, ctx.env);
    const { renderAgenda } = await import('../note/agenda.ts');
    agendaFile = path.resolve(ctx.cwd, opts.agenda);
    const text = renderAgenda({ rep: rep.name, deal, manager: settings.get('manager'), date: today, playbook: loaded.playbook, open: report.open });
    await writeFileAtomic(agendaFile, text);
  }

  if (opts.json) {
    printJson(ctx, { ...report, agenda: agendaFile ?? null });
    return;
  }
  printPrep(ctx, report, chosen, deal, settings.get('manager'));
  if (agendaFile) println(ctx.stdout, `\nAgenda written: ${agendaFile}`);
}

function printPrep(ctx: CommandContext, r: PrepReport, chosen: string, deal: string | undefined, manager: string | undefined): void {
  const c = chalkFor(ctx);
  const out = (s = '') => println(ctx.stdout, s);
  const f = r.followThrough;
  const reviewed = f.done + f.partly + f.notDone;
  out(c.bold(`${safeText(r.rep.name)}`) + c.dim(` · ${r.sessions} ${r.sessions === 1 ? 'session' : 'sessions'} · follow-through ${percent(f.rate)}${reviewed ? ` of ${reviewed}` : ''}`));
  out();
  const label = (s: string) => c.bold(s.padEnd(19));
  const last = r.lastSession;
  if (last) {
    const parts = [last.date, safeText(last.playbookTitle)];
    if (last.deal) parts.push(safeText(last.deal));
    if (last.confidence !== null) parts.push(`confidence ${last.confidence}/10`);
    if (last.status !== 'done') parts.push(c.yellow(last.status));
    out(`${label('Last session')}${parts.join(c.dim(' · '))}  ${c.dim(last.id)}`);
  }
  if (r.confidenceTrend.length > 1) {
    const latest = r.confidenceTrend[r.confidenceTrend.length - 1];
    out(`${label('Confidence trend')}${c.cyan(sparkline(r.confidenceTrend, { min: 1, max: 10 }))}  ${c.dim(`last ${r.confidenceTrend.length} sessions, now ${latest}/10`)}`);
  }
  out();
  out(c.bold(`Open commitments (${r.open.length})`));
  if (r.open.length === 0) out(c.dim('  Nothing open. A good moment to ask what they want to stretch for.'));
  for (const o of r.open) {
    const owner = ownerLabel(o.owner, { rep: r.rep.name, manager }, 'terminal');
    const due = o.due ? (o.overdue ? c.red(`due ${o.due}, overdue`) : `due ${o.due}`) : c.dim('no due date');
    const age = c.dim(`agreed ${o.agreed} (${o.ageDays === 0 ? 'today' : o.ageDays === 1 ? '1 day ago' : `${o.ageDays} days ago`})`);
    const last = o.lastOutcome ? c.yellow(` · ${o.lastOutcome.outcome} on ${o.lastOutcome.date}`) : '';
    out(`  ☐ ${safeText(o.what)} ${c.dim('—')} ${safeText(owner)} · ${due} · ${age}${last}`);
  }
  out();
  out(`${label('Suggested playbook')}${c.bold(chosen)}${chosen === r.suggestion.playbook ? c.dim(`: ${safeText(r.suggestion.reason)}`) : ''}`);
  out(c.dim(`  repcoach run ${chosen} --rep ${shellQuote(r.rep.name)}${deal ? ` --deal ${shellQuote(deal)}` : ''}`));
}

