/**
 * Words with their places in the original text, for the rescue detector.
 * Contractions are expanded ("I'll" → i + will, "won't" → will + not) so the
 * rules see one spelling; every piece keeps the offsets of the word it came
 * from, so a finding can always point back at the manager's own words.
 * Chat spellings ("ill", "u", "w") are read as the words they stand for, and
 * spoken fillers and stutters ("um", "I'll I'll") are dropped (issue 13).
 */
import { CHAT_SPELLINGS, FILLERS, ILL_ADJECTIVE_AFTER } from './lexicon.ts';

export interface Token {
  /** Lower-case, straight apostrophes, contractions expanded. */
  t: string;
  start: number;
  end: number;
  /** The original word began with a capital letter. */
  cap: boolean;
  punct: boolean;
}

export interface Sentence {
  /** Index of the first token and one past the last. */
  from: number;
  to: number;
  question: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*(?:[-.][\p{L}\p{N}]+)*(?:['’][\p{L}]+)*|\n|[^\s\p{L}\p{N}]/gu;

const WHOLE: Record<string, string[]> = {
  "won't": ['will', 'not'],
  "can't": ['can', 'not'],
  "shan't": ['shall', 'not'],
  "ain't": ['am', 'not'],
  "let's": ['let', 'us'],
  gonna: ['going', 'to'],
  wanna: ['want', 'to'],
  gotta: ['got', 'to'],
  lemme: ['let', 'me'],
  cannot: ['can', 'not'],
  "it's": ['it', 'is'],
  "that's": ['that', 'is'],
  "what's": ['what', 'is'],
  "there's": ['there', 'is'],
  "here's": ['here', 'is'],
  "who's": ['who', 'is'],
  "he's": ['he', 'is'],
  "she's": ['she', 'is'],
};

const SUFFIXES: Array<[string, string]> = [
  ["n't", 'not'],
  ["'ll", 'will'],
  ["'re", 'are'],
  ["'ve", 'have'],
  ["'m", 'am'],
  ["'d", 'would'],
];

const FILLER_SET = new Set(FILLERS);
const ILL_AFTER = new Set(ILL_ADJECTIVE_AFTER);

function expand(word: string, prev: string | undefined): readonly string[] {
  const whole = WHOLE[word];
  if (whole) return whole;
  const chat = Object.hasOwn(CHAT_SPELLINGS, word) ? CHAT_SPELLINGS[word] : undefined;
  if (chat && !(word === 'ill' && prev !== undefined && ILL_AFTER.has(prev))) return chat;
  for (const [suffix, full] of SUFFIXES) {
    if (word.endsWith(suffix) && word.length > suffix.length) return [word.slice(0, -suffix.length), full];
  }
  // Possessive: "the VP's number" keeps "'s" as a word of its own.
  if (word.endsWith("'s") && word.length > 2) return [word.slice(0, -2), "'s"];
  return [word];
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    const first = raw.charAt(0);
    const isWord = /[\p{L}\p{N}]/u.test(first);
    if (!isWord) {
      // A line break ends a sentence: notes and bullet lists rarely end lines with a full stop.
      const t = raw === '“' || raw === '”' || raw === '„' ? '"' : raw === '–' ? '—' : raw;
      tokens.push({ t, start, end, cap: false, punct: true });
      continue;
    }
    const cap = first !== first.toLowerCase();
    const word = raw.replace(/’/g, "'").toLowerCase();
    if (FILLER_SET.has(word)) continue;
    const prev = tokens[tokens.length - 1];
    expand(word, prev?.punct ? undefined : prev?.t).forEach((t, k) => {
      tokens.push({ t, start, end, cap: cap && k === 0, punct: false });
    });
    dropStutter(tokens);
  }
  return tokens;
}

/** "I'll I'll call", "I can I can take": a spoken repeat of the last one or two words. */
function dropStutter(tokens: Token[]): void {
  const n = tokens.length;
  for (const w of [2, 1]) {
    if (n < 2 * w) continue;
    let same = true;
    for (let k = 0; k < w && same; k++) {
      const a = tokens[n - 1 - k];
      const b = tokens[n - 1 - w - k];
      same = a !== undefined && b !== undefined && !a.punct && !b.punct && a.t === b.t;
    }
    // Only whole words repeated: "I'll" expands to two tokens of one word, which must not count as a repeat of itself.
    if (same && tokens[n - w]?.start !== tokens[n - w - 1]?.start) {
      tokens.splice(n - w, w);
      return;
    }
  }
}

const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'mr', 'mrs', 'ms', 'dr', 'approx', 'inc', 'ltd', 'co', 'st']);
const ENDS = new Set(['.', '!', '?', '\n', '…']);

export function sentences(tokens: readonly Token[]): Sentence[] {
  const out: Sentence[] = [];
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (!tok || !ENDS.has(tok.t)) continue;
    if (tok.t === '.') {
      const prev = tokens[i - 1];
      if (prev && !prev.punct && (prev.t.length === 1 || ABBREVIATIONS.has(prev.t)) && prev.end === tok.start) continue;
    }
    // Take a run of closing marks with the sentence ("?!", '."').
    let to = i + 1;
    while (to < tokens.length && (ENDS.has(tokens[to]?.t ?? '') || tokens[to]?.t === '"' || tokens[to]?.t === ')')) {
      if (tokens[to]?.t === '\n') break;
      to++;
    }
    if (to > from) out.push({ from, to, question: tokens.slice(from, to).some((t) => t.t === '?') });
    from = to;
    i = to - 1;
  }
  if (from < tokens.length) out.push({ from, to: tokens.length, question: false });
  return out.filter((s) => tokens.slice(s.from, s.to).some((t) => !t.punct));
}
