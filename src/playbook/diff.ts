/**
 * How a fork differs from the playbook it was forked from, stage by stage and
 * question by question (`repcoach playbook diff`). Pure: two playbooks in, a
 * list of differences out. Stages and questions are matched by id, so an edited
 * question is "changed", not "removed and added".
 */
import type { Playbook, Question, Stage } from './schema.ts';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

type StageDiff =
  | { kind: 'added'; id: string; title: string }
  | { kind: 'removed'; id: string; title: string }
  | { kind: 'changed'; id: string; title: string; changes: FieldChange[]; moved: boolean };

type QuestionDiff =
  | { kind: 'added'; id: string; stage: string; text: string; type: string }
  | { kind: 'removed'; id: string; stage: string; text: string; type: string }
  | { kind: 'changed'; id: string; stage: string; changes: FieldChange[]; moved: boolean };

export interface PlaybookDiff {
  /** Top-level fields (title, description, version, model, tags). */
  playbook: FieldChange[];
  stages: StageDiff[];
  questions: QuestionDiff[];
}

const PLAYBOOK_FIELDS = ['title', 'description', 'version', 'model', 'tags'] as const;
const STAGE_FIELDS = ['title', 'letter', 'goal', 'tip', 'when', 'private'] as const;
const QUESTION_FIELDS = ['text', 'type', 'required', 'default', 'help', 'options', 'min', 'max', 'labels', 'when', 'voice', 'private'] as const;

/** `base` is what was forked from (upstream), `fork` the copy. */
export function diffPlaybooks(base: Playbook, fork: Playbook): PlaybookDiff {
  return {
    playbook: fieldChanges(base, fork, PLAYBOOK_FIELDS),
    stages: diffStages(base.stages, fork.stages),
    questions: diffQuestions(base, fork),
  };
}

export function isEmptyDiff(d: PlaybookDiff): boolean {
  return d.playbook.length === 0 && d.stages.length === 0 && d.questions.length === 0;
}

function diffStages(base: Stage[], fork: Stage[]): StageDiff[] {
  const baseById = new Map(base.map((s) => [s.id, s]));
  const forkIds = new Set(fork.map((s) => s.id));
  const moved = movedIds(
    base.map((s) => s.id),
    fork.map((s) => s.id),
  );
  const out: StageDiff[] = [];
  for (const s of fork) {
    const b = baseById.get(s.id);
    if (!b) {
      out.push({ kind: 'added', id: s.id, title: s.title });
      continue;
    }
    const changes = fieldChanges(b, s, STAGE_FIELDS);
    if (changes.length > 0 || moved.has(s.id)) out.push({ kind: 'changed', id: s.id, title: s.title, changes, moved: moved.has(s.id) });
  }
  for (const b of base) if (!forkIds.has(b.id)) out.push({ kind: 'removed', id: b.id, title: b.title });
  return out;
}

interface Placed {
  q: Question;
  stage: string;
}

function placed(pb: Playbook): Placed[] {
  return pb.stages.flatMap((s) => s.questions.map((q) => ({ q, stage: s.id })));
}

function diffQuestions(base: Playbook, fork: Playbook): QuestionDiff[] {
  const b = placed(base);
  const f = placed(fork);
  const baseById = new Map(b.map((p) => [p.q.id, p]));
  const forkIds = new Set(f.map((p) => p.q.id));
  // Moving a question to another stage is a field change; reordering is "moved".
  const moved = movedIds(
    b.map((p) => p.q.id),
    f.map((p) => p.q.id),
  );
  const out: QuestionDiff[] = [];
  for (const p of f) {
    const old = baseById.get(p.q.id);
    if (!old) {
      out.push({ kind: 'added', id: p.q.id, stage: p.stage, text: p.q.text, type: p.q.type });
      continue;
    }
    const changes = fieldChanges(old.q, p.q, QUESTION_FIELDS);
    if (old.stage !== p.stage) changes.unshift({ field: 'stage', from: old.stage, to: p.stage });
    const isMoved = moved.has(p.q.id) && old.stage === p.stage;
    if (changes.length > 0 || isMoved) out.push({ kind: 'changed', id: p.q.id, stage: p.stage, changes, moved: isMoved });
  }
  for (const p of b) {
    if (!forkIds.has(p.q.id)) out.push({ kind: 'removed', id: p.q.id, stage: p.stage, text: p.q.text, type: p.q.type });
  }
  return out;
}

function fieldChanges<T extends object>(a: T, b: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of fields) {
    if (!deepEqual(a[field], b[field])) out.push({ field, from: a[field], to: b[field] });
  }
  return out;
}

/**
 * Ids present in both lists whose relative order changed: those outside a
 * longest common subsequence of the shared ids. Inserting or removing an item
 * therefore moves nothing else.
 */
export function movedIds(base: readonly string[], fork: readonly string[]): Set<string> {
  const inFork = new Set(fork);
  const inBase = new Set(base);
  const a = base.filter((id) => inFork.has(id));
  const b = fork.filter((id) => inBase.has(id));
  const n = a.length;
  const m = b.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const cell = (i: number, j: number) => table[i]?.[j] ?? 0;
  for (let i = n - 1; i >= 0; i--) {
    const row = table[i] as number[];
    for (let j = m - 1; j >= 0; j--) row[j] = a[i] === b[j] ? cell(i + 1, j + 1) + 1 : Math.max(cell(i + 1, j), cell(i, j + 1));
  }
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i] === b[j]) {
      kept.add(a[i] as string);
      i++;
      j++;
    } else if (cell(i + 1, j) >= cell(i, j + 1)) i++;
    else j++;
  }
  return new Set(a.filter((id) => !kept.has(id)));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
