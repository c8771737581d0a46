/**
 * Playbook text in, a validated Playbook (or every problem with its line and
 * column) out. Pure: no file system, no clock. `load.ts` does the reading.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ValidationError, type Problem } from '../util/errors.ts';
import { referencedQuestions } from './conditions.ts';
import { CONTEXT_NAMES, findPlaceholders } from './placeholders.ts';
import { didYouMean } from '../util/suggest.ts';
import { BLANK, KNOWN_KEYS, optionValue, PlaybookSchema, type Condition, type Playbook } from './schema.ts';

import { LIMITS } from './model.ts';
import { problemAt } from '../util/errors.ts';

// Re-exported for the callers that parse: the definitions live where reading without parsing can use them.
export { LIMITS, problemAt };

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
    const tooBig = problemAt(file, 1, 1, '', `the file is ${Math.round(byteLength / 1024)} KiB; ${withArticle(what)} may be at most ${LIMITS.bytes / 1024} KiB`);
    throw new ValidationError(file, [tooBig], undefined, what);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    const column = nul - text.lastIndexOf('\n', nul - 1);
    throw new ValidationError(file, [problemAt(file, line, column, '', `a NUL byte here: this looks like a binary file, not ${withArticle(what)}`)], undefined, what);
  }
  // Thousands of levels would take the YAML parser's recursion to the edge of the stack, where
  // V8 has been seen to abort the whole process (a regular expression compiled there); such a
  // file is refused before it is parsed. Depths a playbook could have are left to the exact check below.
  const deep = pathologicalNesting(text);
  if (deep) throw new ValidationError(file, [problemAt(file, deep.line, deep.column, '', `nested more than ${LIMITS.depth} levels deep`)], undefined, what);
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
    schema: 'core',
    customTags: [],
    // Merge keys (`<<: *base`) are resolved, as editors resolve them (issue 14).
    merge: true,
  });
  const source: SourceDoc = { file, doc, lines };
  const problems: Problem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = lines.linePos(e.pos[0]);
    const message =
      e.code === 'TAG_RESOLVE_FAILED'
        ? `custom tags (${/Unresolved tag: (\S+)/.exec(e.message)?.[1] ?? 'a !tag'}) are not allowed in ${withArticle(what)}; remove the tag`
        : withFix(tidyYamlMessage(e.message), e.code, e.message);
    problems.push(problemAt(file, pos.line, pos.col, '', message));
  }
  if (problems.length === 0) problems.push(...structuralProblems(source));
  if (problems.length > 0) throw new ValidationError(file, capProblems(dedupeProblems(problems)), undefined, what);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: LIMITS.aliases });
  } catch (err) {
    // yaml throws a ReferenceError when aliases expand past maxAliasCount (a "billion laughs"),
    // or when an alias names an anchor that is set only after it.
    const message = err instanceof Error ? err.message : String(err);
    const why = /excessive alias count/i.test(message)
      ? `too many aliases: they would expand past ${LIMITS.aliases} copies (a file built to exhaust memory looks like this); write the repeated parts out by hand`
      : tidyYamlMessage(message);
    // Point at the first alias, where the expansion starts, rather than at the top of the file.
    let where: Problem = problemAt(file, 1, 1, '', why);
    visit(doc, {
      Alias: (_key, node) => {
        where = at(source, node, '', why);
        return visit.BREAK;
      },
    });
    throw new ValidationError(file, [where], undefined, what);
  }
  return { value, source };
}

/** "a playbook", "an answers file". */
export function withArticle(what: string): string {
  return `${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}`;
}

/** Far past any depth a playbook could hold (LIMITS.depth is checked exactly after parsing). */
const PATHOLOGICAL_DEPTH = 200;

/**
 * Where brackets opened ([ {) or list dashes on one line ("- - - …"), or the indentation,
 * reach PATHOLOGICAL_DEPTH, if they do. A rough count: quotes and comments are not
 * read, which can only make it count more, never less, and the bound is far away.
 */
