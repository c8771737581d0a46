/**
 * Issue 10: a sentence that may already end in punctuation ("…the lower tier.") gets no
 * second full stop from the template it is woven into ("…tier..").
 */

/** Punctuation that ends a sentence, then any closing quotes, brackets or markdown emphasis. */
const ENDED = /[.!?…](?:["'”’»)\]*_]|\\)*$/;

/** True when `text` already ends a sentence. */
function endsSentence(text: string): boolean {
  return ENDED.test(text.trimEnd());
}

/** `text` ending in exactly one sentence end: a full stop is added only when it has none. */
export function endSentence(text: string): string {
  const t = text.trimEnd();
  return t === '' || endsSentence(t) ? t : `${t}.`;
}

/** "1 session", "2 sessions": a count with its noun (regular plurals; `many` for the others). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
