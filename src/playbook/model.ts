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
  /** Saved as soon as its "what" was typed, before its owner and due date were asked: a resume asks them. */
  unfinished?: true | undefined;
  /**
   * On a commitment (never on an answer): agreed in a question only the manager
   * may read (visibleToRep), so it stays out of every rep's copy (issue 10).
   */
  private?: true | undefined;
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

/** What decides who may read an answer: the question's flags and its stage's (docs/playbooks.md, "Who reads an answer"). */
export interface Visibility {
  private?: boolean | undefined;
  advice?: boolean | undefined;
  voice?: string | undefined;
}

/**
 * Whether the rep's copy (show/export --for-rep, the agenda, a calendar for the
 * rep) may hold this question and its answer: the one rule, used by everything
 * that builds one (issue 10). A private stage keeps all its questions to the
 * manager. Otherwise `private: true` or `false` on the question decides; without
 * it, the rep's own words are shared and the manager's are not: a question that
 * records the manager's suggestions (`advice: true`) or the manager's own words
 * (`voice: manager`) is the manager's alone unless it says `private: false`.
 */
export function visibleToRep(stage: Pick<Visibility, 'private'>, question: Visibility): boolean {
  if (stage.private === true) return false;
  if (question.private !== undefined) return !question.private;
  return question.advice !== true && question.voice !== 'manager';
}

/**
 * A session's stored playbook as the rule above reads it. Sessions recorded
 * before `private` was optional stored `private: false` on every stage and
 * every question (the old default), where it declared nothing: in such a
 * snapshot those `false`s are dropped, so an advice or manager-voice answer in
 * an old session is not shared by accident. (A playbook that really writes the
 * key on every stage and every question reads the same way: it shares a little
 * less, never more.) Returns `pb` itself when there is nothing to drop.
 */
export function withDeclaredPrivacy<P extends { stages: ReadonlyArray<{ private?: boolean | undefined; questions: ReadonlyArray<Visibility> }> }>(pb: P): P {
  // Sessions share their (frozen) snapshot objects (journal.ts): each is read once.
  const known = declared.get(pb);
  if (known) return known as P;
  const out = declaredPrivacy(pb);
  declared.set(pb, out);
  return out;
}

const declared = new WeakMap<object, object>();

function declaredPrivacy<P extends { stages: ReadonlyArray<{ private?: boolean | undefined; questions: ReadonlyArray<Visibility> }> }>(pb: P): P {
  const questions = pb.stages.flatMap((s) => s.questions);
  const legacy = [...pb.stages, ...questions].every((x) => typeof x.private === 'boolean');
  if (!legacy || !questions.some((q) => q.private === false && (q.advice === true || q.voice === 'manager'))) return pb;
  return {
    ...pb,
    stages: pb.stages.map((s) => ({
      ...s,
      questions: s.questions.map((q) => {
        if (q.private !== false) return q;
        const { private: _declared, ...rest } = q;
        return rest;
      }),
    })),
  };
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

/** The built-in playbook the manager runs alone, about their own rescue reflex. */
export const MANAGER_SELF_CHECK = 'manager-self-check';

/**
 * A playbook the manager works through alone (the built-in manager-self-check,
 * a fork of it, or one tagged `self-check`): the "rep" is the manager, so its
 * actions and flags are the manager's own, and `stats` counts them apart.
 */
export function isManagerSelfCheck(pb: { id: string; tags?: readonly string[] | undefined; forkedFrom?: string | undefined }): boolean {
  return pb.id === MANAGER_SELF_CHECK || pb.forkedFrom?.startsWith(`${MANAGER_SELF_CHECK}@`) === true || (pb.tags ?? []).includes('self-check');
}
