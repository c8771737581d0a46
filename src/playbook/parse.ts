/**
 * Playbook text in, a validated Playbook (or every problem with its line and
 * column) out. Pure: no file system, no clock. `load.ts` does the reading.
 */
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ValidationError, type Problem } from '../errors.ts';
import { referencedQuestions } from './conditions.ts';
import { CONTEXT_NAMES, findPlaceholders } from './placeholders.ts';
import { didYouMean } from '../util/suggest.ts';
import { KNOWN_KEYS, optionValue, PlaybookSchema, type Condition, type Playbook } from './schema.ts';

/** Limits on what is read, so an untrusted playbook cannot exhaust memory or time. */
export const LIMITS = {
  bytes: 256 * 1024,
  aliases: 100,
  depth: 24,
};

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type Path = ReadonlyArray<string | number>;

/** A YAML document plus what is needed to point at its nodes. */
export interface SourceDoc {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/**
 * Parse YAML safely: size limit, alias limit, no custom tags, no `__proto__`
 * keys, a depth limit. Returns the plain value, or throws a ValidationError
 * listing every syntax problem.
 */
export function parseYaml(text: string, file: string, what = 'YAML file'): { value: unknown; source: SourceDoc } {
  const byteLength = Buffer.byteLength(text, 'utf8');
  if (byteLength > LIMITS.bytes) {
    throw new ValidationError(file, [
      problemAt(file, 1, 1, '', `the file is ${Math.round(byteLength / 1024)} KiB; a ${what} may be at most ${LIMITS.bytes / 1024} KiB`),
    ]);
  }
  if (text.includes('\u0000')) {
    throw new ValidationError(file, [problemAt(file, 1, 1, '', `this looks like a binary file, not a ${what}`)]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
    schema: 'core',
    customTags: [],
    merge: false,
  });
  const source: SourceDoc = { file, doc, lines };
  const problems: Problem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = lines.linePos(e.pos[0]);
    problems.push(problemAt(file, pos.line, pos.col, '', tidyYamlMessage(e.message)));
  }
  if (problems.length === 0) problems.push(...structuralProblems(source));
  if (problems.length > 0) throw new ValidationError(file, problems);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: LIMITS.aliases });
  } catch (err) {
    // yaml throws a ReferenceError when aliases expand past maxAliasCount (a "billion laughs").
    throw new ValidationError(file, [
      problemAt(file, 1, 1, '', `too many aliases (${err instanceof Error ? err.message : String(err)}); expand them by hand`),
    ]);
  }
  return { value, source };
}

function tidyYamlMessage(message: string): string {
  // yaml appends a code frame after the first line; the position is already given.
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** Custom tags, forbidden keys and excessive depth, found by walking the tree. */
function structuralProblems(source: SourceDoc): Problem[] {
  const problems: Problem[] = [];
  const depthOf = new Map<Node, number>();
  visit(source.doc, (_key, node, path) => {
    if (isNode(node) && node.tag && !node.tag.startsWith('tag:yaml.org,2002:')) {
      problems.push(at(source, node, '', `custom tags such as ${node.tag} are not allowed in a playbook`));
      return visit.SKIP;
    }
    if (isPair(node) && isScalar(node.key) && FORBIDDEN_KEYS.has(String(node.key.value))) {
      problems.push(at(source, node.key, '', `the key "${String(node.key.value)}" is not allowed`));
      return visit.SKIP;
    }
    if (isMap(node) || isSeq(node)) {
      const depth = path.filter((p) => isMap(p) || isSeq(p)).length + 1;
      depthOf.set(node, depth);
      if (depth > LIMITS.depth) {
        problems.push(at(source, node, '', `nested more than ${LIMITS.depth} levels deep`));
        return visit.BREAK;
      }
    }
    return undefined;
  });
  return problems;
}

export function parsePlaybook(text: string, file: string): Playbook {
  const { value, source } = parseYaml(text, file, 'playbook');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError(file, [
      problemAt(file, 1, 1, '', 'a playbook is a YAML map with id, title, description, version and stages'),
    ]);
  }
  const result = PlaybookSchema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(file, result.error.issues.map((i) => issueToProblem(source, i)));
  }
  const problems = semanticProblems(result.data, source);
  if (problems.some((p) => p.severity === 'error')) throw new ValidationError(file, problems);
  return result.data;
}

