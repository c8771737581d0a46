/**
 * The terminal face of a run: the only module that imports the prompt library.
 * Implements the Prompter that session/run.ts drives.
 */
import { checkbox, confirm, input, password, select, Separator } from '@inquirer/prompts';
import { Chalk, type ChalkInstance } from 'chalk';
import { labelOf, optionLabel, optionValue, OWNERS, type ActionItem, type AnswerValue, type Owner } from '../playbook/model.ts';
import type { Question } from '../playbook/schema.ts';
import { markFindings } from '../rescue/format.ts';
import type { OwnershipAnswer, OwnershipRequest } from '../rescue/ledger.ts';
import { checkNumber, parseDue, scaleBounds } from '../session/answers.ts';
import type { AskRequest, AskResult, Prompter, StageInfo } from '../session/run.ts';
import { answerToText } from '../playbook/placeholders.ts';
import { oneLine, safeText } from '../util/term.ts';
import { multiline } from './multiline.ts';

const BACK = '\u0000back';
const SKIP = '\u0000skip';

export interface TerminalOptions {
  colorLevel: 0 | 1 | 2 | 3;
  output?: NodeJS.WritableStream;
  now: () => Date;
  newActionId: () => string;
}

export function createTerminalPrompter(opts: TerminalOptions): Prompter {
  const c = new Chalk({ level: opts.colorLevel });
  const out = opts.output ?? process.stdout;
  const print = (s = '') => out.write(s + '\n');

  return {
    stage(info: StageInfo) {
      const title = `${info.letter} · ${safeText(info.stage.title)}`;
      print();
      print(c.bold.cyan(`━━ Stage ${info.index}/${info.count}  ${title} `) + c.cyan('━'.repeat(Math.max(3, 50 - title.length))));
      print(`${c.bold('Goal:')} ${safeText(info.goal)}`);
      if (info.tip) print(`${c.yellow.bold('Tip:')}  ${c.yellow(safeText(info.tip))}`);
      print();
    },
    ask: (req) => ask(req, c, opts),
    recap(items) {
      if (items.length === 0) return;
      print(c.bold('Answered so far:'));
      for (const item of items) print(`  ${c.dim('•')} ${safeText(item.text)} ${c.dim('→')} ${safeText(item.answer)}`);
    },
    actionSummary(actions, rep) {
      print();
      print(c.bold('Action plan'));
      if (actions.length === 0) {
        print(c.dim('  No actions were recorded.'));
        return;
      }
      for (const a of actions) print(`  ${actionText(a, rep, c)}`);
    },
    message(text) {
      print(safeText(text));
    },
    ownership: (req) => askOwnership(req, c, print),
  };
}

/** Issue 5: an action the manager took on looks like a rescue; hand it back, keep it as support, or say why. */
async function askOwnership(req: OwnershipRequest, c: ChalkInstance, print: (s?: string) => void): Promise<OwnershipAnswer> {
  const { item, rep } = req;
  const name = safeText(rep);
  print();
  print(c.bold.magenta(`━━ Possible rescue ${req.index}/${req.count} `) + c.magenta('━'.repeat(30)));
  print(`  “${markFindings(item.action.what, item.findings, (w) => c.bold.underline(w))}” ${c.dim('— yours')}`);
  for (const f of item.findings) {
    print(`  ${c.bold(safeText(f.title))}: ${safeText(f.reason)}`);
    print(`  ${c.green('Instead:')} ${safeText(f.alternative)}`);
  }
  const choice = await select<'hand-back' | 'support' | 'rescue'>({
    message: 'What do you want to do with it?',
    choices: [
      { name: `Hand it back to ${name}: “${safeText(item.suggestion)}”`, value: 'hand-back' },
      { name: 'Keep it as support (an approval, an introduction, a resource)', value: 'support' },
      { name: 'Keep it as a deliberate rescue, and say why', value: 'rescue' },
    ],
    default: 'hand-back',
    loop: false,
  });
  if (choice === 'support') return { choice };
  if (choice === 'hand-back') {
    const what = await input({
      message: `${name}’s action (Tab to edit):`,
      default: item.suggestion,
      validate: (v) => (v.trim() === '' ? 'Describe the action.' : true),
    });
    return { choice, what: what.trim() };
  }
  const reason = await input({
    message: 'Why is this one worth rescuing? (e.g. a strategic account at risk)',
    validate: (v) => (v.trim() === '' ? 'A word or two, for your own record.' : true),
  });
  return { choice, reason: reason.trim() };
}

