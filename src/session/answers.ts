/**
 * What counts as a valid answer to each question type. Shared by the prompts
 * (to validate what is typed) and by `--answers` files (to check what is given).
 */
import { isoDate } from '../util/dates.ts';
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

/**
 * A due date as people type it: 2026-12-01, today, tomorrow, +3d, +2w, friday
 * (the next one), or "next week" (a week from today). Empty means no due date.
 */
export function parseDue(input: string, today: Date): { ok: true; value: string | undefined } | { ok: false; message: string } {
  const s = input.trim().toLowerCase();
  if (s === '') return { ok: true, value: undefined };
  const day = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const plus = (days: number) => {
    const d = new Date(day);
    d.setDate(d.getDate() + days);
    return { ok: true as const, value: isoDate(d) };
  };
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
  return { ok: false, message: 'Use a date like 2026-12-01, or today, tomorrow, friday, +3d, +2w, next week.' };
}

/**
 * Check a value from an answers file (YAML or JSON) against its question:
 * text as a string, a choice as the option's value, several choices as a list,
 * yes/no as a boolean, a number as a number, an action list as a list of
 * {what, owner, due}.
 */
export function checkAnswer(q: Question, raw: unknown, today: Date, newId: () => string): Checked {
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

function checkActions(raw: unknown, today: Date, newId: () => string): Checked {
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
      const parsed = parseDue(d, today);
      if (!parsed.ok) return { ok: false, message: `${where}: ${parsed.message}` };
      due = parsed.value;
    }
    items.push({ id: newId(), what: rec['what'].trim(), owner: owner as Owner, ...(due ? { due } : {}) });
  }
  return { ok: true, value: items };
}
