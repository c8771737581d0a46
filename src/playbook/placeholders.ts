import type { ActionItem, AnswerValue } from './schema.ts';
import type { Answers } from './conditions.ts';
import { endSentence } from '../util/sentence.ts';

/**
 * `{{rep}}`, `{{deal}}`, `{{manager}}` and `{{answers.<id>}}`, each with an
 * optional fallback: `{{deal | this deal}}`.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z][\w.-]*)\s*(?:\|\s*([^}]*?)\s*)?\}\}/g;

export const CONTEXT_NAMES = ['rep', 'deal', 'manager'] as const;

export interface Context {
  rep: string;
  deal?: string | undefined;
  manager?: string | undefined;
}

const FALLBACKS: Record<(typeof CONTEXT_NAMES)[number], string> = {
  rep: 'the rep',
  deal: 'the deal',
  manager: 'you',
};

export interface PlaceholderRef {
  name: string;
  /** Set for `answers.<id>`. */
  answerId?: string;
  index: number;
}

export function findPlaceholders(text: string): PlaceholderRef[] {
  const refs: PlaceholderRef[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? '';
    const ref: PlaceholderRef = { name, index: m.index ?? 0 };
    if (name.startsWith('answers.')) ref.answerId = name.slice('answers.'.length);
    refs.push(ref);
  }
  return refs;
}

/**
 * Fill placeholders. With `blankMissing` (for defaults), a missing rep, deal or
 * manager becomes empty text rather than "the deal", so no made-up answer is offered.
 */
export function fill(text: string, ctx: Context, answers: Answers, blankMissing = false): string {
  // A full stop right after a placeholder is dropped when the value ends a sentence itself (issue 10: "…tier..").
  return text.replace(FOLLOWED_BY_STOP, (whole, name: string, fallback: string | undefined, stop: string | undefined) => {
    const value = fillOne(whole.slice(0, whole.length - (stop?.length ?? 0)), name, fallback, ctx, answers, blankMissing);
    return stop ? endSentence(value) || stop : value;
  });
}

const FOLLOWED_BY_STOP = new RegExp(`${PLACEHOLDER.source}(\\.(?!\\.))?`, 'g');

function fillOne(whole: string, name: string, fallback: string | undefined, ctx: Context, answers: Answers, blankMissing: boolean): string {
  if (name.startsWith('answers.')) {
    const value = answers.get(name.slice('answers.'.length));
    const shown = value === undefined ? '' : answerToText(value);
    return shown || (fallback ?? (blankMissing ? '' : '(not answered)'));
  }
  if (name === 'rep' || name === 'deal' || name === 'manager') {
    return ctx[name]?.trim() || (fallback ?? (blankMissing ? '' : FALLBACKS[name]));
  }
  return whole;
}

/** One line of plain text for an answer, as woven into questions. */
export function answerToText(value: AnswerValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  // What a note drops (control and bidirectional characters, as the note's answers lose them) goes before
  // the trim: "Acme\t\u0000" is "Acme", not "Acme" and a stray tab once the note drops the NUL.
  if (typeof value === 'string') return value.replace(/\r\n?/g, '\n').replace(/(?![\t\n])[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, '').trim();
  if (value.length === 0) return '';
  if (typeof value[0] === 'string') return (value as string[]).join(', ');
  return (value as ActionItem[]).map((a) => a.what).join('; ');
}
