import type { AnswerValue, Condition } from './schema.ts';

export type Answers = ReadonlyMap<string, AnswerValue>;

/**
 * Evaluate a declarative condition against the answers so far. A test on a
 * question that has no answer is false (except `answered: false`).
 */
export function evaluate(cond: Condition, answers: Answers): boolean {
  if (cond.all) return cond.all.every((c) => evaluate(c, answers));
  if (cond.any) return cond.any.some((c) => evaluate(c, answers));
  if (cond.not) return !evaluate(cond.not, answers);
  const id = cond.question;
  if (id === undefined) return false;
  const value = answers.get(id);
  const present = isAnswered(value);
  if (cond.answered !== undefined) return present === cond.answered;
  if (!present || value === undefined) return false;
  if (cond.equals !== undefined) return matches(value, cond.equals);
  if (cond.in !== undefined) return cond.in.some((v) => matches(value, v));
  if (cond.lessThan !== undefined) return typeof value === 'number' && value < cond.lessThan;
  if (cond.greaterThan !== undefined) return typeof value === 'number' && value > cond.greaterThan;
  return false;
}

export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Multiple choice matches when it includes the value; text compares without case. */
function matches(value: AnswerValue, expected: string | number | boolean): boolean {
  if (Array.isArray(value)) {
    return value.some((v) => typeof v === 'string' && sameText(v, String(expected)));
  }
  if (typeof value === 'string') return sameText(value, String(expected));
  return value === expected;
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Every question id a condition refers to, for validation. */
export function referencedQuestions(cond: Condition): string[] {
  const out: string[] = [];
  const walk = (c: Condition) => {
    if (c.question !== undefined) out.push(c.question);
    c.all?.forEach(walk);
    c.any?.forEach(walk);
    if (c.not) walk(c.not);
  };
  walk(cond);
  return out;
}
