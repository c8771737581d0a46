/**
 * What counts as a valid answer to each question type. Shared by the prompts
 * (to validate what is typed) and by `--answers` files (to check what is given).
 */
import { addDays } from 'date-fns/addDays';
import { formatDue, isoDate } from '../util/dates.ts';
import { OWNERS, optionLabel, optionValue, type ActionItem, type AnswerValue, type Owner } from '../playbook/model.ts';
import type { Question } from '../playbook/schema.ts';

export type Checked = { ok: true; value: AnswerValue } | { ok: false; message: string };

export function scaleBounds(q: Question): { min: number; max: number } {
  if (q.type === 'scale') return { min: q.min ?? 1, max: q.max ?? 10 };
  return { min: q.min ?? -Infinity, max: q.max ?? Infinity };
}

/** Check a number typed as text or given as a number. */
export function checkNumber(q: Question, raw: unknown): Checked {
  // Plain decimals only: Number() would also take "0x7", "1e1" or "Infinity".
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^[-+]?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isFinite(n)) return { ok: false, message: 'Enter a number.' };
  const { min, max } = scaleBounds(q);
  if (q.type === 'scale' && !Number.isInteger(n)) return { ok: false, message: `Enter a whole number from ${min} to ${max}.` };
  if (n < min || n > max) {
    const range = Number.isFinite(min) && Number.isFinite(max) ? `from ${min} to ${max}` : Number.isFinite(min) ? `of at least ${min}` : `of at most ${max}`;
    return { ok: false, message: `Enter a number ${range}.` };
  }
  return { ok: true, value: n };
}

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

// Lives with the other date helpers; re-exported for the callers that know it from here.
export { isoDate } from '../util/dates.ts';

export type DueParse = { ok: true; value: string | undefined } | { ok: false; message: string };

const DUE_HELP = 'Use a date like 2026-12-01, friday, next friday, dec 1, in 2 weeks, +3d, tomorrow (empty for none).';

/**
 * A due date as people type it: 2026-12-01, today, tomorrow, +3d, +2w, friday
 * (the next one), "next week" (a week from today), or words such as
 * "next friday", "dec 1", "in 2 weeks", "end of month" (issue 10). Words are
 * read by chrono-node with forward dates (a date without a year is the next
 * one), loaded only when a due date needs it. The whole text must be a date:
 * "call friday" is refused rather than read as friday. Empty means no due date.
 * Dates in the past are parsed like any other; callers decide (isPastDue).
 */
export async function parseDue(input: string, today: Date): Promise<DueParse> {
  const quick = parseDueQuick(input, today);
  if (quick) return quick;
  const s = input.trim().replace(/[.!]+$/, '');
  const day = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const { casual } = await import('chrono-node/en');
  const found = casual.parse(s, day, { forwardDate: true });
  const hit = found[0];
  if (found.length !== 1 || !hit || hit.index !== 0 || hit.text.length !== s.length) return { ok: false, message: DUE_HELP };
  return { ok: true, value: isoDate(hit.start.date()) };
}

