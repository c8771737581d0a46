/**
 * The playbook model's plain parts: constants, answer types and helpers that
 * most of the program needs. Kept apart from schema.ts so that using them does
 * not load the schema library (start-up time, issue 7).
 */

export const QUESTION_TYPES = [
  'text',
  'long-text',
  'choice',
  'multi-choice',
  'yes-no',
  'number',
  'scale',
  'actions',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const OWNERS = ['rep', 'manager', 'both'] as const;
export type Owner = (typeof OWNERS)[number];

/** Limits on what is read, so an untrusted playbook cannot exhaust memory or time. */
export const LIMITS = {
  bytes: 256 * 1024,
  aliases: 100,
  depth: 24,
};

/** A choice: plain text, or a value with a label shown in its place. */
export type Option = string | { value: string | number; label?: string | undefined; help?: string | undefined };

/** An action item: what, who owns it, by when. */
export interface ActionItem {
  /** Stable within its session, so later sessions can record its outcome. */
  id: string;
  what: string;
  owner: Owner;
  /** YYYY-MM-DD */
  due?: string | undefined;
}

export type AnswerValue = string | number | boolean | string[] | ActionItem[];

export function optionValue(o: Option): string {
  return typeof o === 'string' ? o : String(o.value);
}
export function optionLabel(o: Option): string {
  return typeof o === 'string' ? o : (o.label ?? String(o.value));
}
/** A choice answer as the manager saw it: the label of the option with that value, or the value itself. */
export function labelOf(q: { options?: readonly Option[] | undefined }, value: string): string {
  const o = q.options?.find((x) => optionValue(x) === value);
  return o ? optionLabel(o) : value;
}

/** The names an action's owner is said with: the rep's, and the manager's once known (settings `manager`). */
export interface OwnerNames {
  rep: string;
  manager?: string | undefined;
}

/**
 * Who owns an action, in words (issue 10: "Maria", not "manager" or "Me (the
 * manager)"): the rep's name, the manager's, or both. Without the manager's
 * name, `note` (a note, an agenda, the rep's copy: written about the manager)
 * says "the manager", and `terminal` (the screen: said to the manager) "you".
 */
export function ownerLabel(owner: Owner, names: OwnerNames, context: 'note' | 'terminal'): string {
  const manager = names.manager?.trim() || (context === 'note' ? 'the manager' : 'you');
  return owner === 'rep' ? names.rep : owner === 'manager' ? manager : `${names.rep} and ${manager}`;
}
