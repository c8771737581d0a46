/**
 * Markdown for answers and actions: the escaping that keeps anything a rep
 * says from breaking a note's structure, and the one-line forms of answers.
 * Pure, and free of the rescue check, so the prompts can use it at start-up.
 */
import { labelOf, type ActionItem, type AnswerValue } from '../playbook/model.ts';
import type { Question } from '../playbook/schema.ts';
import { OUTCOME_LABELS, type CommitmentOutcome } from '../session/commitments.ts';
import type { ReviewEntry } from '../session/journal.ts';
import { localDay } from '../util/dates.ts';

export function formatAnswer(q: Question, value: AnswerValue, rep: string): string[] {
  if (typeof value === 'boolean') return [value ? 'Yes' : 'No'];
  if (typeof value === 'number') {
    if (q.type === 'scale') {
      const label = q.labels?.[String(value)];
      return [`${value} / ${q.max ?? 10}${label ? ` (${inline(label)})` : ''}`];
    }
    return [String(value)];
  }
  if (typeof value === 'string') {
    if (q.type === 'choice') return [escapeLine(labelOf(q, value))];
    return block(value);
  }
  if (value.length === 0) return ['*None.*'];
  if (q.type === 'actions') return (value as ActionItem[]).map((a) => actionLine(a, rep));
  return (value as string[]).map((v) => `- ${escapeLine(labelOf(q, v))}`);
}

export function actionLine(a: ActionItem, rep: string, outcomes?: readonly CommitmentOutcome[]): string {
  const owner = a.owner === 'rep' ? rep : a.owner === 'both' ? `${rep} and manager` : 'manager';
  const last = outcomes?.[outcomes.length - 1];
  const history = outcomes?.length ? ` · ${outcomes.map((o) => `${OUTCOME_LABELS[o.outcome]} (${localDay(o.at)})`).join(', ')}` : '';
  return `- [${last?.outcome === 'done' ? 'x' : ' '}] ${inline(a.what)} — ${inline(owner)}${a.due ? `, due ${a.due}` : ''}${history}`;
}

/** A commitment from an earlier session and how it went, for "Since last time". */
export function reviewLine(r: ReviewEntry, rep: string): string {
  const owner = r.item.owner === 'rep' ? rep : r.item.owner === 'both' ? `${rep} and manager` : 'manager';
  const due = r.item.due ? `, due ${r.item.due}` : '';
  const learned = r.learned ? ` Learned: ${inline(r.learned)}` : '';
  return `- [${r.outcome === 'done' ? 'x' : ' '}] ${inline(r.item.what)} — ${inline(owner)}${due} (agreed ${localDay(r.agreed)}): **${OUTCOME_LABELS[r.outcome]}**.${learned}`;
}

// ---------------------------------------------------------------------------
// Front matter

// ---------------------------------------------------------------------------
// Escaping

/** Characters that start markdown inline structure, escaped wherever they occur. */
const INLINE_SPECIAL = /[\\`*_[\]<>#|~&!]/g;

/**
 * One line of user text, safe inside a line (a heading, a task, after a label):
 * backslash-escapes every character that could start inline markup, and folds
 * line breaks into spaces.
 */
export function inline(text: string): string {
  // Most text needs none of it: one look, then the three passes only when needed.
  // eslint-disable-next-line no-control-regex
  if (!/[\n\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\\`*_[\]<>#|~&!]/.test(text)) return text.trim();
  // Controls go before the trim: "\u0000\t" is blank, and a blank answer must read as empty.
  return stripControls(text.replace(/[\r\n]+/g, ' ')).trim().replace(INLINE_SPECIAL, (c) => `\\${c}`);
}

/** A line of user text that starts a line of the note: block starters are escaped too. */
export function escapeLine(line: string): string {
  return inline(line)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Multi-line user text as paragraphs: each line escaped, leading indentation
 * dropped (it would make a code block), single line breaks kept as hard breaks.
 */
export function block(text: string): string[] {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => escapeLine(l.trim()))
        .filter((l) => l !== ''),
    )
    .filter((p) => p.length > 0);
  if (paragraphs.length === 0) return ['*(empty)*'];
  const out: string[] = [];
  for (const p of paragraphs) {
    if (out.length) out.push('');
    // A trailing backslash is a CommonMark hard line break.
    out.push(...p.map((l, i) => (i < p.length - 1 ? `${l}\\` : l)));
  }
  return out;
}

/** Control characters (other than tab) have no place in a note; nor have bidirectional overrides, which disguise text. */
function stripControls(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}
