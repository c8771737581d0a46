/**
 * The markdown coaching note (docs/note-format.md). Pure: a session's state in,
 * markdown out. Answers are escaped so nothing a rep says can break the note's
 * structure: no heading, list, fence, table, front-matter fence or HTML can
 * come out of an answer.
 */
import { stringify } from 'yaml';
import { fill, type Context } from '../playbook/placeholders.ts';
import { optionLabel, optionValue, type ActionItem, type AnswerValue, type Question } from '../playbook/schema.ts';
import { collectActions, isPrivate, visibleSteps, type Step } from '../session/engine.ts';
import { OUTCOME_LABELS, type CommitmentOutcome } from '../session/commitments.ts';
import type { ReviewEntry, SessionState } from '../session/journal.ts';

export interface NoteOptions {
  /** Leave out everything private to the manager (the rep's copy). */
  forRep?: boolean;
  /**
   * How this session's actions went, as reviewed in later sessions, by action
   * id (commitments.ts outcomesBySession): shown on each action.
   */
  outcomes?: ReadonlyMap<string, readonly CommitmentOutcome[]> | undefined;
}

export function noteContext(state: SessionState): Context {
  return { rep: state.start.rep.name, deal: state.start.deal, manager: state.start.manager };
}

export function renderNote(state: SessionState, opts: NoteOptions = {}): string {
  const { start } = state;
  const pb = start.snapshot;
  const ctx = noteContext(state);
  const steps = visibleSteps(pb, state.answers).filter((s) => !(opts.forRep && isPrivate(s)));
  const actions = collectActions(steps, state.answers);

  const front: Record<string, unknown> = {
    rep: start.rep.name,
    ...(start.manager ? { manager: start.manager } : {}),
    date: start.at.slice(0, 10),
    playbook: pb.id,
    playbook_version: start.playbook.version,
    ...(start.deal ? { deal: start.deal } : {}),
    status: state.status,
    duration_minutes: Math.round(state.activeMs / 60000),
    session: start.id,
    ...(pb.tags?.length ? { tags: pb.tags } : {}),
  };
  if (opts.forRep) front['copy'] = 'rep';

  const out: string[] = ['---', frontMatter(front), '---', ''];
  out.push(`# Coaching note: ${inline(start.rep.name)}, ${start.at.slice(0, 10)}`, '');
  const facts = [`**Playbook:** ${inline(pb.title)} (v${inline(start.playbook.version)})`];
  if (start.deal) facts.push(`**Deal:** ${inline(start.deal)}`);
  if (start.manager) facts.push(`**Manager:** ${inline(start.manager)}`);
  out.push(facts.join(' · '), '');
  if (state.status !== 'done') out.push(`> **Unfinished:** this session is ${state.status}; answers so far are below.`, '');

  if (state.reviews.size > 0) {
    out.push('## Since last time', '');
    for (const r of state.reviews.values()) out.push(reviewLine(r, ctx.rep));
    out.push('');
  }

  if (actions.length > 0) {
    out.push('## Actions', '');
    for (const a of actions) out.push(actionLine(a, ctx.rep, opts.outcomes?.get(a.id)));
    out.push('');
  }

  let currentStage = -1;
  for (const step of steps) {
    if (step.stageIndex !== currentStage) {
      currentStage = step.stageIndex;
      const letter = step.stage.letter ?? step.stage.title.charAt(0).toUpperCase();
      out.push(`## ${inline(letter)} · ${inline(step.stage.title)}`, '');
    }
    out.push(`### ${inline(fill(step.question.text, ctx, state.answers))}`, '');
    out.push(...answerBlock(step, state), '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function answerBlock(step: Step, state: SessionState): string[] {
  const id = step.question.id;
  if (state.skipped.has(id)) return ['*Skipped.*'];
  const value = state.answers.get(id);
  if (value === undefined) return ['*Not answered yet.*'];
  return formatAnswer(step.question, value, state.start.rep.name);
}

export function formatAnswer(q: Question, value: AnswerValue, rep: string): string[] {
  if (typeof value === 'boolean') return [value ? 'Yes' : 'No'];
  if (typeof value === 'number') {
    if (q.type === 'scale') {
      const label = q.labels?.[String(value)];
      return [`${value} / ${q.max ?? 10}${label ? ` (${inline(label)})` : ''}`];
    }
    return [String(value)];
  }
  if (typeof value === 'string') {
    if (q.type === 'choice') return [inline(labelFor(q, value))];
    return block(value);
  }
  if (value.length === 0) return ['*None.*'];
  if (q.type === 'actions') return (value as ActionItem[]).map((a) => actionLine(a, rep));
  return (value as string[]).map((v) => `- ${inline(labelFor(q, v))}`);
}

function labelFor(q: Question, value: string): string {
  const opt = q.options?.find((o) => optionValue(o) === value);
  return opt ? optionLabel(opt) : value;
}

export function actionLine(a: ActionItem, rep: string, outcomes?: readonly CommitmentOutcome[]): string {
  const owner = a.owner === 'rep' ? rep : a.owner === 'both' ? `${rep} and manager` : 'manager';
  const last = outcomes?.[outcomes.length - 1];
  const history = outcomes?.length ? ` · ${outcomes.map((o) => `${OUTCOME_LABELS[o.outcome]} (${o.at.slice(0, 10)})`).join(', ')}` : '';
  return `- [${last?.outcome === 'done' ? 'x' : ' '}] ${inline(a.what)} — ${inline(owner)}${a.due ? `, due ${a.due}` : ''}${history}`;
}

/** A commitment from an earlier session and how it went, for "Since last time". */
export function reviewLine(r: ReviewEntry, rep: string): string {
  const owner = r.item.owner === 'rep' ? rep : r.item.owner === 'both' ? `${rep} and manager` : 'manager';
  const due = r.item.due ? `, due ${r.item.due}` : '';
  const learned = r.learned ? ` Learned: ${inline(r.learned)}` : '';
  return `- [${r.outcome === 'done' ? 'x' : ' '}] ${inline(r.item.what)} — ${inline(owner)}${due} (agreed ${r.agreed.slice(0, 10)}): **${OUTCOME_LABELS[r.outcome]}**.${learned}`;
}

// ---------------------------------------------------------------------------
// Front matter

/**
 * Text the yaml library writes as a plain scalar, recognised cheaply: starts
 * with a letter, holds only letters, digits, single spaces and a few marks,
 * and is not a YAML keyword. Anything else goes through the library.
 */
const PLAIN = /^\p{L}[\p{L}\p{N}.,'&()/_-]*(?: [\p{L}\p{N}.,'&()/_-]+)*$/u;
const PLAIN_FORMS = /^(?:\d{4}-\d{2}-\d{2}|\d{8}-\d{4}-[a-z0-9]{4}|\d+(?:\.\d+){2,})$/;
const KEYWORD = /^(?:true|false|null)$/i;

function plainScalar(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  return (PLAIN.test(v) && !KEYWORD.test(v)) || PLAIN_FORMS.test(v) ? v : undefined;
}

/**
 * The note's front matter, exactly as `stringify(front, { lineWidth: 0 })`
 * writes it, with the common values written directly: building a YAML
 * document for each of 10,000 exported notes took most of the export's time.
 */
export function frontMatter(front: Record<string, unknown>): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(front)) {
    if (value === undefined) continue;
    const plain = /^[a-z_]+$/.test(key) ? plainScalar(value) : undefined;
    const items = Array.isArray(value) && value.length > 0 && /^[a-z_]+$/.test(key) ? value.map(plainScalar) : undefined;
    if (plain !== undefined) lines.push(`${key}: ${plain}`);
    else if (items && items.every((i) => i !== undefined)) lines.push(`${key}:`, ...items.map((i) => `  - ${i}`));
    else lines.push(stringify({ [key]: value }, { lineWidth: 0 }).replace(/\n$/, ''));
  }
  return lines.join('\n').trimEnd();
}