/** Cross-references the schema cannot express: unique ids, conditions and placeholders that point backwards. */
export function semanticProblems(pb: Playbook, source: SourceDoc): Problem[] {
  const problems: Problem[] = [];
  const err = (path: Path, message: string) => problems.push(atPath(source, path, message));
  const seenStages = new Set<string>();
  const earlier = new Map<string, { type: string; stage: number }>();
  const all = new Set(pb.stages.flatMap((s) => s.questions.map((q) => q.id)));

  const checkRefs = (ids: string[], path: Path, limit: number | 'stage', stageIndex: number) => {
    for (const id of ids) {
      const before = earlier.get(id);
      const ok = before !== undefined && (limit !== 'stage' || before.stage < stageIndex);
      if (ok) continue;
      if (!all.has(id)) err(path, `refers to "${id}", which no question has as its id${didYouMean(id, [...all])}`);
      else err(path, `refers to "${id}", which is asked later; a condition or placeholder can only use earlier answers`);
    }
  };
  const checkCondition = (cond: Condition | undefined, path: Path, stageIndex: number, limit: number | 'stage') => {
    if (cond) checkRefs(referencedQuestions(cond), [...path, 'when'], limit, stageIndex);
  };
  const checkText = (text: string | undefined, path: Path, stageIndex: number, limit: number | 'stage') => {
    if (text === undefined) return;
    for (const ref of findPlaceholders(text)) {
      if (ref.answerId !== undefined) checkRefs([ref.answerId], path, limit, stageIndex);
      else if (!(CONTEXT_NAMES as readonly string[]).includes(ref.name)) {
        err(path, `unknown placeholder {{${ref.name}}}; use {{rep}}, {{deal}}, {{manager}} or {{answers.<question id>}}`);
      }
    }
  };

  pb.stages.forEach((stage, si) => {
    const sp = ['stages', si];
    if (seenStages.has(stage.id)) err([...sp, 'id'], `the stage id "${stage.id}" is used twice; ids must be unique`);
    seenStages.add(stage.id);
    checkCondition(stage.when, sp, si, 'stage');
    checkText(stage.goal, [...sp, 'goal'], si, 'stage');
    checkText(stage.tip, [...sp, 'tip'], si, 'stage');
    stage.questions.forEach((q, qi) => {
      const qp = [...sp, 'questions', qi];
      checkCondition(q.when, qp, si, qi);
      checkText(q.text, [...qp, 'text'], si, qi);
      checkText(q.help, [...qp, 'help'], si, qi);
      if (typeof q.default === 'string') checkText(q.default, [...qp, 'default'], si, qi);
      problems.push(...questionShapeProblems(q, qp, source));
      if (earlier.has(q.id)) err([...qp, 'id'], `the question id "${q.id}" is used twice; ids must be unique in a playbook`);
      earlier.set(q.id, { type: q.type, stage: si });
    });
  });
  if (pb.commitments && !seenStages.has(pb.commitments.stage)) {
    err(['commitments', 'stage'], `refers to the stage "${pb.commitments.stage}", which no stage has as its id${didYouMean(pb.commitments.stage, [...seenStages])}`);
  }
  return problems;
}

