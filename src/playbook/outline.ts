/**
 * A readable outline of a playbook for `repcoach playbook show`: stages with
 * their goals and tips, questions with their types and conditions. Pure: the
 * playbook in, terminal lines out (every text from the file made safe).
 */
import type { ChalkInstance } from 'chalk';
import { safeText } from '../util/term.ts';
import { optionLabel, optionValue, visibleToRep } from './model.ts';
import type { Condition, Playbook, Question } from './schema.ts';

/** A condition in words: `confidence < 7 and blocker is answered`. */
function describeCondition(c: Condition): string {
  const group = (list: Condition[], word: string) => list.map((x) => (x.all || x.any ? `(${describeCondition(x)})` : describeCondition(x))).join(` ${word} `);
  if (c.all) return group(c.all, 'and');
  if (c.any) return group(c.any, 'or');
  if (c.not) return `not (${describeCondition(c.not)})`;
  const q = c.question ?? '?';
  if (c.equals !== undefined) return `${q} is ${JSON.stringify(c.equals)}`;
  if (c.in !== undefined) return `${q} is one of ${c.in.map((v) => JSON.stringify(v)).join(', ')}`;
  if (c.lessThan !== undefined) return `${q} < ${c.lessThan}`;
  if (c.greaterThan !== undefined) return `${q} > ${c.greaterThan}`;
  if (c.answered !== undefined) return `${q} is ${c.answered ? '' : 'not '}answered`;
  return q;
}

export function questionCount(pb: Playbook): number {
  return pb.stages.reduce((n, s) => n + s.questions.length, 0);
}

function questionTraits(q: Question): string {
  const traits: string[] = [q.type, q.required ? 'required' : 'optional'];
  if (q.type === 'scale') traits.push(`${q.min ?? 1}-${q.max ?? 10}`);
  else if (q.type === 'number' && (q.min !== undefined || q.max !== undefined)) traits.push(`${q.min ?? '…'}-${q.max ?? '…'}`);
  if (q.voice === 'manager') traits.push("manager's words");
  // Who may read the answer, by the rule the rep's copy follows (a private stage says so on its own line).
  if (!visibleToRep({}, q)) traits.push('private');
  return traits.join(' · ');
}

export interface OutlineHeader {
  source: string;
  file: string;
}

export function outlinePlaybook(pb: Playbook, where: OutlineHeader, c: ChalkInstance): string[] {
  const t = safeText;
  const out: string[] = [];
  out.push(`${c.bold(t(pb.title))}  ${c.dim(`${pb.id} v${t(pb.version)}${pb.model ? ` · ${t(pb.model)}` : ''} · ${pb.stages.length} stages · ${questionCount(pb)} questions`)}`);
  out.push(`${c.dim('Source:')} ${t(where.source)} ${c.dim(t(where.file))}`);
  if (pb.forkedFrom) out.push(`${c.dim('Forked from:')} ${t(pb.forkedFrom)}  ${c.dim(`(see what changed: repcoach playbook diff ${pb.id})`)}`);
  if (pb.tags?.length) out.push(`${c.dim('Tags:')} ${pb.tags.map(t).join(', ')}`);
  out.push('', t(pb.description));
  pb.stages.forEach((stage, si) => {
    const letter = stage.letter ?? stage.title.charAt(0).toUpperCase();
    out.push('', c.bold.cyan(`${t(letter)} · ${t(stage.title)}`) + c.dim(`  stage ${si + 1}/${pb.stages.length} · ${stage.id}${stage.private ? ' · private' : ''}`));
    out.push(`  ${c.bold('Goal:')} ${t(stage.goal)}`);
    if (stage.tip) out.push(`  ${c.yellow.bold('Tip:')}  ${c.yellow(t(stage.tip))}`);
    if (stage.when) out.push(`  ${c.magenta('Only when')} ${t(describeCondition(stage.when))}`);
    stage.questions.forEach((q, qi) => {
      out.push(`  ${String(qi + 1).padStart(2)}. ${c.bold(q.id)}  ${c.dim(questionTraits(q))}`);
      out.push(`      ${t(q.text)}`);
      if (q.help) out.push(`      ${c.dim(`help: ${t(q.help)}`)}`);
      if (q.options) {
        const labels = q.options.map((o) => (optionLabel(o) === optionValue(o) ? t(optionValue(o)) : `${t(optionValue(o))} (${t(optionLabel(o))})`));
        out.push(`      ${c.dim('options:')} ${labels.join(', ')}`);
      }
      if (q.labels) out.push(`      ${c.dim('labels:')} ${Object.entries(q.labels).map(([k, v]) => `${k} = ${t(v)}`).join(', ')}`);
      if (q.default !== undefined) out.push(`      ${c.dim('default:')} ${t(Array.isArray(q.default) ? q.default.join(', ') : String(q.default))}`);
      if (q.when) out.push(`      ${c.magenta('only when')} ${t(describeCondition(q.when))}`);
    });
  });
  return out;
}