export function pathologicalNesting(text: string): { line: number; column: number } | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let atLineStart = true;
  let dashes = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      line++;
      lineStart = i + 1;
      atLineStart = true;
      dashes = 0;
      continue;
    }
    if (atLineStart) {
      if (ch === 32) {
        if ((i - lineStart) / 2 >= PATHOLOGICAL_DEPTH) return { line, column: i - lineStart + 1 };
        continue;
      }
      if (ch === 45 && text.charCodeAt(i + 1) === 32) {
        if (++dashes >= PATHOLOGICAL_DEPTH) return { line, column: i - lineStart + 1 };
        i++;
        continue;
      }
      atLineStart = false;
    }
    if (ch === 91 || ch === 123) {
      if (++depth >= PATHOLOGICAL_DEPTH) return { line, column: i - lineStart + 1 };
    } else if ((ch === 93 || ch === 125) && depth > 0) depth--;
  }
  return undefined;
}

function tidyYamlMessage(message: string): string {
  // Thousands of nested brackets overflow the YAML parser's stack; it reports that as an error of the document.
  if (/Maximum call stack/i.test(message)) return `nested more than ${LIMITS.depth} levels deep`;
  // yaml appends a code frame after the first line; the position is already given.
  return (message.split('\n')[0] ?? message)
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/; please use YAML\.parseAllDocuments\(\)/, '; the file must hold one document (remove the extra "---")');
}

/**
 * The YAML parser's words, with what to write instead: the playbooks' authors are
 * sales people, not YAML experts (issue 14's "what is wrong and what to write").
 */
function withFix(message: string, code: string, raw: string): string {
  const fix =
    code === 'BLOCK_AS_IMPLICIT_KEY' || /Nested mappings are not allowed in compact mappings/.test(raw)
      ? 'a text that holds ": " (a colon and a space) must be in quotes, e.g. tip: "Let {{rep}} set the agenda: if you name it, you solve it."'
      : code === 'BAD_INDENT' && /Flow (sequence|mapping)/.test(raw)
        ? `a ${/sequence/.test(raw) ? '[ list' : '{ map'} opened here is not closed: end it with ${/sequence/.test(raw) ? ']' : '}'} (or write it as indented "- " lines)`
        : code === 'BAD_INDENT'
          ? 'the items of one list or map start at the same column: indent them with the same number of spaces'
          : code === 'MISSING_CHAR'
            ? 'a quote or bracket opened earlier is not closed: close it on the line it starts'
            : code === 'TAB_AS_INDENT'
              ? 'indent with spaces, not tabs'
              : code === 'MULTILINE_IMPLICIT_KEY'
                ? 'a key and its value start on one line ("text: …"); a long value goes on the next lines after "text: >-"'
                : undefined;
  return fix ? `${message}: ${fix}` : message;
}

/** The same message many times over (a deep-nesting overflow) is said once, at its first place. */
function dedupeProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (!p.message.startsWith('nested more than')) return true;
    if (seen.has(p.message)) return false;
    seen.add(p.message);
    return true;
  });
}

/** A hostile file can hold tens of thousands of syntax errors: report the first ones and a count. */
export const MAX_PROBLEMS = 20;

function capProblems(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const rest = problems.length - MAX_PROBLEMS;
  const last = problems[MAX_PROBLEMS - 1];
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    problemAt(last?.file ?? '', last?.line ?? 1, last?.column ?? 1, '', `…and ${rest} more ${rest === 1 ? 'problem' : 'problems'} like these`),
  ];
}

/** Aliases without anchors or in cycles, forbidden keys and excessive depth, found by walking the tree. (yaml itself reports custom tags.) */
function structuralProblems(source: SourceDoc): Problem[] {
  const problems: Problem[] = [];
  const anchors = new Set<string>();
  visit(source.doc, (_key, node, path) => {
    if (isNode(node) && node.anchor) anchors.add(node.anchor);
    if (isAlias(node) && !anchors.has(node.source)) {
      problems.push(at(source, node, '', `the alias *${node.source} has no anchor &${node.source} before it`));
      return visit.SKIP;
    }
    // An alias inside the node it names is a cycle: it expands forever and overflows the stack downstream.
    if (isAlias(node) && path.some((p) => isNode(p) && p.anchor === node.source)) {
      problems.push(at(source, node, '', `the alias *${node.source} refers to a node that contains it; a playbook cannot be recursive`));
      return visit.SKIP;
    }
    if (isPair(node) && isScalar(node.key) && FORBIDDEN_KEYS.has(String(node.key.value))) {
      problems.push(at(source, node.key, '', `the key "${String(node.key.value)}" is not allowed`));
      return visit.SKIP;
    }
    if (isMap(node) || isSeq(node)) {
      const depth = path.filter((p) => isMap(p) || isSeq(p)).length + 1;
      if (depth > LIMITS.depth) {
        problems.push(at(source, node, '', `nested more than ${LIMITS.depth} levels deep`));
        return visit.BREAK;
      }
    }
    return undefined;
  });
  return problems;
}