/** The forms typed most, without loading the natural-language parser. undefined: not one of them. */
function parseDueQuick(input: string, today: Date): DueParse | undefined {
  const s = input.trim().toLowerCase();
  if (s === '') return { ok: true, value: undefined };
  const day = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const plus = (days: number) => ({ ok: true as const, value: isoDate(addDays(day, days)) });
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (iso) {
    const d = new Date(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
    if (isoDate(d) === s) return { ok: true, value: s };
    return { ok: false, message: `${input.trim()} is not a date in the calendar.` };
  }
  if (s === 'today') return plus(0);
  if (s === 'tomorrow') return plus(1);
  if (s === 'next week') return plus(7);
  const rel = /^\+?(\d{1,3})\s*(d|day|days|w|week|weeks)$/.exec(s);
  if (rel) return plus(Number(rel[1]) * (rel[2]?.startsWith('w') ? 7 : 1));
  const name = DAY_NAMES.findIndex((n) => s.length >= 3 && n.startsWith(s));
  if (name >= 0) return plus(((name - day.getDay() + 7) % 7) || 7);
  // +N / -N beyond the forms above (+1000d, -3d) are refused, not left to the word parser.
  if (/^[+-]/.test(s)) return { ok: false, message: DUE_HELP };
  return undefined;
}

/** A due date (YYYY-MM-DD) before `today`'s local date. */
export function isPastDue(due: string, today: Date): boolean {
  return due < isoDate(today);
}

/**
 * Check a value from an answers file (YAML or JSON) against its question:
 * text as a string, a choice as the option's value, several choices as a list,
 * yes/no as a boolean, a number as a number, an action list as a list of
 * {what, owner, due}.
 */
export async function checkAnswer(q: Question, raw: unknown, today: Date, newId: () => string): Promise<Checked> {
  switch (q.type) {
    case 'text':
    case 'long-text':
      if (typeof raw === 'string') return { ok: true, value: raw };
      if (typeof raw === 'number') return { ok: true, value: String(raw) };
      return { ok: false, message: 'expected text' };
    case 'yes-no':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (typeof raw === 'string' && /^(yes|y|true)$/i.test(raw.trim())) return { ok: true, value: true };
      if (typeof raw === 'string' && /^(no|n|false)$/i.test(raw.trim())) return { ok: true, value: false };
      return { ok: false, message: 'expected true or false' };
    case 'number':
    case 'scale': {
      const r = checkNumber(q, raw);
      return r.ok ? r : { ok: false, message: r.message.replace(/^Enter/, 'expected').replace(/\.$/, '') };
    }
    case 'choice': {
      const value = matchOption(q, raw);
      return value !== undefined ? { ok: true, value } : { ok: false, message: `expected one of ${choices(q)}` };
    }
    case 'multi-choice': {
      const list = Array.isArray(raw) ? raw : [raw];
      const values: string[] = [];
      for (const item of list) {
        const value = matchOption(q, item);
        if (value === undefined) return { ok: false, message: `${JSON.stringify(item)} is not an option; expected a list of ${choices(q)}` };
        if (!values.includes(value)) values.push(value);
      }
      return { ok: true, value: values };
    }
    case 'actions':
      return checkActions(raw, today, newId);
  }
}

function choices(q: Question): string {
  return (q.options ?? []).map((o) => JSON.stringify(optionValue(o))).join(', ');
}

/** An option by its value, or (forgivingly) by its label. */
function matchOption(q: Question, raw: unknown): string | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const s = String(raw).trim().toLowerCase();
  const opt = (q.options ?? []).find((o) => optionValue(o).toLowerCase() === s || optionLabel(o).toLowerCase() === s);
  return opt === undefined ? undefined : optionValue(opt);
}

async function checkActions(raw: unknown, today: Date, newId: () => string): Promise<Checked> {
  if (!Array.isArray(raw)) return { ok: false, message: 'expected a list of actions, each {what, owner, due}' };
  const items: ActionItem[] = [];
  for (const [i, item] of raw.entries()) {
    const where = `action ${i + 1}`;
    if (typeof item === 'string') {
      items.push({ id: newId(), what: item, owner: 'rep' });
      continue;
    }
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return { ok: false, message: `${where}: expected {what, owner, due}` };
    const rec = item as Record<string, unknown>;
    const unknown = Object.keys(rec).find((k) => !['what', 'owner', 'due'].includes(k));
    if (unknown) return { ok: false, message: `${where}: unknown key "${unknown}"; use what, owner, due` };
    if (typeof rec['what'] !== 'string' || rec['what'].trim() === '') return { ok: false, message: `${where}: "what" must be text` };
    const owner = rec['owner'] ?? 'rep';
    if (!OWNERS.includes(owner as Owner)) return { ok: false, message: `${where}: owner must be one of ${OWNERS.join(', ')}` };
    let due: string | undefined;
    if (rec['due'] !== undefined) {
      // YAML reads an unquoted 2026-12-01 as text with the core schema; a Date sneaks in only from other sources.
      const d = rec['due'] instanceof Date ? isoDate(rec['due']) : String(rec['due']);
      const parsed = await parseDue(d, today);
      if (!parsed.ok) return { ok: false, message: `${where}: ${parsed.message}` };
      // Issue 10: a date in the past is a mistake more often than not; a file cannot be asked, so it is refused.
      if (parsed.value && isPastDue(parsed.value, today)) {
        return { ok: false, message: `${where}: due ${JSON.stringify(d)} is ${formatDue(parsed.value)}, in the past; give today or a later date` };
      }
      due = parsed.value;
    }
    items.push({ id: newId(), what: rec['what'].trim(), owner: owner as Owner, ...(due ? { due } : {}) });
  }
  return { ok: true, value: items };
}