/** `[2/5 · 3/4]`: stage and question position, always on screen. */
function progressTag(req: AskRequest, c: ChalkInstance): string {
  const p = req.progress;
  return c.dim(`[${p.stage}/${p.stages} · ${p.question}/${p.questions}]`);
}

function hintFor(req: AskRequest, c: ChalkInstance): string {
  const parts: string[] = [];
  if (req.canGoBack) parts.push('/back');
  if (!req.question.required) parts.push('/skip');
  return parts.length ? c.dim(` (${parts.join(' · ')})`) : '';
}

/** The question on its first line; help and any detail (a scale's range) on lines below it. */
function messageFor(req: AskRequest, c: ChalkInstance, detail?: string): string {
  const below = [detail, req.help && safeText(req.help)].filter(Boolean).map((l) => `\n  ${c.dim(l)}`);
  return `${progressTag(req, c)} ${safeText(req.text)}${hintFor(req, c)}${below.join('')}`;
}

function command(text: string, req: AskRequest): AskResult | undefined {
  const t = text.trim().toLowerCase();
  if (t === '/back' && req.canGoBack) return { kind: 'back' };
  if (t === '/skip' && !req.question.required) return { kind: 'skip' };
  return undefined;
}

function commandError(text: string, req: AskRequest): string | undefined {
  const t = text.trim().toLowerCase();
  if (t === '/back' && !req.canGoBack) return 'This is the first question.';
  if (t === '/skip' && req.question.required) return 'This question needs an answer.';
  return undefined;
}

/**
 * Once answered, a question shows its first line only, so the answer sits next
 * to the question rather than after its help text.
 */
function themeFor(c: ChalkInstance) {
  return { style: { message: (text: string, status: string) => c.bold(status === 'done' ? (text.split('\n')[0] ?? text) : text) } };
}