/** What checking a playbook's text found: the playbook when it has no errors, and every problem. */
export interface PlaybookCheck {
  playbook?: Playbook | undefined;
  /** The parsed YAML, when the text was YAML at all (the linter and `fork` need it). */
  source?: SourceDoc | undefined;
  problems: Problem[];
}

/**
 * Check a playbook's text without throwing: `validate` reports every problem of
 * every file, and a team source skips an invalid playbook instead of failing.
 */
export function checkPlaybook(text: string, file: string): PlaybookCheck {
  let parsed: ReturnType<typeof parseYaml>;
  try {
    parsed = parseYaml(text, file, 'playbook');
  } catch (err) {
    if (err instanceof ValidationError) return { problems: err.problems };
    throw err;
  }
  const { value, source } = parsed;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { source, problems: [problemAt(file, 1, 1, '', 'a playbook is a YAML map with id, title, description, version and stages')] };
  }
  const notPlaybook = notAPlaybook(value as Record<string, unknown>);
  if (notPlaybook) return { source, problems: [problemAt(file, 1, 1, '', notPlaybook)] };
  const result = PlaybookSchema.safeParse(value);
  if (!result.success) return { source, problems: result.error.issues.map((i) => issueToProblem(source, i)) };
  const problems = semanticProblems(result.data, source);
  const ok = !problems.some((p) => p.severity === 'error');
  return { playbook: ok ? result.data : undefined, source, problems };
}

/**
 * A YAML map that is plainly some other file (a config, a secrets file) gets
 * one problem naming its keys, never their values: a link or a copy of such a
 * file must not have its secrets echoed in errors (issue 14). A playbook with
 * typos still has most of its keys, and gets the detailed problems.
 */
function notAPlaybook(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  const known = keys.filter((k) => KNOWN_KEYS.playbook.includes(k));
  if (known.length >= 2 || keys.length === known.length) return undefined;
  const shown = keys.slice(0, 8).map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k));
  return `this is not a playbook: a playbook is a YAML map with id, title, description, version and stages, and this file's keys are ${shown.join(', ')}${keys.length > 8 ? ', …' : ''}`;
}

/** The playbook, or a ValidationError carrying every problem. */
export function parsePlaybook(text: string, file: string): Playbook {
  const { playbook, problems } = checkPlaybook(text, file);
  if (!playbook) throw new ValidationError(file, problems);
  return playbook;
}

/** Cross-references the schema cannot express: unique ids, conditions and placeholders that point backwards. */
export function semanticProblems(pb: Playbook, source: SourceDoc): Problem[] {
  const problems: Problem[] = [];
  const err = (path: Path, message: string) => problems.push(atPath(source, path, message));
  const seenStages = new Set<string>();
  const earlier = new Map<string, { type: string; stage: number; question: Question }>();
  const all = new Set(pb.stages.flatMap((s) => s.questions.map((q) => q.id)));
  let dealQuestion: string | undefined;

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
    if (!cond) return;
    checkRefs(referencedQuestions(cond), [...path, 'when'], limit, stageIndex);
    problems.push(...neverTrue(cond, [...path, 'when'], (id) => earlier.get(id)?.question, source));
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
      if (q.deal && q.type !== 'text' && q.type !== 'choice') err([...qp, 'deal'], `"deal" marks a text or choice question (the deal's name), not ${q.type}`);
      if (q.deal && dealQuestion !== undefined) err([...qp, 'deal'], `only one question can name the deal; "${dealQuestion}" already does`);
      if (q.deal) dealQuestion ??= q.id;
      if (earlier.has(q.id)) err([...qp, 'id'], `the question id "${q.id}" is used twice; ids must be unique in a playbook`);
      earlier.set(q.id, { type: q.type, stage: si, question: q });
    });
  });
  if (pb.commitments && !seenStages.has(pb.commitments.stage)) {
    err(['commitments', 'stage'], `refers to the stage "${pb.commitments.stage}", which no stage has as its id${didYouMean(pb.commitments.stage, [...seenStages])}`);
  }
  return problems;
}

