/**
 * Markdown for answers and actions: the escaping that keeps anything a rep
 * says from breaking a note's structure, and the one-line forms of answers.
 * Pure, and free of the rescue check, so the prompts can use it at start-up.
 */
import { labelOf, ownerLabel, type ActionItem, type AnswerValue, type OwnerNames } from '../playbook/model.ts';
import type { Question } from '../playbook/schema.ts';
import { OUTCOME_LABELS, type CommitmentOutcome } from '../model/commitments.ts';
import type { ReviewEntry } from '../model/journal.ts';
import { localDay } from '../util/dates.ts';

/** `rep`: the rep's name, or the rep's and the manager's (for the actions' owners). */
export function formatAnswer(q: Question, value: AnswerValue, rep: string | OwnerNames): string[] {
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

export function actionLine(a: ActionItem, rep: string | OwnerNames, outcomes?: readonly CommitmentOutcome[]): string {
  const owner = ownerLabel(a.owner, typeof rep === 'string' ? { rep } : rep, 'note');
  const last = outcomes?.[outcomes.length - 1];
  const history = outcomes?.length ? ` · ${outcomes.map((o) => `${OUTCOME_LABELS[o.outcome]} (${localDay(o.at)})`).join(', ')}` : '';
  return `- [${last?.outcome === 'done' ? 'x' : ' '}] ${inline(a.what)} — ${inline(owner)}${a.due ? `, due ${a.due}` : ''}${history}`;
}

/** A commitment from an earlier session and how it went, for "Since last time". */
export function reviewLine(r: ReviewEntry, rep: string | OwnerNames): string {
  const owner = ownerLabel(r.item.owner, typeof rep === 'string' ? { rep } : rep, 'note');
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
  if (!/(?!\t)[\p{Cc}\u202a-\u202e\u2066-\u2069\\`*_[\]<>#|~&!]/u.test(text)) return text.trim();
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
 * Lines the rep typed as a list ("- call Dana", "* …", "1. …") stay a list
 * (issue 10): written as list items of our own, their text escaped like any
 * other, so a list is the only structure an answer can make.
 */
export function block(text: string): string[] {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((l) => l.trim()).filter((l) => l !== ''))
    .filter((p) => p.length > 0);
  if (paragraphs.every((p) => p.every((l) => escapeLine(l) === ''))) return ['*(empty)*'];
  const out: string[] = [];
  for (const p of paragraphs) {
    for (const run of listRuns(p)) {
      const lines =
        run.kind === 'bullet'
          ? run.lines.map((l) => `- ${escapeLine(l.text)}`)
          : run.kind === 'ordered'
            ? run.lines.map((l) => `${l.number}. ${escapeLine(l.text)}`)
            : run.lines.map((l) => escapeLine(l.text)).filter((l) => l !== '');
      if (lines.length === 0) continue;
      // Lists and paragraphs apart: a list cannot interrupt a line, nor a line continue a list item.
      if (out.length) out.push('');
      // A trailing backslash is a CommonMark hard line break.
      out.push(...(run.kind === 'text' ? lines.map((l, i) => (i < lines.length - 1 ? `${l}\\` : l)) : lines));
    }
  }
  return out;
}

interface TypedLine {
  kind: 'bullet' | 'ordered' | 'text';
  /** The words, without the list marker. */
  text: string;
  number?: string;
  /** The line as typed. */
  raw: string;
}

/**
 * A list item as people type one: "-", "*", "+" or "•" then a space, or a number
 * with "." or ")" then a space, followed by words (a letter or digit: "- - -" is
 * a rule drawn, not a list).
 */
function typedListItem(line: string): TypedLine {
  const m = /^(?:([-*+•])|(\d{1,3})[.)])\s+(.*)$/u.exec(line);
  const rest = m?.[3]?.trim() ?? '';
  if (!m || !/[\p{L}\p{N}]/u.test(rest)) return { kind: 'text', text: line, raw: line };
  return m[1] ? { kind: 'bullet', text: rest, raw: line } : { kind: 'ordered', text: rest, number: m[2] ?? '1', raw: line };
}

/** A paragraph's lines in runs of one kind; a lone numbered line ("2026. A big year") is text. */
function listRuns(lines: readonly string[]): Array<{ kind: TypedLine['kind']; lines: TypedLine[] }> {
  const runs: Array<{ kind: TypedLine['kind']; lines: TypedLine[] }> = [];
  for (const line of lines) {
    const typed = typedListItem(line);
    const last = runs[runs.length - 1];
    if (last?.kind === typed.kind) last.lines.push(typed);
    else runs.push({ kind: typed.kind, lines: [typed] });
  }
  const merged: typeof runs = [];
  for (const run of runs) {
    const r = run.kind === 'ordered' && run.lines.length === 1 ? { kind: 'text' as const, lines: run.lines.map((l) => ({ kind: 'text' as const, text: l.raw, raw: l.raw })) } : run;
    const last = merged[merged.length - 1];
    if (last?.kind === 'text' && r.kind === 'text') last.lines.push(...r.lines);
    else merged.push(r);
  }
  return merged;
}

/** Control characters (other than tab) have no place in a note; nor have bidirectional overrides, which disguise text. */
function stripControls(s: string): string {
  return s.replace(/(?![\t\n])[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, '');
}