async function ask(req: AskRequest, c: ChalkInstance, opts: TerminalOptions): Promise<AskResult> {
  const q = req.question;
  const message = messageFor(req, c);
  const theme = themeFor(c);
  switch (q.type) {
    case 'text': {
      const text = await input({
        theme,
        message,
        default: typeof req.initial === 'string' ? safeText(req.initial) : undefined,
        validate: (v) => commandError(v, req) ?? (q.required && v.trim() === '' ? 'This question needs an answer.' : true),
      });
      return command(text, req) ?? (text.trim() === '' ? { kind: 'skip' } : { kind: 'answer', value: text.trim() });
    }
    case 'long-text': {
      const text = await multiline({
        theme,
        message,
        default: typeof req.initial === 'string' ? safeText(req.initial) : undefined,
        required: q.required,
        hint: `  ${'Enter for a new line; an empty line finishes.'}${req.initial ? ' Tab edits the current answer.' : ''}`,
      });
      const cmd = command(text, req);
      if (cmd) return cmd;
      return text.trim() === '' ? { kind: 'skip' } : { kind: 'answer', value: text };
    }
    case 'number':
    case 'scale': {
      const { min, max } = scaleBounds(q);
      const labels = q.type === 'scale' && q.labels ? Object.entries(q.labels).map(([k, v]) => `${k} = ${safeText(v)}`).join(', ') : '';
      const range = q.type === 'scale' ? `${min} to ${max}${labels ? ` (${labels})` : ''}` : undefined;
      const text = await input({
        theme,
        message: messageFor(req, c, range),
        default: typeof req.initial === 'number' ? String(req.initial) : undefined,
        validate: (v) => {
          if (command(v, req)) return true;
          const err = commandError(v, req);
          if (err) return err;
          if (v.trim() === '') return q.required ? 'This question needs an answer.' : true;
          const r = checkNumber(q, v);
          return r.ok ? true : r.message;
        },
      });
      const cmd = command(text, req);
      if (cmd) return cmd;
      if (text.trim() === '') return { kind: 'skip' };
      return { kind: 'answer', value: Number(text.trim()) };
    }
    case 'yes-no':
    case 'choice': {
      const choices =
        q.type === 'yes-no'
          ? [
              { name: 'Yes', value: 'yes' },
              { name: 'No', value: 'no' },
            ]
          : (q.options ?? []).map((o) => ({
              name: safeText(optionLabel(o)),
              value: optionValue(o),
              description: typeof o === 'object' && o.help ? safeText(o.help) : undefined,
            }));
      const initial = q.type === 'yes-no' ? (req.initial === true ? 'yes' : req.initial === false ? 'no' : undefined) : req.initial;
      const value = await select<string>({
        theme,
        message,
        choices: [...choices, ...navChoices(req)],
        default: typeof initial === 'string' ? initial : undefined,
        loop: false,
      });
      if (value === BACK) return { kind: 'back' };
      if (value === SKIP) return { kind: 'skip' };
      return { kind: 'answer', value: q.type === 'yes-no' ? value === 'yes' : value };
    }
    case 'multi-choice': {
      const chosen = Array.isArray(req.initial) ? (req.initial as string[]) : [];
      const values = await checkbox<string>({
        theme,
        message,
        choices: [
          ...(q.options ?? []).map((o) => ({ name: safeText(optionLabel(o)), value: optionValue(o), checked: chosen.includes(optionValue(o)) })),
          ...navChoices(req),
        ],
        loop: false,
        validate: (items) => {
          const picked = items.map((i) => i.value);
          if ((picked.includes(BACK) || picked.includes(SKIP)) && picked.length > 1) return 'Choose answers, or back/skip alone.';
          if (picked.length === 0 && q.required) return 'Choose at least one (space to select).';
          return true;
        },
      });
      if (values.includes(BACK)) return { kind: 'back' };
      if (values.includes(SKIP) || values.length === 0) return { kind: 'skip' };
      return { kind: 'answer', value: values };
    }
    case 'actions':
      return askActions(req, c, opts);
  }
}

function navChoices(req: AskRequest) {
  const nav: Array<Separator | { name: string; value: string }> = [];
  if (req.canGoBack || !req.question.required) nav.push(new Separator());
  if (req.canGoBack) nav.push({ name: '↩ Back to the previous question', value: BACK });
  if (!req.question.required) nav.push({ name: 'Skip this question', value: SKIP });
  return nav;
}

const OWNER_NAMES: Record<Owner, string> = { rep: 'The rep', manager: 'Me (the manager)', both: 'Both of us' };

/** One action for the terminal: `☐ what — owner, due date`. */
function actionText(a: ActionItem, rep: string, c: ChalkInstance): string {
  const owner = a.owner === 'rep' ? rep : a.owner === 'both' ? `${rep} + you` : 'you';
  return `${c.dim('☐')} ${safeText(a.what)} ${c.dim('—')} ${safeText(owner)}${a.due ? c.dim(`, due ${a.due}`) : ''}`;
}

