/**
 * The agenda `repcoach prep --agenda` writes for the manager to send the rep
 * before the one-to-one: the open commitments and the questions of the chosen
 * playbook, so the rep can think beforehand. Only what the rep may see: the
 * manager's private questions, the manager's own-voice questions and the
 * follow-ups that depend on earlier answers are left out. Pure.
 */
import { stringify } from 'yaml';
import type { OpenCommitment } from '../report/prep.ts';
import { fill } from '../playbook/placeholders.ts';
import type { AnswerValue, Playbook } from '../playbook/schema.ts';
import { ownerLabel } from '../playbook/model.ts';
import { inline } from './render.ts';

export interface AgendaInput {
  rep: string;
  deal?: string | undefined;
  manager?: string | undefined;
  /** YYYY-MM-DD */
  date: string;
  playbook: Playbook;
  open: readonly OpenCommitment[];
}

export function renderAgenda(a: AgendaInput): string {
  const ctx = { rep: a.rep, deal: a.deal, manager: a.manager };
  // Answers are not known yet: a question that quotes one shows an ellipsis.
  const ids = a.playbook.stages.flatMap((s) => s.questions.map((q) => q.id));
  const unknown = new Map<string, AnswerValue>(ids.map((id) => [id, '…']));
  const front: Record<string, unknown> = {
    rep: a.rep,
    ...(a.manager ? { manager: a.manager } : {}),
    date: a.date,
    playbook: a.playbook.id,
    ...(a.deal ? { deal: a.deal } : {}),
    type: 'agenda',
  };
  const out: string[] = ['---', stringify(front, { lineWidth: 0 }).trimEnd(), '---', ''];
  out.push(`# One-to-one with ${inline(a.rep)}: agenda for ${a.date}`, '');
  out.push(`*What we will talk about, so you can think about it beforehand.${a.deal ? ` Deal: ${inline(a.deal)}.` : ''}*`, '');
  out.push('## Since last time', '');
  if (a.open.length === 0) out.push('Nothing open from earlier sessions.');
  for (const c of a.open) {
    const owner = ownerLabel(c.owner, { rep: a.rep, manager: a.manager }, 'note');
    const due = c.due ? `, due ${c.due}${c.overdue ? ' (overdue)' : ''}` : '';
    const last = c.lastOutcome ? ` · ${c.lastOutcome.outcome} so far` : '';
    out.push(`- [ ] ${inline(c.what)} — ${inline(owner)}${due} · agreed ${c.agreed}${last}`);
  }
  out.push('');
  for (const stage of a.playbook.stages) {
    if (stage.private) continue;
    const questions = stage.questions.filter((q) => !q.private && q.voice !== 'manager' && q.when === undefined);
    if (questions.length === 0) continue;
    const letter = stage.letter ?? stage.title.charAt(0).toUpperCase();
    out.push(`## ${inline(letter)} · ${inline(stage.title)}`, '');
    for (const q of questions) out.push(`- ${inline(fill(q.text, ctx, unknown))}`);
    out.push('');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