type Question = Playbook['stages'][number]['questions'][number];

/**
 * Warnings for tests that can never be true given the question they test
 * (issue 14): `equals: yes` on a yes-no question (its answer is true or
 * false), a value that is not among a choice's options, a comparison with a
 * question that has no number for an answer.
 */
function neverTrue(cond: Condition, path: Path, questionOf: (id: string) => Question | undefined, source: SourceDoc): Problem[] {
  const out: Problem[] = [];
  const warn = (p: Path, message: string) => out.push(atPath(source, p, message, 'warning'));
  const walk = (c: Condition, p: Path) => {
    c.all?.forEach((x, i) => {
      walk(x, [...p, 'all', i]);
    });
    c.any?.forEach((x, i) => {
      walk(x, [...p, 'any', i]);
    });
    if (c.not) walk(c.not, [...p, 'not']);
    const q = c.question === undefined ? undefined : questionOf(c.question);
    if (!q) return;
    const values = c.equals !== undefined ? [c.equals] : c.in;
    const key = c.equals !== undefined ? 'equals' : 'in';
    const numeric = q.type === 'number' || q.type === 'scale';
    if (values) {
      const shown = values.map((v) => JSON.stringify(v)).join(', ');
      if (q.type === 'yes-no' && !values.some((v) => typeof v === 'boolean')) {
        warn([...p, key], `${key}: ${shown} can never be true: "${q.id}" is a yes-no question, whose answer is true or false; write ${key === 'equals' ? 'equals: true (or false)' : 'in: [true]'}`);
      } else if ((q.type === 'choice' || q.type === 'multi-choice') && q.options) {
        const options = q.options.map((o) => optionValue(o).trim().toLowerCase());
        if (!values.some((v) => options.includes(String(v).trim().toLowerCase()))) {
          warn([...p, key], `${key}: ${shown} can never be true: it is not one of the options of "${q.id}" (${q.options.map((o) => `"${optionValue(o)}"`).join(', ')})`);
        }
      } else if (numeric && !values.some((v) => typeof v === 'number')) {
        warn([...p, key], `${key}: ${shown} can never be true: "${q.id}" is a ${q.type} question, whose answer is a number`);
      }
    }
    for (const cmp of ['lessThan', 'greaterThan'] as const) {
      if (c[cmp] !== undefined && !numeric) warn([...p, cmp], `${cmp} can never be true: "${q.id}" is a ${q.type} question, whose answer is not a number`);
    }
  };
  walk(cond, path);
  return out;
}