/** An action list: what, owner, due date, "add another?"; each item saved as it is entered. */
async function askActions(req: AskRequest, c: ChalkInstance, opts: TerminalOptions): Promise<AskResult> {
  const items: ActionItem[] = Array.isArray(req.initial) ? [...(req.initial as ActionItem[])] : [];
  const print = (s: string) => (opts.output ?? process.stdout).write(s + '\n');
  print(messageFor(req, c));
  if (items.length > 0) {
    print(c.dim('  Actions so far:'));
    for (const a of items) print(`   ${actionText(a, 'the rep', c)}`);
  }
  for (;;) {
    if (items.length > 0) {
      const more = await confirm({ message: 'Add another action?', default: false });
      if (!more) return { kind: 'answer', value: items };
    }
    const n = items.length + 1;
    const what = await input({
      message: `  Action ${n}: what will be done?${items.length === 0 ? hintFor(req, c) : ''}`,
      validate: (v) => {
        if (items.length === 0 && command(v, req)) return true;
        const err = items.length === 0 ? commandError(v, req) : undefined;
        if (err) return err;
        if (v.trim() === '' && items.length === 0 && req.question.required) return 'Describe at least one action.';
        return true;
      },
    });
    if (items.length === 0) {
      const cmd = command(what, req);
      if (cmd) return cmd;
      if (what.trim() === '') return { kind: 'skip' };
    } else if (what.trim() === '') {
      return { kind: 'answer', value: items };
    }
    const owner = await select<Owner>({
      message: '  Who owns it?',
      choices: OWNERS.map((o) => ({ name: OWNER_NAMES[o], value: o })),
      default: 'rep',
    });
    const dueText = await input({
      message: '  Due (e.g. friday, +3d, 2026-12-01; empty for none):',
      validate: (v) => {
        const r = parseDue(v, opts.now());
        return r.ok ? true : r.message;
      },
    });
    const due = parseDue(dueText, opts.now());
    const item: ActionItem = { id: opts.newActionId(), what: what.trim(), owner, ...(due.ok && due.value ? { due: due.value } : {}) };
    items.push(item);
    await req.savePartial?.(items);
  }
}

/** A single required line of text, outside a session (e.g. the rep's name). */
export async function askText(message: string): Promise<string> {
  const value = await input({ message, validate: (v) => (v.trim() === '' ? 'Please type a name.' : true) });
  return value.trim();
}

/** A line that may be left empty (e.g. a folder to save to); shown on `output`. */
export async function askLine(message: string, output: NodeJS.WritableStream = process.stdout): Promise<string> {
  const value = await input({ message }, { output });
  return value.trim();
}

/**
 * A passphrase, typed without echo, on standard error so standard output stays
 * clean for --json. With `confirm` it is asked twice and must match.
 */
export async function askPassphrase(message: string, confirmIt: boolean, minLength = 0): Promise<string> {
  const output = process.stderr;
  for (;;) {
    const first = await password(
      { message, mask: false, validate: (v) => (v.length === 0 ? 'Type a passphrase.' : v.length < minLength ? `Use at least ${minLength} characters.` : true) },
      { output },
    );
    if (!confirmIt) return first;
    const again = await password({ message: 'Type it again:', mask: false }, { output });
    if (again === first) return first;
    output.write('The two passphrases differ; try again.\n');
  }
}

/** One line of an answer for the resume recap. */
export function describeAnswer(q: Question, v: AnswerValue): string {
  if (q.type === 'actions' && Array.isArray(v)) return `${v.length} action${v.length === 1 ? '' : 's'}`;
  const label = (value: string) => labelOf(q, value);
  const text =
    typeof v === 'boolean'
      ? v ? 'Yes' : 'No'
      : typeof v === 'number' && q.type === 'scale'
        ? `${v} / ${q.max ?? 10}`
        : typeof v === 'string' && q.type === 'choice'
          ? label(v)
          : Array.isArray(v) && q.type === 'multi-choice'
            ? (v as string[]).map(label).join(', ')
            : answerToText(v);
  // Plain text for the terminal: escape sequences gone, one line.
  const line = oneLine(text);
  return line.length > 70 ? line.slice(0, 67) + '…' : line;
}

/** A yes/no question outside a session, on `output` (standard error keeps standard output clean). */
export async function askConfirm(message: string, defaultValue: boolean, output: NodeJS.WritableStream = process.stdout): Promise<boolean> {
  return confirm({ message, default: defaultValue }, { output });
}
