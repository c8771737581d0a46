/**
 * The agenda `repcoach prep --agenda` writes for the manager to send the rep
 * before the one-to-one: the open commitments and the questions of the chosen
 * playbook, so the rep can think beforehand. Only what the rep may see
 * (visibleToRep): the manager's private, advice and own-voice questions are left
 * out, and so are the follow-ups that depend on earlier answers. Pure.
 */
import { endSentence } from '../util/sentence.ts';
import { stringify } from 'yaml';
import type { OpenCommitment } from '../report/prep.ts';
import { visibleToRep, withDeclaredPrivacy } from '../playbook/model.ts';
import { fill } from '../playbook/placeholders.ts';
import type { AnswerValue, Playbook } from '../playbook/schema.ts';
import { ownerLabel } from '../playbook/model.ts';
import { inline } from './render.ts';
import { TOPICS_HEADING } from './topics.ts';

export interface AgendaInput {
  rep: string;
  deal?: string | undefined;
  manager?: string | undefined;
  /** YYYY-MM-DD */
  date: string;
  playbook: Playbook;
  open: readonly OpenCommitment[];
}

export function renderAgenda(input: AgendaInput): string {
  // Answers are not known yet: a question that quotes one reads as it would without it (agendaText).
  const a = { ...input, playbook: withoutAnswers(input.playbook) };
  const ctx = { rep: a.rep, deal: a.deal, manager: a.manager };
  const unknown = new Map<string, AnswerValue>();
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
  out.push(`*What we will talk about, so you can think about it beforehand.${a.deal ? ` Deal: ${endSentence(inline(a.deal))}` : ''}*`, '');
  out.push('## Since last time', '');
  // The manager's own commitments (agreed in a question the rep may not read) are not the rep's to see.
  const open = a.open.filter((c) => !c.private);
  if (open.length === 0) out.push('Nothing open from earlier sessions.');
  for (const c of open) {
    const owner = ownerLabel(c.owner, { rep: a.rep, manager: a.manager }, 'note');
    const due = c.due ? `, due ${c.due}${c.overdue ? ' (overdue)' : ''}` : '';
    const last = c.lastOutcome ? ` · ${c.lastOutcome.outcome} so far` : '';
    out.push(`- [ ] ${inline(c.what)} — ${inline(owner)}${due} · agreed ${c.agreed}${last}`);
  }
  out.push('');
  // Read as a session's stored copy is read, so the agenda and the rep's copy of the note agree.
  for (const stage of withDeclaredPrivacy(a.playbook).stages) {
    const questions = stage.questions.filter((q) => visibleToRep(stage, q) && q.when === undefined);
    if (questions.length === 0) continue;
    const letter = stage.letter ?? stage.title.charAt(0).toUpperCase();
    out.push(`## ${inline(letter)} · ${inline(stage.title)}`, '');
    for (const q of questions) out.push(`- ${inline(fill(q.text, ctx, unknown))}`);
    out.push('');
  }
  out.push(...topicsSection(a.manager));
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

/** Empty lines offered for the rep's topics. */
const TOPIC_LINES = 3;

/** Room for the rep's own topics (issue 10), and a line saying how; the instructions are a quote, which the reader skips. */
function topicsSection(manager: string | undefined): string[] {
  const to = manager?.trim() ? inline(manager) : 'your manager';
  return [
    `## ${TOPICS_HEADING}`,
    '',
    `> Anything else you want to talk about? Write each topic on its own line below, after a “- ”, then send this file back to ${to}.`,
    '',
    ...Array.from({ length: TOPIC_LINES }, () => '- '),
    '',
  ];
}

/**
 * A question's text for the agenda, before anything is answered (issue 10: "Walk me
 * through what is happening with …" read as if something were cut off). A quoted
 * answer with a fallback (`{{answers.topic | your topic}}`) becomes the fallback, by
 * fill(). Without one, an aside in brackets ("your champion ({{answers.champion}})")
 * is left out and anything else reads "that", which points back at the earlier
 * question on the agenda: "Walk me through what is happening with that".
 */
export function agendaText(text: string): string {
  return text.replace(
    /(\s*\(\s*)?(["“‘']?)\{\{\s*answers\.[\w.-]+\s*\}\}(["”’']?)(\s*\))?/g,
    (_whole, open: string | undefined, lq: string, rq: string, close: string | undefined) => {
      if (open !== undefined && close !== undefined) return '';
      const quoted = lq !== '' && rq !== '';
      return `${open ?? ''}${quoted ? '' : lq}that${quoted ? '' : rq}${close ?? ''}`;
    },
  );
}

/** The playbook with every question's text made ready for the agenda (agendaText). */
function withoutAnswers(pb: Playbook): Playbook {
  return { ...pb, stages: pb.stages.map((s) => ({ ...s, questions: s.questions.map((q) => ({ ...q, text: agendaText(q.text) })) })) };
}