// ---------------------------------------------------------------------------
// Escaping

/** Characters that start markdown inline structure, escaped wherever they occur. */
const INLINE_SPECIAL = /[\\`*_[\]<>#|~&!]/g;

/**
 * One line of user text, safe anywhere inline: backslash-escapes every
 * character that could start markup, and folds line breaks into spaces.
 */
export function inline(text: string): string {
  return escapeLine(text.replace(/[\r\n]+/g, ' ').trim());
}

function escapeLine(line: string): string {
  const escaped = stripControls(line).replace(INLINE_SPECIAL, (c) => `\\${c}`);
  // Block starters that are only special at the start of a line.
  return escaped
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Multi-line user text as paragraphs: each line escaped, leading indentation
 * dropped (it would make a code block), single line breaks kept as hard breaks.
 */
export function block(text: string): string[] {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => escapeLine(l.trim()))
        .filter((l) => l !== ''),
    )
    .filter((p) => p.length > 0);
  if (paragraphs.length === 0) return ['*(empty)*'];
  const out: string[] = [];
  for (const p of paragraphs) {
    if (out.length) out.push('');
    // A trailing backslash is a CommonMark hard line break.
    out.push(...p.map((l, i) => (i < p.length - 1 ? `${l}\\` : l)));
  }
  return out;
}

/** Control characters (other than tab) have no place in a note. */
function stripControls(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}
