/**
 * The note's opening summary (issue 10): the situation in one line, what the rep
 * decided, the next steps with owners and due dates. Written to read well pasted
 * into a CRM as plain text: short lines, `- ` bullets at most. Pure.
 *
 * Where its lines come from (docs/note-format.md#the-summary):
 * - situation: the first answered question marked `summary: situation`; without
 *   one, the first long-text answer (else text answer) of the Listening stage (the
 *   stage with id or title "listening"; in a playbook without one, the second
 *   stage); without that, the deal.
 * - decision: the first answered question marked `summary: decision`; without
 *   one, no "Decided" line (the next steps say it).
 * - next steps: the session's action items.
 * Only the rep's part of the note is used: nothing private to the manager, in
 * either copy, since a summary is what gets pasted and shared.
 */
import { labelOf, type ActionItem, type AnswerValue, type Playbook, type Question } from '../playbook/schema.ts';
import type { Step } from '../model/engine.ts';
import { safeText } from '../util/term.ts';
import { actionLine, inline } from './markdown.ts';

export interface NoteSummary {
  situation?: string | undefined;
  decision?: string | undefined;
  /** The next steps, each as one line of plain text: "<what> — <owner>, due <date>". */
  steps: string[];
}

export interface SummaryInput {
  playbook: Playbook;
  /** The shown steps of the rep's part (no private ones). */
  steps: readonly Step[];
  answers: ReadonlyMap<string, AnswerValue>;
  actions: readonly ActionItem[];
  rep: string;
  /** The manager's name, for the owners of actions (as in the note's Actions). */
  manager?: string | undefined;
  deal?: string | undefined;
}

/** The longest a summary line gets before it is cut (at a sentence or a word). */
const SUMMARY_LINE_MAX = 200;

export function summaryOf(input: SummaryInput): NoteSummary {
  const answered = input.steps.filter((s) => input.answers.has(s.question.id) && s.question.type !== 'actions');
  const text = (s: Step | undefined) => {
    if (!s) return undefined;
    const value = input.answers.get(s.question.id);
    return value === undefined ? undefined : oneLine(plainAnswer(s.question, value));
  };
  const marked = (role: 'situation' | 'decision') => answered.filter((s) => s.question.summary === role).map(text).find(Boolean);

  let situation = marked('situation');
  if (!situation) {
    const stage = listeningStage(input.playbook);
    const inStage = answered.filter((s) => s.stageIndex === stage && s.question.voice !== 'manager');
    situation =
      inStage.filter((s) => s.question.type === 'long-text').map(text).find(Boolean) ??
      inStage.filter((s) => s.question.type === 'text').map(text).find(Boolean) ??
      (input.deal?.trim() ? oneLine(input.deal) : undefined);
  }
  // actionLine is the note's own line for an action (owner words included), made plain here.
  const steps = input.actions.map((a) => safeText(plainOfInline(actionLine(a, { rep: input.rep, manager: input.manager }).replace(/^- \[[ x]\] /, ''))));
  return { situation, decision: marked('decision'), steps };
}

/** Nothing to say: no situation, no decision, no steps. */
export function isEmptySummary(s: NoteSummary): boolean {
  return !s.situation && !s.decision && s.steps.length === 0;
}

/** The summary as plain text, for the clipboard (`repcoach show <id> --summary`). */
export function summaryText(s: NoteSummary): string {
  const out: string[] = [];
  if (s.situation) out.push(`Situation: ${s.situation}`);
  if (s.decision) out.push(`Decided: ${s.decision}`);
  if (s.steps.length) out.push('Next steps:', ...s.steps.map((l) => `- ${l}`));
  else out.push('Next steps: none agreed.');
  return out.join('\n') + '\n';
}

/**
 * The summary as the note's opening section. One paragraph per line (a blank line
 * between them), so the markdown needs no hard-break backslashes and reads as the
 * plain text does.
 */
export function summaryMarkdown(s: NoteSummary): string[] {
  if (isEmptySummary(s)) return [];
  const out = ['## Summary', ''];
  if (s.situation) out.push(`Situation: ${inline(s.situation)}`, '');
  if (s.decision) out.push(`Decided: ${inline(s.decision)}`, '');
  if (s.steps.length) out.push('Next steps:', '', ...s.steps.map((l) => `- ${inline(l)}`), '');
  else out.push('Next steps: none agreed.', '');
  return out;
}

/** The stage a playbook's situation is told in: "listening" by id or title, else the second stage. */
function listeningStage(pb: Playbook): number {
  const i = pb.stages.findIndex((s) => s.id.toLowerCase() === 'listening' || s.title.trim().toLowerCase() === 'listening');
  if (i >= 0) return i;
  return pb.stages.length > 1 ? 1 : 0;
}

/**
 * Text on one line, at most SUMMARY_LINE_MAX characters: white space folded, list
 * markers of a typed list dropped ("- call Dana" reads "call Dana"), and a long
 * text cut after its first sentence, or at a word, with "…".
 */
export function oneLine(text: string, max = SUMMARY_LINE_MAX): string {
  const folded = safeText(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim().replace(/^(?:[-*+•]|\d{1,3}[.)])\s+(?=\S)/u, ''))
    .filter((l) => l !== '')
    .map((l) => (/[.!?;:…]$/.test(l) ? l : `${l};`))
    .join(' ')
    .replace(/;$/, '')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (folded.length <= max) return folded;
  const sentence = /^.*?[.!?](?=\s)/.exec(folded)?.[0];
  if (sentence && sentence.length >= 20 && sentence.length <= max) return sentence;
  const cut = folded.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** An answer as plain words: labels for choices, "7 / 10" for a scale. */
function plainAnswer(q: Question, value: AnswerValue): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return q.type === 'scale' ? `${value} / ${q.max ?? 10}` : String(value);
  if (typeof value === 'string') return q.type === 'choice' ? labelOf(q, value) : value;
  return value.map((v) => (typeof v === 'string' ? labelOf(q, v) : v.what)).join(', ');
}

/** Undo inline(): every backslash it wrote escapes the character after it. */
function plainOfInline(md: string): string {
  return md.replace(/\\(.)/g, '$1');
}
