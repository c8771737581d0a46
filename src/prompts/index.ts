/**
 * The terminal face of a run: the only module that imports the prompt library.
 * Implements the Prompter that run/questions.ts drives.
 */
import { checkbox, confirm, input, password, search, select, Separator } from '@inquirer/prompts';
import { Chalk, type ChalkInstance } from 'chalk';
import { labelOf, optionLabel, optionValue, ownerLabel, OWNERS, type ActionItem, type AnswerValue, type Owner, type OwnerNames } from '../playbook/model.ts';
import type { Question } from '../playbook/schema.ts';
import { markFindings } from '../rescue/format.ts';
import type { OwnershipAnswer, OwnershipRequest } from '../mirror/ledger.ts';
import { checkNumber, isPastDue, parseDue, scaleBounds, type DueParse } from '../model/answers.ts';
import type { AskRequest, AskResult, Prompter, ReviewAskRequest, StageInfo } from '../run/questions.ts';
import { answerToText } from '../playbook/placeholders.ts';
import { formatDue } from '../util/dates.ts';
import { repChoices, type NamedRep, type RepPick } from '../util/names.ts';
import { oneLine, safeText } from '../util/term.ts';
import { guarded, type PromptIO } from './io.ts';
import { BACK_COMMAND, multiline, SKIP_COMMAND } from './multiline.ts';

const BACK = '\u0000back';
const SKIP = '\u0000skip';

export interface TerminalOptions {
  colorLevel: 0 | 1 | 2 | 3;
  output?: NodeJS.WritableStream;
  /** Where keys come from (default stdin); tests pass a stream. */
  input?: NodeJS.ReadableStream;
  now: () => Date;
  newActionId: () => string;
  /** The session's rep and manager, for the owners of actions (ownerLabel). */
  names?: OwnerNames | undefined;
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
      for (const a of actions) print(`  ${actionText(a, { rep, manager: opts.names?.manager }, c)}`);
    },
    message(text) {
      print(safeText(text));
    },
    ownership: (req) => askOwnership(req, c, print, { input: opts.input, output: opts.output }),
    askReview: (req) => askReview(req, c, { input: opts.input, output: opts.output }),
  };
}

/**
 * Issue 10: a question of the commitment review, under the review's own counter
 * ("Last time's commitments · 1 of 3") rather than a stage's `[2/5 · 3/4]`.
 */
async function askReview(req: ReviewAskRequest, c: ChalkInstance, io: PromptIO): Promise<AskResult> {
  const q = req.question;
  const tag = c.magenta(`${safeText(req.counter)} ›`);
  const help = req.help ? `\n  ${c.dim(safeText(req.help))}` : '';
  const theme = themeFor(c);
  if (q.type === 'choice') {
    const value = await guarded(io, (ctx) =>
      select<string>(
        {
          theme,
          message: `${tag} ${safeText(req.text)}${req.canGoBack ? c.dim(' (/back)') : ''}${help}`,
          choices: [
            ...(q.options ?? []).map((o) => ({ name: safeText(optionLabel(o)), value: optionValue(o) })),
            ...(req.canGoBack ? [new Separator(), { name: '↩ Back to the previous commitment', value: BACK }] : []),
          ],
          ...(typeof req.initial === 'string' ? { default: req.initial } : {}),
          loop: false,
        },
        ctx,
      ),
    );
    return value === BACK ? { kind: 'back' } : { kind: 'answer', value };
  }
  const hints = [req.canGoBack ? '/back' : '', q.required ? '' : '/skip'].filter(Boolean);
  const text = await guarded(io, (ctx) =>
    input(
      {
        theme,
        message: `${tag} ${safeText(req.text)}${hints.length ? c.dim(` (${hints.join(' · ')})`) : ''}${help}`,
        default: typeof req.initial === 'string' ? safeText(req.initial) : undefined,
        validate: (v) => (q.required && v.trim() === '' ? 'This question needs an answer.' : true),
      },
      ctx,
    ),
  );
  const t = text.trim();
  if (t.toLowerCase() === '/back' && req.canGoBack) return { kind: 'back' };
  if (t === '' || (t.toLowerCase() === '/skip' && !q.required)) return { kind: 'skip' };
  return { kind: 'answer', value: t };
}