function questionShapeProblems(q: Playbook['stages'][number]['questions'][number], qp: Path, source: SourceDoc): Problem[] {
  const problems: Problem[] = [];
  const err = (path: Path, message: string) => problems.push(atPath(source, path, message));
  const isChoice = q.type === 'choice' || q.type === 'multi-choice';
  if (isChoice && !q.options) err([...qp, 'type'], `a ${q.type} question needs "options": a list of at least two choices`);
  if (!isChoice && q.options) err([...qp, 'options'], `"options" is for choice and multi-choice questions, not ${q.type}`);
  if (q.options) {
    const values = q.options.map(optionValue);
    const dup = values.find((v, i) => values.indexOf(v) !== i);
    if (dup !== undefined) err([...qp, 'options'], `the option "${dup}" is listed twice`);
  }
  const numeric = q.type === 'number' || q.type === 'scale';
  for (const key of ['min', 'max', 'labels'] as const) {
    if (q[key] !== undefined && !numeric) err([...qp, key], `"${key}" is for number and scale questions, not ${q.type}`);
  }
  if (q.type === 'scale') {
    const min = q.min ?? 1;
    const max = q.max ?? 10;
    if (max <= min) err([...qp, 'max'], `max (${max}) must be greater than min (${min})`);
    if (max - min > 100) err([...qp, 'max'], 'a scale may span at most 100 steps; use type: number for wider ranges');
    for (const k of Object.keys(q.labels ?? {})) {
      const n = Number(k);
      if (n < min || n > max) err([...qp, 'labels', k], `the label for ${k} is outside the scale ${min}-${max}`);
    }
  } else if (q.min !== undefined && q.max !== undefined && q.max < q.min) {
    err([...qp, 'max'], `max (${q.max}) must not be less than min (${q.min})`);
  }
  if (q.default !== undefined) {
    const d = q.default;
    const bad = (allowed: string) => err([...qp, 'default'], `the default does not fit a ${q.type} question: ${allowed}`);
    switch (q.type) {
      case 'text':
      case 'long-text':
        if (typeof d !== 'string') bad('use text');
        break;
      case 'yes-no':
        if (typeof d !== 'boolean') bad('use true or false');
        break;
      case 'number':
      case 'scale':
        if (typeof d !== 'number') bad('use a number');
        else if ((q.min !== undefined && d < q.min) || (q.max !== undefined && d > q.max)) bad('it is outside min/max');
        break;
      case 'choice': {
        const values = q.options?.map(optionValue) ?? [];
        if (typeof d !== 'string' && typeof d !== 'number') bad('use one option value');
        else if (!values.includes(String(d))) bad(`use one of ${values.map((v) => `"${v}"`).join(', ')}`);
        break;
      }
      case 'multi-choice': {
        const values = q.options?.map(optionValue) ?? [];
        const list = Array.isArray(d) ? d : [d];
        const unknown = list.find((v) => typeof v === 'boolean' || !values.includes(String(v)));
        if (unknown !== undefined) bad(`"${String(unknown)}" is not an option; use ${values.map((v) => `"${v}"`).join(', ')}`);
        break;
      }
      case 'actions':
        bad('action lists have no default');
        break;
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Positions and messages

export function problemAt(file: string, line: number, column: number, path: string, message: string): Problem {
  return { file, line, column, path, message, severity: 'error' };
}

export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

function at(source: SourceDoc, node: Node, path: string, message: string, severity: Problem['severity'] = 'error'): Problem {
  const offset = node.range?.[0] ?? 0;
  const pos = source.lines.linePos(offset);
  return { file: source.file, line: pos.line, column: pos.col, path, message, severity };
}

/** Point at the deepest node that exists along `path` (a missing key points at its parent). */
export function atPath(source: SourceDoc, path: Path, message: string, severity: Problem['severity'] = 'error'): Problem {
  for (let n = path.length; n >= 0; n--) {
    const node = source.doc.getIn(path.slice(0, n), true);
    if (isNode(node)) return at(source, node, formatPath(path), message, severity);
  }
  return { file: source.file, line: 1, column: 1, path: formatPath(path), message, severity };
}

/** The key node itself, for "unknown key" problems. */
function keyNode(source: SourceDoc, path: Path, key: string): Node | undefined {
  const parent = source.doc.getIn(path, true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return pair && isNode(pair.key) ? pair.key : undefined;
}

function issueToProblem(source: SourceDoc, issue: z.core.$ZodIssue): Problem {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysFor(path);
    const key = issue.keys[0] ?? '';
    const node = keyNode(source, path, key);
    const message =
      issue.keys.length === 1
        ? `unknown key "${key}"${didYouMean(key, known)}; allowed here: ${known.join(', ')}`
        : `unknown keys ${issue.keys.map((k) => `"${k}"`).join(', ')}; allowed here: ${known.join(', ')}`;
    return node ? at(source, node, formatPath([...path, key]), message) : atPath(source, path, message);
  }
  return atPath(source, path, describeIssue(issue, source.doc.getIn(path)));
}

function describeIssue(issue: z.core.$ZodIssue, actual: unknown): string {
  const last = issue.path[issue.path.length - 1];
  const name = typeof last === 'string' ? `"${last}"` : 'this item';
  switch (issue.code) {
    case 'invalid_type':
      if (actual === undefined) return `${name} is required (${expected(issue.expected)})`;
      return `${name} must be ${expected(issue.expected)}, not ${kindOf(actual)}`;
    case 'invalid_value':
      return `${name} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; got ${JSON.stringify(actual)}`;
    case 'invalid_union':
      if (last === 'options' || (typeof last === 'number' && issue.path.includes('options'))) {
        return 'each option is text, or a map with value and optional label and help';
      }
      return `${name} has the wrong form: ${issue.errors.flat()[0]?.message ?? issue.message}`;
    case 'too_small':
      if (issue.origin === 'array') return `${name} needs at least ${String(issue.minimum)} ${Number(issue.minimum) === 1 ? 'item' : 'items'}`;
      if (issue.origin === 'string') return `${name} must not be empty`;
      return `${name} must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `${name} may have at most ${String(issue.maximum)} items`;
      if (issue.origin === 'string') return `${name} must be at most ${String(issue.maximum)} characters`;
      return `${name} must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return `${name} ${issue.message}`;
    default:
      return issue.message;
  }
}

function expected(e: string): string {
  if (e === 'array') return 'a list';
  if (e === 'object') return 'a map of keys and values';
  if (e === 'string') return 'text';
  return `a ${e}`;
}

function kindOf(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `the text "${v.length > 30 ? v.slice(0, 30) + '…' : v}"`;
  return `${typeof v === 'number' ? 'the number' : 'the value'} ${String(v)}`;
}

function knownKeysFor(path: Path): string[] {
  const names = path.filter((p) => typeof p === 'string');
  const last = names[names.length - 1];
  if (names.includes('when') || (last !== undefined && ['all', 'any', 'not'].includes(last))) return KNOWN_KEYS.condition;
  if (last === 'options') return KNOWN_KEYS.option;
  if (last === 'questions') return KNOWN_KEYS.question;
  if (last === 'stages') return KNOWN_KEYS.stage;
  if (last === 'commitments') return KNOWN_KEYS.commitments;
  return KNOWN_KEYS.playbook;
}

export { didYouMean };
