/**
 * `repcoach search`: every answer that contains the text, case-insensitively.
 * The query is literal text, never a pattern: regular-expression characters
 * in it match themselves. Pure.
 */
import { fill } from '../playbook/placeholders.ts';
import type { AnswerValue } from '../playbook/schema.ts';
import { sessionDate, type QuestionTexts, type SearchDoc } from '../model/summary.ts';
import { inRange, type DateRange } from '../util/dates.ts';
import { oneLine } from '../util/term.ts';

/** Start (inclusive) and end (exclusive) of one match, in UTF-16 code units. */
export type Range = readonly [number, number];

/** Runs of white space (line breaks included) count as one space, in the query as in the answers (oneLine). */
function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Backslash every syntax character (the only escapes allowed in a "u" pattern). */
function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** A matcher for `query`; undefined for an empty query. */
export function matcher(query: string): RegExp | undefined {
  const q = normalizeSpace(query);
  if (q === '') return undefined;
  // "u" + "i": Unicode-aware case folding; positions stay those of the original text.
  return new RegExp(escapeRegExp(q), 'giu');
}

/**
 * A cheap test on an index line (escaped JSON, see lookback/queries.ts) that is
 * false only when the line cannot hold a match, so it need not be parsed.
 * It looks for the query's longest word that JSON writes unchanged (printable
 * ASCII without quote or backslash); undefined when there is none. The only
 * characters that case-fold to ASCII letters, the Kelvin sign (k) and the long
 * s (s), are allowed for in their escaped form, so no match is ever skipped.
 */
export function linePrefilter(query: string): ((line: string) => boolean) | undefined {
  const words = normalizeSpace(query)
    .split(' ')
    .filter((w) => /^[\x20-\x7e]+$/.test(w) && !/["\\]/.test(w))
    .sort((a, b) => b.length - a.length);
  const word = words[0];
  if (!word) return undefined;
  const pattern = [...word]
    .map((ch) => {
      const lower = ch.toLowerCase();
      if (lower === 'k') return '(?:k|\\\\u212a)';
      if (lower === 's') return '(?:s|\\\\u017f)';
      return escapeRegExp(ch);
    })
    .join('');
  const re = new RegExp(pattern, 'i');
  return (line) => re.test(line);
}

/** Every non-overlapping match of `re` in `text`. */
export function findMatches(text: string, re: RegExp): Range[] {
  const out: Range[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push([m.index, m.index + m[0].length]);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

export interface Snippet {
  text: string;
  /** Matches within `text`. */
  ranges: Range[];
  /** Text was cut at the start / end. */
  cutStart: boolean;
  cutEnd: boolean;
}

/**
 * Up to `width` characters of `text` around its first match, with the matches
 * that fall inside. Cuts at a space where it can, never inside a match.
 */
export function snippet(text: string, ranges: readonly Range[], width = 160): Snippet {
  if (text.length <= width || ranges.length === 0) {
    return { text: text.slice(0, Math.max(width, text.length)), ranges: [...ranges], cutStart: false, cutEnd: false };
  }
  const [first] = ranges;
  const [ms, me] = first ?? [0, 0];
  let start = Math.max(0, Math.min(ms - Math.floor((width - (me - ms)) / 3), text.length - width));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < ms) start = space + 1;
  }
  let end = Math.min(text.length, Math.max(start + width, me));
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > me) end = space;
  }
  const inside = ranges.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s - start, e - start] as const);
  return { text: text.slice(start, end), ranges: inside, cutStart: start > 0, cutEnd: end < text.length };
}

export interface SearchHit {
  session: string;
  date: string;
  rep: { name: string; slug: string };
  playbook: string;
  /**
   * The question id; "commitment-learned" for what was learned about an earlier
   * commitment, "self-check-<item>" for the self-check, "rescue-reason" for why a
   * rescue was deliberate.
   */
  question: string;
  /** The question as it was asked: its text, placeholders filled as in the note. */
  questionText: string;
  /** The manager's own note: never in the rep's copy. */
  private: boolean;
  /** The whole answer, as one line. */
  answer: string;
  matches: Range[];
}

export interface SearchFilter extends DateRange {
  repSlug?: string | undefined;
}

/**
 * Matching answers, newest session first; each answer once, with all its
 * matches. `questions`: the question texts by SearchDoc.questions key.
 */
export function search(
  docs: readonly SearchDoc[],
  query: string,
  filter: SearchFilter = {},
  questions: Readonly<Record<string, unknown>> = {},
): SearchHit[] {
  const re = matcher(query);
  if (!re) return [];
  const hits: SearchHit[] = [];
  for (const doc of docs) {
    if (filter.repSlug !== undefined && doc.rep.slug !== filter.repSlug) continue;
    const date = sessionDate(doc.started);
    if (!inRange(date, filter)) continue;
    let asked: ((id: string) => string) | undefined;
    const hit = (question: string, questionText: () => string, answer: string, isPrivate = false) => {
      const matches = findMatches(answer, re);
      if (matches.length > 0) {
        hits.push({ session: doc.id, date, rep: doc.rep, playbook: doc.playbook, question, questionText: questionText(), answer, matches, private: isPrivate });
      }
    };
    const text = (id: string) => (asked ??= questionTexts(doc, questions))(id);
    for (const [question, answer] of doc.answers) hit(question, () => text(question), answer);
    for (const [question, answer, asAsked] of doc.private ?? []) hit(question, () => (asAsked === undefined ? text(question) : oneLine(asAsked)), answer, true);
    for (const [what, learned] of doc.learned) hit('commitment-learned', () => `What did you learn? (about “${what}”)`, learned);
  }
  return hits;
}

/** The questions of a doc as asked: placeholders filled with its rep, deal, manager and answers. */
function questionTexts(doc: SearchDoc, questions: Readonly<Record<string, unknown>>): (id: string) => string {
  const texts = (questions[doc.questions] ?? {}) as QuestionTexts;
  const answers = new Map<string, AnswerValue>();
  // The manager reads these texts, so a placeholder may quote their own notes too.
  for (const [id, answer] of [...doc.answers, ...(doc.private ?? [])]) if (!answers.has(id)) answers.set(id, answer);
  const ctx = { rep: doc.rep.name, deal: doc.deal, manager: doc.manager };
  return (id) => oneLine(fill(texts[id] ?? id, ctx, answers));
}