/** Issue 5: an action the manager took on looks like a rescue; hand it back, keep it as support, or say why. */
async function askOwnership(req: OwnershipRequest, c: ChalkInstance, print: (s?: string) => void, io: PromptIO): Promise<OwnershipAnswer> {
  const { item, rep } = req;
  const name = safeText(rep);
  print();
  print(c.bold.magenta(`━━ Possible rescue ${req.index}/${req.count} `) + c.magenta('━'.repeat(30)));
  print(`  “${markFindings(item.action.what, item.findings, (w) => c.bold.underline(w))}” ${c.dim('— yours')}`);
  for (const f of item.findings) {
    print(`  ${c.bold(safeText(f.title))}: ${safeText(f.reason)}`);
    print(`  ${c.green('Instead:')} ${safeText(f.alternative)}`);
  }
  const choice = await guarded(io, (ctx) => select<'hand-back' | 'support' | 'rescue'>({
    message: 'What do you want to do with it?',
    choices: [
      { name: `Hand it back to ${name}: “${safeText(item.suggestion)}”`, value: 'hand-back' },
      { name: 'Keep it as support (an approval, an introduction, a resource)', value: 'support' },
      { name: 'Keep it as a deliberate rescue, and say why', value: 'rescue' },
    ],
    default: 'hand-back',
    loop: false,
  }, ctx));
  if (choice === 'support') return { choice };
  if (choice === 'hand-back') {
    const what = await guarded(io, (ctx) => input({
      message: `${name}’s action (Tab to edit):`,
      default: item.suggestion,
      validate: (v) => (v.trim() === '' ? 'Describe the action.' : true),
    }, ctx));
    return { choice, what: what.trim() };
  }
  const reason = await guarded(io, (ctx) => input({
    message: 'Why is this one worth rescuing? (e.g. a strategic account at risk)',
    validate: (v) => (v.trim() === '' ? 'A word or two, for your own record.' : true),
  }, ctx));
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

/** Once answered, a one-line prompt shows "(skipped)" or "(back)" rather than the command typed (issue 10). */
function shownAs(req: AskRequest, c: ChalkInstance) {
  return (value: string, { isFinal }: { isFinal: boolean }) => {
    if (!isFinal) return value;
    const cmd = command(value, req);
    if (cmd?.kind === 'back') return c.dim('(back)');
    if (cmd?.kind === 'skip' || value.trim() === '') return c.dim('(skipped)');
    return c.cyan(value);
  };
}

async function ask(req: AskRequest, c: ChalkInstance, opts: TerminalOptions): Promise<AskResult> {
  const q = req.question;
  const message = messageFor(req, c);
  const theme = themeFor(c);
  const io: PromptIO = { input: opts.input, output: opts.output };
  switch (q.type) {
    case 'text': {
      const text = await guarded(io, (ctx) => input({
        theme,
        message,
        default: typeof req.initial === 'string' ? safeText(req.initial) : undefined,
        validate: (v) => commandError(v, req) ?? (q.required && v.trim() === '' ? 'This question needs an answer.' : true),
        transformer: shownAs(req, c),
      }, ctx));
      return command(text, req) ?? (text.trim() === '' ? { kind: 'skip' } : { kind: 'answer', value: text.trim() });
    }
    case 'long-text': {
      const hint = [
        'Enter for a new line; an empty line finishes; ↑ ↓ move between lines.',
        req.initial ? 'Tab brings back the current answer to edit.' : '',
        req.canGoBack || !q.required ? '/back or /skip alone on a line acts at once (it asks before dropping other lines typed).' : '',
      ].filter(Boolean).join(' ');
      const text = await guarded(io, (ctx) => multiline({
        theme,
        message,
        default: typeof req.initial === 'string' ? safeText(req.initial) : undefined,
        required: q.required,
        commands: { back: req.canGoBack ? true : 'This is the first question.', skip: q.required ? 'This question needs an answer.' : true },
        hint: `  ${hint}`,
      }, ctx));
      if (text === BACK_COMMAND) return { kind: 'back' };
      if (text === SKIP_COMMAND) return { kind: 'skip' };
      return text.trim() === '' ? { kind: 'skip' } : { kind: 'answer', value: text };
    }
    case 'number':
    case 'scale': {
      const { min, max } = scaleBounds(q);
      const labels = q.type === 'scale' && q.labels ? Object.entries(q.labels).map(([k, v]) => `${k} = ${safeText(v)}`).join(', ') : '';
      const range = q.type === 'scale' ? `${min} to ${max}${labels ? ` (${labels})` : ''}` : undefined;
      const text = await guarded(io, (ctx) => input({
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
        transformer: shownAs(req, c),
      }, ctx));
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
      const value = await guarded(io, (ctx) => select<string>({
        theme,
        message,
        choices: [...choices, ...navChoices(req)],
        ...(typeof initial === 'string' ? { default: initial } : {}),
        loop: false,
      }, ctx));
      if (value === BACK) return { kind: 'back' };
      if (value === SKIP) return { kind: 'skip' };
      return { kind: 'answer', value: q.type === 'yes-no' ? value === 'yes' : value };
    }
    case 'multi-choice': {
      const chosen = Array.isArray(req.initial) ? (req.initial as string[]) : [];
      const values = await guarded(io, (ctx) => checkbox<string>({
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
      }, ctx));
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

/** The owner choices by name (ownerLabel): "Sam Lee", "Maria", "Sam Lee and Maria"; "You" without the manager's name. */
function ownerChoice(o: Owner, names: OwnerNames): string {
  const label = ownerLabel(o, names, 'terminal');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

function namesOf(opts: TerminalOptions): OwnerNames {
  return opts.names ?? { rep: 'the rep' };
}

/** One action for the terminal: `☐ what — owner, due date`. */
function actionText(a: ActionItem, names: OwnerNames, c: ChalkInstance): string {
  const owner = ownerLabel(a.owner, names, 'terminal');
  return `${c.dim('☐')} ${safeText(a.what)} ${c.dim('—')} ${safeText(owner)}${a.due ? c.dim(`, due ${a.due}`) : ''}`;
}

type ListStep = 'add' | 'edit' | 'remove' | 'done';

/**
 * An action list: what, owner, due date, then add another, edit one, remove one,
 * or done. Every change is saved through req.savePartial at once: the "what" as
 * soon as it is typed (owned by the rep until the owner is chosen), then again
 * with its owner and its due date (issue 15), so a kill loses nothing shown.
 */
async function askActions(req: AskRequest, c: ChalkInstance, opts: TerminalOptions): Promise<AskResult> {
  const items: ActionItem[] = Array.isArray(req.initial) ? [...(req.initial as ActionItem[])] : [];
  const io: PromptIO = { input: opts.input, output: opts.output };
  const print = (s: string) => (opts.output ?? process.stdout).write(s + '\n');
  const save = () => req.savePartial?.([...items]);
  const listItems = () => {
    print(c.dim('  Actions so far:'));
    items.forEach((a, i) => {
      print(`   ${c.dim(`${i + 1}.`)} ${actionText(a, namesOf(opts), c)}`);
    });
  };
  print(messageFor(req, c));
  if (items.length > 0) listItems();
  // An action cut off before its owner and due date (a Ctrl-C, a crash): those come first.
  for (const [i, item] of items.entries()) {
    if (!item.unfinished) continue;
    print(c.dim(`  Action ${i + 1} was cut off before its owner and due date: ${safeText(item.what)}`));
    await enterAction(items, i, item.what, save, io, opts, c, item);
  }
  for (;;) {
    if (items.length === 0) {
      const what = await guarded(io, (ctx) => input({
        message: `  Action 1: what will be done?${hintFor(req, c)}`,
        validate: (v) => {
          if (command(v, req)) return true;
          const err = commandError(v, req);
          if (err) return err;
          if (v.trim() === '' && req.question.required) return 'Describe at least one action.';
          return true;
        },
        transformer: shownAs(req, c),
      }, ctx));
      const cmd = command(what, req);
      if (cmd) return cmd;
      if (what.trim() === '') return { kind: 'skip' };
      await enterAction(items, items.length, what.trim(), save, io, opts, c);
      continue;
    }
    const step = await guarded(io, (ctx) => select<ListStep>({
      message: 'Add another action?',
      choices: [
        { name: 'Yes, add another', value: 'add' },
        { name: 'Edit one', value: 'edit' },
        { name: 'Remove one', value: 'remove' },
        { name: 'No, that is all', value: 'done' },
      ],
      default: 'done',
      loop: false,
    }, ctx));
    if (step === 'done') return { kind: 'answer', value: items };
    if (step === 'add') {
      const n = items.length + 1;
      const what = await guarded(io, (ctx) => input({ message: `  Action ${n}: what will be done? (empty to stop adding)` }, ctx));
      if (what.trim() === '') continue;
      await enterAction(items, items.length, what.trim(), save, io, opts, c);
      continue;
    }
    const which = await pickAction(items, step, io, c, namesOf(opts));
    if (which === undefined) continue;
    if (step === 'remove') {
      const [gone] = items.splice(which, 1);
      await save();
      if (gone) print(c.dim(`  Removed: ${safeText(gone.what)}`));
    } else {
      const old = items[which];
      if (!old) continue;
      const what = await guarded(io, (ctx) => input({
        message: `  Action ${which + 1}: what will be done? (Tab to edit)`,
        default: old.what,
        validate: (v) => (v.trim() === '' ? 'Describe the action (Remove one takes it off the list).' : true),
      }, ctx));
      await enterAction(items, which, what.trim(), save, io, opts, c, old);
    }
    if (items.length > 0) listItems();
  }
}

/** Put the action at `index` (a new one at the end), saving after its what, its owner and its due date. */
async function enterAction(
  items: ActionItem[],
  index: number,
  what: string,
  save: () => Promise<void> | undefined,
  io: PromptIO,
  opts: TerminalOptions,
  c: ChalkInstance,
  old?: ActionItem,
): Promise<void> {
  const put = async (item: ActionItem) => {
    items[index] = item;
    await save();
  };
  // Until its owner and due date are given it is marked unfinished, so a Ctrl-C here is asked again on resume.
  const base: ActionItem = old ? { ...old, what } : { id: opts.newActionId(), what, owner: 'rep', unfinished: true };
  await put(base);
  const owner = await guarded(io, (ctx) => select<Owner>({
    message: '  Who owns it?',
    choices: OWNERS.map((o) => ({ name: ownerChoice(o, namesOf(opts)), value: o })),
    default: old?.owner ?? 'rep',
  }, ctx));
  await put({ ...base, owner });
  const due = await askDue(io, opts.now, c, old?.due);
  const { due: _dropped, unfinished: _done, ...rest } = { ...base, owner };
  await put({ ...rest, ...(due ? { due } : {}) });
}

/** Which action to edit or remove; undefined to change nothing. */
async function pickAction(items: ActionItem[], step: 'edit' | 'remove', io: PromptIO, c: ChalkInstance, names: OwnerNames): Promise<number | undefined> {
  const index = await guarded(io, (ctx) => select<number>({
    message: step === 'edit' ? '  Which action do you want to edit?' : '  Which action do you want to remove?',
    choices: [
      ...items.map((a, i) => ({ name: `${i + 1}. ${oneLine(actionText(a, names, c))}`, value: i })),
      new Separator(),
      { name: '↩ None, keep the list as it is', value: -1 },
    ],
    loop: false,
  }, ctx));
  return index < 0 ? undefined : index;
}

/**
 * A due date, echoed as the date it means ("tuesday" shows as "Tue 8 Dec 2026");
 * a date in the past is kept only when the manager says so (issue 10).
 */
async function askDue(io: PromptIO, now: () => Date, c: ChalkInstance, initial?: string): Promise<string | undefined> {
  for (;;) {
    const parsed = new Map<string, DueParse>();
    const text = await guarded(io, (ctx) => input({
      message: '  Due (e.g. friday, next friday, dec 1, in 2 weeks, +3d, 2026-12-01; empty for none):',
      default: initial,
      validate: async (v) => {
        const r = await parseDue(v, now());
        parsed.set(v, r);
        return r.ok ? true : r.message;
      },
      transformer: (v, { isFinal }) => {
        if (!isFinal) return v;
        const r = parsed.get(v);
        return r?.ok ? (r.value ? c.cyan(formatDue(r.value)) : c.dim('(none)')) : v;
      },
    }, ctx));
    const r = parsed.get(text) ?? (await parseDue(text, now()));
    if (!r.ok) continue;
    if (r.value && isPastDue(r.value, now())) {
      const keep = await guarded(io, (ctx) => confirm({ message: `  ${formatDue(r.value ?? '')} is in the past. Keep that date?`, default: false }, ctx));
      if (!keep) continue;
    }
    return r.value;
  }
}

/** A single required line of text, outside a session (e.g. the rep's name). */
export async function askText(message: string): Promise<string> {
  const value = await guarded({}, (ctx) => input({ message, validate: (v) => (v.trim() === '' ? 'Please type a name.' : true) }, ctx));
  return value.trim();
}

/** A line that may be left empty (e.g. a folder to save to); shown on `output`. */
export async function askLine(message: string, output: NodeJS.WritableStream = process.stdout): Promise<string> {
  const value = await guarded({ output }, (ctx) => input({ message }, ctx));
  return value.trim();
}

/**
 * A passphrase, typed without echo, on standard error so standard output stays
 * clean for --json. With `confirm` it is asked twice and must match.
 */
export async function askPassphrase(message: string, confirmIt: boolean, minLength = 0): Promise<string> {
  const output = process.stderr;
  for (;;) {
    const first = await guarded({ output }, (ctx) =>
      password({ message, mask: false, validate: (v) => (v.length === 0 ? 'Type a passphrase.' : v.length < minLength ? `Use at least ${minLength} characters.` : true) }, ctx),
    );
    if (!confirmIt) return first;
    const again = await guarded({ output }, (ctx) => password({ message: 'Type it again:', mask: false }, ctx));
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

// ---------------------------------------------------------------------------
// Who the rep is, who the manager is (issue 10)

/**
 * "Who are you coaching today?" with the known reps to pick from (newest session
 * first; typing filters them) and the typed name offered as a new rep
 * (util/names.ts repChoices says what is listed).
 */
export async function askRep<T extends NamedRep & { last?: string | undefined }>(message: string, reps: readonly T[]): Promise<RepPick<T>> {
  return guarded({}, (ctx) =>
    search<RepPick<T>>(
      {
        message,
        source: (term) => repChoices(term, reps).map((c) => ({ ...c, name: safeText(c.name), ...(c.description ? { description: safeText(c.description) } : {}) })),
        pageSize: 8,
      },
      ctx,
    ),
  );
}

/** The manager's own name, asked once (then remembered in settings). */
export async function askManagerName(message: string): Promise<string> {
  const value = await guarded({}, (ctx) =>
    input({ message, validate: (v) => (v.trim() === '' ? 'Please type your name (you can change it with `repcoach config set manager <name>`).' : true) }, ctx),
  );
  return value.trim();
}

/** A yes/no question, Enter for `defaultValue`; on `output` (standard error where standard output must stay clean). */
export async function askYesNo(message: string, defaultValue: boolean, output: NodeJS.WritableStream = process.stdout): Promise<boolean> {
  return guarded({ output }, (ctx) => confirm({ message: safeText(message), default: defaultValue }, ctx));
}

/**
 * "Did you mean Sam Lee?" for a typed name close to known reps: one of them,
 * or undefined for a new rep of that name.
 */
export async function askWhichRep<T extends NamedRep>(typed: string, candidates: readonly T[]): Promise<T | undefined> {
  const [only] = candidates;
  if (only && candidates.length === 1) return (await askYesNo(`Did you mean ${only.name}? (No: “${typed}” is a new rep)`, true)) ? only : undefined;
  const NEW = -1;
  const i = await guarded({}, (ctx) =>
    select<number>(
      {
        message: `“${safeText(typed)}” is close to ${candidates.length} reps you have coached. Who is it?`,
        choices: [...candidates.map((c, n) => ({ name: safeText(c.name), value: n })), { name: `A new rep: “${safeText(typed)}”`, value: NEW }],
        loop: false,
      },
      ctx,
    ),
  );
  return i === NEW ? undefined : candidates[i];
}
