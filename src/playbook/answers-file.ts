/**
 * Answers files for scripted runs (`repcoach run --answers <file>`): the
 * template `repcoach playbook answers <id>` writes, and the check that every
 * id in a file is a question of the playbook. Pure: a playbook and text in.
 */
import { isMap, isScalar, isNode } from 'yaml';
import { problemAt, type Problem } from '../util/errors.ts';
import { didYouMean } from '../util/suggest.ts';
import { optionValue } from './model.ts';
import type { Playbook, Question } from './schema.ts';
import type { SourceDoc } from './parse.ts';

/** Problems for ids in an answers file that are not questions of the playbook, each at its line, with "did you mean". */
export function unknownAnswerIds(given: Record<string, unknown>, source: SourceDoc | undefined, pb: Playbook): Problem[] {
  const ids = pb.stages.flatMap((s) => s.questions.map((q) => q.id));
  const root = source?.doc.contents;
  return Object.keys(given)
    .filter((id) => !ids.includes(id))
    .map((id) => {
      const pair = isMap(root) ? root.items.find((p) => isScalar(p.key) && String(p.key.value) === id) : undefined;
      const pos = pair && isNode(pair.key) && source ? source.lines.linePos(pair.key.range?.[0] ?? 0) : { line: 1, col: 1 };
      const message = `"${id}" is not a question of the playbook "${pb.id}"${didYouMean(id, ids)}; its question ids are ${ids.join(', ')}`;
      return problemAt(source?.file ?? '', pos.line, pos.col, id, message);
    });
}

function yamlString(s: string): string {
  return /^[\w .,?!'()-]*$/.test(s) && !/^[\s'-]|\s$|^(true|false|yes|no|null|~|\d.*)$/i.test(s) && s !== '' ? s : JSON.stringify(s);
}

function comment(text: string): string {
  return text.split('\n').map((l) => `# ${l}`.trimEnd()).join('\n');
}

/** How to write an answer of each type, as the comment under the question says it. */
function howTo(q: Question): string {
  const optionList = (q.options ?? []).map((o) => JSON.stringify(optionValue(o))).join(', ');
  switch (q.type) {
    case 'text':
      return 'text';
    case 'long-text':
      return 'text; use "|" and indented lines for several lines';
    case 'choice':
      return `one of ${optionList}`;
    case 'multi-choice':
      return `a list of any of ${optionList}`;
    case 'yes-no':
      return 'true or false';
    case 'number':
      return `a number${q.min !== undefined ? `, at least ${q.min}` : ''}${q.max !== undefined ? `, at most ${q.max}` : ''}`;
    case 'scale':
      return `a whole number from ${q.min ?? 1} to ${q.max ?? 10}`;
    case 'actions':
      return 'a list of {what, owner: rep|manager|both, due}, e.g. [{what: "Call Dana", owner: rep, due: friday}]';
  }
}

function example(q: Question): string {
  // A default that names a placeholder ({{deal}}) is filled in by a run in a terminal; written here it would be kept as typed.
  const fillable = typeof q.default === 'string' && q.default.includes('{{');
  if (q.default !== undefined && !fillable) return Array.isArray(q.default) ? `[${q.default.map((v) => JSON.stringify(v)).join(', ')}]` : typeof q.default === 'string' ? yamlString(q.default) : String(q.default);
  const first = q.options?.[0];
  switch (q.type) {
    case 'choice':
      return first === undefined ? '""' : JSON.stringify(optionValue(first));
    case 'multi-choice':
      return first === undefined ? '[]' : `[${JSON.stringify(optionValue(first))}]`;
    case 'yes-no':
      return 'true';
    case 'number':
      return String(q.min ?? 0);
    case 'scale':
      return String(Math.round(((q.min ?? 1) + (q.max ?? 10)) / 2));
    case 'actions':
      // An empty list reads as "not answered yet", as a blank text does; the items' form is in the line above.
      return '[]';
    default:
      return '""';
  }
}

/**
 * An answers file with every question of the playbook: required ones as
 * keys to fill in, optional ones commented out, each with its text, its
 * stage and how to write its answer. It parses as-is (`run --answers` then
 * reports the answers left blank).
 */
export function answersTemplate(pb: Playbook): string {
  const out = [
    `# Answers for the playbook "${pb.id}" (${pb.title}, version ${pb.version}), for a scripted run:`,
    `#   repcoach run ${pb.id} --rep "<name>" --answers <this file>`,
    '# Fill in the answers. Optional questions are commented out: remove the "# " to answer one.',
    '# A question asked only in some cases (a "when") may be left out.',
    '',
  ];
  for (const stage of pb.stages) {
    out.push(`# --- ${stage.title}${stage.when ? ' (asked only in some cases)' : ''}`);
    for (const q of stage.questions) {
      out.push(comment(`${q.text}${q.when ? ' (asked only in some cases)' : ''}`));
      out.push(`# (${q.type}${q.required ? '' : ', optional'}) write ${howTo(q)}`);
      const line = `${q.id}: ${example(q)}`;
      out.push(q.required && !q.when && !stage.when ? line : comment(line));
      out.push('');
    }
  }
  return out.join('\n');
}