function questionShapeProblems(q: Playbook['stages'][number]['questions'][number], qp: Path, source: SourceDoc): Problem[] {
  const problems: Problem[] = [];
  const err = (path: Path, message: string) => problems.push(atPath(source, path, message));
  const isChoice = q.type === 'choice' || q.type === 'multi-choice';
  // Said of the question, where an editor marks the missing key too.
  if (isChoice && !q.options) err(qp, `a ${q.type} question needs "options": a list of at least two choices`);
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
    const bad = (allowed: string) => err([...qp, 'default'], `the default does not fit ${/^[aeiou]/.test(q.type) ? 'an' : 'a'} ${q.type} question: ${allowed}`);
    switch (q.type) {
      case 'text':
      case 'long-text':
        if (typeof d !== 'string') bad('use text');
        break;
      case 'yes-no':
        if (typeof d !== 'boolean') bad('use true or false');
        break;
      case 'number':
        if (typeof d !== 'number') bad('use a number');
        else if ((q.min !== undefined && d < q.min) || (q.max !== undefined && d > q.max)) bad(`it is outside min/max; use a number from ${q.min ?? 'any'} to ${q.max ?? 'any'}`);
        break;
      case 'scale': {
        // A scale without min/max runs 1-10 (the run refuses anything else), so check against that.
        const min = q.min ?? 1;
        const max = q.max ?? 10;
        if (typeof d !== 'number') bad(`use a whole number from ${min} to ${max}`);
        else if (!Number.isInteger(d) || d < min || d > max) bad(`${d} is not on the scale; use a whole number from ${min} to ${max}`);
        break;
      }
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
  // getIn gives a collection as its node: turn it into the plain value, so it is named "a list", not "a map".
  const raw: unknown = source.doc.getIn(path);
  const actual: unknown = isNode(raw) ? raw.toJSON() : raw;
  return atPath(source, path, describeIssue(issue, actual, source.doc.getIn(path, true)));
}

function describeIssue(issue: z.core.$ZodIssue, actual: unknown, node: unknown): string {
  const last = issue.path[issue.path.length - 1];
  const name = typeof last === 'string' ? `"${last}"` : 'this item';
  switch (issue.code) {
    case 'invalid_type':
      if (actual === undefined) return `${name} is required: add it as ${expected(issue.expected)}`;
      // YAML's .nan and .inf are numbers to YAML, but no answer can be compared with them.
      if (typeof actual === 'number' && !Number.isFinite(actual)) {
        const written = isScalar(node) && node.source ? node.source : String(actual);
        return `${name} is ${written}, which is not a number a playbook can use; write an ordinary number, e.g. 10`;
      }
      // `version: 1.0` reads as the number 1: show what was written and how to make it text.
      if (issue.expected === 'string' && isScalar(node) && (typeof actual === 'number' || typeof actual === 'boolean')) {
        const written = node.source ?? String(actual);
        return `${name} must be text, not ${typeof actual === 'number' ? 'the number' : 'the value'} ${written}; put it in quotes: "${written}"`;
      }
      return `${name} must be ${expected(issue.expected)}, not ${kindOf(actual)}`;
    case 'invalid_value':
      return `${name} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; got ${JSON.stringify(actual)}`;
    case 'invalid_union':
      if (last === 'options' || (typeof last === 'number' && issue.path.includes('options'))) {
        return 'each option is text, or a map with value and optional label and help';
      }
      if (last === 'default') return `the default must be text, a number, true or false, or a list of option values; not ${kindOf(actual)}`;
      if (last === 'equals' || issue.path.includes('in')) return `${name} must be text, a number, or true or false; not ${kindOf(actual)}`;
      if (last === 'value') return `the option's value must be text or a number; not ${kindOf(actual)}`;
      return `${name} has the wrong form (${kindOf(actual)}); see docs/playbooks.md for what it takes`;
    case 'invalid_key':
      return `the label key ${name} is not a scale value: label keys are whole numbers on the scale, e.g. labels: {1: not at all, 10: completely}`;
    case 'too_small':
      if (issue.origin === 'array') return `${name} needs at least ${String(issue.minimum)} ${Number(issue.minimum) === 1 ? 'item' : 'items'}`;
      if (issue.origin === 'string') return `${name} must not be empty`;
      return `${name} must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `${name} may have at most ${String(issue.maximum)} items`;
      if (issue.origin === 'string') return `${name} must be at most ${String(issue.maximum)} characters`;
      return `${name} must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      if (issue.format === 'regex' && 'pattern' in issue && issue.pattern === String(BLANK)) {
        return `${name} is blank: write some text${typeof last === 'string' && ['help', 'tip', 'label', 'model'].includes(last) ? ', or leave the key out' : ''}`;
      }
      return `${name} cannot be ${JSON.stringify(actual)}: ${issue.message}`;
    case 'custom':
      return issue.message;
    default:
      // zod's own words ("Invalid input") say nothing about the playbook: name the place and the docs instead.
      return /^Invalid /.test(issue.message) ? `${name} is not valid here; see docs/playbooks.md for what it takes` : issue.message;
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
  if (last === 'rescue') return KNOWN_KEYS.rescue;
  if (last === 'commitments') return KNOWN_KEYS.commitments;
  return KNOWN_KEYS.playbook;
}

export { didYouMean };
