/**
 * `repcoach run [playbook]` (and `repcoach` alone): start a coaching session,
 * interactively or from an answers file.
 */
import path from 'node:path';
import { UsageError, UserError } from '../errors.ts';
import { isAnswered } from '../playbook/conditions.ts';
import { DEFAULT_PLAYBOOK, readTextFile, resolvePlaybook, type LoadedPlaybook } from '../playbook/load.ts';
import { rescueSettings } from '../rescue/settings.ts';
import { checkAnswer } from '../session/answers.ts';
import { visibleSteps } from '../session/engine.ts';
import { foldJournal, type JournalEntry, type StartEntry } from '../session/journal.ts';
import { isWriteFailure, describeWriteFailure, unsavedAnswers, UnsavedAnswersError } from '../session/unsaved.ts';
import { runQuestions, type Between, type Prompter } from '../session/run.ts';
import { createSession, type SessionHandle } from '../session/store.ts';
import { commitmentsToReview, deriveCommitments, type Commitment } from '../session/commitments.ts';
import { openCommitments, type Rollup } from '../session/rollup.ts';
import { loadRollup, loadSummariesOfRep } from '../session/index.ts';
import { commitmentReview } from '../session/review.ts';
import { isoDate, localDay } from '../util/dates.ts';
import { commitIfEnabled } from '../note/git.ts';
import { safeText } from '../util/term.ts';
import { notesDir, openSettings, type Settings } from '../settings.ts';
import { cleanLeftovers } from '../util/cleanup.ts';
import { repSlug } from '../util/fs.ts';
import { println, type CommandContext } from './context.ts';

export interface RunOptions {
  playbook?: string | undefined;
  rep?: string | undefined;
  deal?: string | undefined;
  manager?: string | undefined;
  answers?: string | undefined;
  /** False with --no-input: never prompt. */
  input: boolean;
  notesDir?: string | undefined;
}

export async function run(ctx: CommandContext, opts: RunOptions): Promise<void> {
  const loaded = await resolvePlaybook(opts.playbook ?? DEFAULT_PLAYBOOK, ctx.paths, ctx.cwd, ctx.env);
  for (const s of loaded.skipped ?? []) {
    const errors = s.problems.filter((p) => p.severity === 'error').length;
    println(ctx.stderr, `warning: skipped ${s.file} (${s.source}): it is not a valid playbook (${errors} ${errors === 1 ? 'problem' : 'problems'}); using ${loaded.file} (${loaded.source}). See: repcoach playbook validate ${s.file}`);
  }
  const interactive = opts.input && ctx.stdinIsTTY && opts.answers === undefined;

  if (!interactive && opts.answers === undefined) {
    throw new UsageError(
      opts.input ? 'repcoach needs a terminal to ask questions, and standard input is not one.' : '--no-input needs --answers <file>.',
      'Run it in a terminal, or give the answers in a file: repcoach run <playbook> --rep <name> --answers answers.yaml --no-input',
    );
  }

  const settings = await openSettings(ctx.paths);
  await cleanLeftovers(ctx.paths, notesDir(settings, ctx.paths, opts.notesDir));
  if (opts.manager) await settings.set('manager', opts.manager.trim());

  let rep = opts.rep?.trim();
  if (!rep) {
    if (!interactive) throw new UsageError('Which rep is this session with? Give --rep <name>.');
    const { askText } = await import('../prompts/index.ts');
    rep = await askText('Who are you coaching today? (the rep’s name)');
  }

  // Looked up before the session exists: the index is then as the last run left it, so the
  // rep's name as known and open commitments come from its rollup without summarising anything.
  const known = await readRollup(ctx);
  rep = knownSpelling(rep, 'rollup' in known ? known.rollup.reps[repSlug(rep)]?.name : undefined);
  const start = startEntry(ctx, loaded, rep, opts.deal, settings.get('manager'));
  const toReview = openNow(known, start);
  if (opts.answers !== undefined) {
    await runFromAnswers(ctx, settings, opts, start);
    // Nobody to ask how they went: they stay open, and the next run in a terminal reviews them.
    const open = 'list' in toReview ? toReview.list.length : 0;
    if (open > 0) {
      println(ctx.stderr, `${open} open ${open === 1 ? 'commitment' : 'commitments'} with ${rep} not reviewed (an answers file has no one to ask); the next run in a terminal reviews ${open === 1 ? 'it' : 'them'}.`);
    }
    return;
  }
  const { createTerminalPrompter } = await import('../prompts/index.ts');
  const prompter = createTerminalPrompter({ colorLevel: ctx.color, output: ctx.stdout, now: ctx.now, newActionId: ctx.newId });
  const session = await createSession(ctx.paths, start, ctx.now());
  try {
    const first: JournalEntry = { type: 'start', v: 1, id: session.id, ...start };
    prompter.message(
      `Coaching ${rep} with “${loaded.playbook.title}”. Every answer is saved as you go.\n` +
        'Type /back to change the previous answer, /skip to skip an optional question; Ctrl-C pauses (continue with `repcoach resume`).',
    );
    await converse(ctx, settings, opts, session, [first], prompter, toReview);
  } finally {
    await session.close();
  }
}

/**
 * Ask the remaining questions, then finish and print where the note is.
 * `toReview`: the earlier commitments to review first, when already looked up (a new run).
 */
export async function converse(
  ctx: CommandContext,
  settings: Settings,
  opts: { notesDir?: string | undefined },
  session: SessionHandle,
  entries: JournalEntry[],
  prompter: Prompter,
  toReview?: ToReview,
): Promise<void> {
  const between = await reviewOfCommitments(ctx, entries, prompter, toReview);
  let result;
  try {
    result = await runQuestions({ session, entries, prompter, now: ctx.now, between });
  } catch (err) {
    if (!(err instanceof UnsavedAnswersError)) throw err;
    const { rescueUnsaved } = await import('./unsaved.ts');
    const { askLine } = await import('../prompts/index.ts');
    throw await rescueUnsaved(ctx, err, { ask: ctx.stdinIsTTY ? (m) => askLine(m, ctx.stderr) : undefined });
  }
  // Loaded only now: the note, the rescue check and their libraries are not needed to ask questions.
  const { finishSession } = await import('../session/finish.ts');
  const dir = notesDir(settings, ctx.paths, opts.notesDir);
  const { state, notePath } = await finishSession({
    session,
    entries: result.entries,
    notesDir: dir,
    prompter,
    now: ctx.now,
    rescue: rescueSettings(settings),
  }).catch((err: unknown) => {
    throw noteNotWritten(err, session.id);
  });
  prompter.message(`\nNote written: ${notePath}`);
  await commitNote(ctx, settings, dir, notePath, state.start);
  // Summarise the finished session now, while the rescue check is loaded anyway: otherwise the
  // next run would load it before its first question, to bring the index up to date.
  await loadRollup(ctx.paths).catch(() => undefined);
}

/** The commitments a session reviews, or why they could not be looked up. */
type ToReview = { list: Commitment[] } | { problem: string };

/** The index's rollup for a new run, or why it could not be read. */
async function readRollup(ctx: CommandContext): Promise<{ rollup: Rollup } | { problem: string }> {
  try {
    const { rollup, notices } = await loadRollup(ctx.paths);
    for (const n of notices) println(ctx.stderr, `warning: ${safeText(n)}`);
    return { rollup };
  } catch (err) {
    return { problem: (err as Error).message };
  }
}

/** A new session's commitments to review: the rep's open now. */
function openNow(known: { rollup: Rollup } | { problem: string }, start: Pick<StartEntry, 'rep' | 'at'>): ToReview {
  if (!('rollup' in known)) return known;
  return { list: openCommitments(known.rollup, start.rep.slug).filter((c) => c.agreed < start.at) };
}

/**
 * The rep's name as the manager has written it before, when `typed` differs from it
 * only in case or spacing ("dana ortiz" for "Dana Ortiz"); a new spelling otherwise
 * (a name corrected on purpose is the name from now on).
 */
export function knownSpelling(typed: string, known: string | undefined): string {
  const key = (name: string) => name.replace(/\s+/g, ' ').trim().toLowerCase();
  return known !== undefined && key(known) === key(typed) ? known : typed;
}

/** A resumed session's: outcomes it gave already do not close a commitment for it. */
async function commitmentsToReviewAgain(ctx: CommandContext, start: StartEntry): Promise<ToReview> {
  try {
    // A rep's commitments are reviewed in that rep's sessions alone (deriveCommitments): their summaries are enough.
    const { items, notices } = await loadSummariesOfRep(ctx.paths, start.rep.slug);
    for (const n of notices) println(ctx.stderr, `warning: ${safeText(n)}`);
    return { list: commitmentsToReview(deriveCommitments(items), start.rep.slug, start.at, start.id) };
  } catch (err) {
    return { problem: (err as Error).message };
  }
}

/** The review of the rep's open commitments from earlier sessions, when there are any. */
async function reviewOfCommitments(ctx: CommandContext, entries: JournalEntry[], prompter: Prompter, toReview?: ToReview): Promise<Between | undefined> {
  const start = entries[0];
  if (start?.type !== 'start') return undefined;
  const found = toReview ?? (entries.length === 1 ? openNow(await readRollup(ctx), start) : await commitmentsToReviewAgain(ctx, start));
  if ('problem' in found) {
    // Looking back must never stop a conversation from going ahead.
    prompter.message(`(Last time's commitments could not be loaded: ${found.problem})`);
    return undefined;
  }
  const list = found.list;
  if (list.length === 0) return undefined;
  return commitmentReview({ commitments: list, prompter, now: ctx.now, today: () => isoDate(ctx.now()) });
}

/** With `notes.git` on, commit the note just written. */
async function commitNote(ctx: CommandContext, settings: Settings, dir: string, notePath: string, start: StartEntry): Promise<void> {
  await commitIfEnabled(
    settings.get('notes.git'),
    dir,
    [notePath],
    `Coaching note: ${start.rep.name}, ${localDay(start.at)} (${start.playbook.id})`,
    (warning) => println(ctx.stderr, `warning: ${safeText(warning)}`),
    { env: ctx.env, author: start.manager },
  );
}

/** Every answer is in the journal by now; only the note (or the final entry) is missing. */
function noteNotWritten(err: unknown, id: string): unknown {
  if (!isWriteFailure(err)) return err;
  return new UserError(
    `The note could not be written: ${describeWriteFailure(err)}${(err as NodeJS.ErrnoException).path ? ` (${(err as NodeJS.ErrnoException).path})` : ''}. Every answer is saved in session ${id}.`,
    `Once the problem is fixed, run \`repcoach resume ${id}\` to write the note (in a script: \`repcoach resume ${id} --no-input\`).`,
  );
}

function startEntry(ctx: CommandContext, loaded: LoadedPlaybook, rep: string, deal: string | undefined, manager: string | undefined) {
  const start: Omit<StartEntry, 'id' | 'type' | 'v'> = {
    at: ctx.now().toISOString(),
    rep: { name: rep, slug: repSlug(rep) },
    playbook: {
      id: loaded.playbook.id,
      version: loaded.playbook.version,
      title: loaded.playbook.title,
      hash: loaded.hash,
      source: loaded.source,
      file: loaded.file,
    },
    snapshot: loaded.playbook,
  };
  if (deal?.trim()) start.deal = deal.trim();
  if (manager) start.manager = manager;
  return start;
}

/**
 * A whole session from an answers file: every given answer is checked and
 * journaled; missing required answers leave the session paused, with a list.
 */
async function runFromAnswers(ctx: CommandContext, settings: Settings, opts: RunOptions, start: Omit<StartEntry, 'id' | 'type' | 'v'>) {
  const file = path.resolve(ctx.cwd, opts.answers ?? '');
  const given = await readAnswersFile(file);
  const pb = start.snapshot;
  const known = new Map(pb.stages.flatMap((s) => s.questions.map((q) => [q.id, q] as const)));
  const unknown = Object.keys(given).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UserError(
      `${file}: ${unknown.map((id) => `"${id}"`).join(', ')} ${unknown.length === 1 ? 'is not a question' : 'are not questions'} in the playbook "${pb.id}".`,
      `The question ids are: ${[...known.keys()].join(', ')}.`,
    );
  }
  const checked = new Map<string, ReturnType<typeof checkAnswer>>();
  for (const [id, raw] of Object.entries(given)) {
    const q = known.get(id);
    if (q) checked.set(id, checkAnswer(q, raw, ctx.now(), ctx.newId));
  }
  const bad = [...checked].filter(([, r]) => !r.ok);
  if (bad.length > 0) {
    throw new UserError(`${file} has answers of the wrong form:\n${bad.map(([id, r]) => `  ${id}: ${r.ok ? '' : r.message}`).join('\n')}`);
  }

  const session = await createSession(ctx.paths, start, ctx.now());
  try {
    await recordAnswers(ctx, settings, opts, file, session, start, checked);
  } catch (err) {
    if (!(err instanceof UnsavedAnswersError)) throw err;
    // No one to ask for another folder: the answers are printed on standard error, as docs/data.md says.
    const { rescueUnsaved } = await import('./unsaved.ts');
    throw await rescueUnsaved(ctx, err, { ask: undefined });
  } finally {
    await session.close();
  }
}

/** Journal the checked answers in playbook order, then finish (or pause, listing what is missing). */
async function recordAnswers(
  ctx: CommandContext,
  settings: Settings,
  opts: RunOptions,
  file: string,
  session: SessionHandle,
  start: Omit<StartEntry, 'id' | 'type' | 'v'>,
  checked: Map<string, ReturnType<typeof checkAnswer>>,
) {
  const pb = start.snapshot;
  const entries: JournalEntry[] = [{ type: 'start', v: 1, id: session.id, ...start }];
  const record = async (e: JournalEntry) => {
    try {
      await session.append(e);
    } catch (err) {
      throw unsavedAnswers(err, session, [...entries, e]);
    }
    entries.push(e);
  };
  // Walk the questions in order, so conditions see earlier answers exactly as in a live run.
  const missing: string[] = [];
  for (let i = 0; ; i++) {
    const state = foldJournal(entries);
    const step = visibleSteps(pb, state.answers)[i];
    if (!step) break;
    const r = checked.get(step.question.id);
    // A blank text or an empty list is no answer, as at the prompt: a required question stays missing.
    if (r?.ok && isAnswered(r.value)) await record({ type: 'answer', at: ctx.now().toISOString(), question: step.question.id, value: r.value });
    else if (step.question.required) missing.push(step.question.id);
    else await record({ type: 'skip', at: ctx.now().toISOString(), question: step.question.id });
  }
  if (missing.length > 0) {
    await record({ type: 'pause', at: ctx.now().toISOString() });
    throw new UserError(
      `Missing required ${missing.length === 1 ? 'answer' : 'answers'}: ${missing.join(', ')}. The answers given are kept in the paused session ${session.id}.`,
      `Add them to ${path.basename(file)} and run again, or continue in a terminal: repcoach resume ${session.id}`,
    );
  }
  // Loaded only now: the note, the rescue check and their libraries are not needed to ask questions.
  const { finishSession } = await import('../session/finish.ts');
  const dir = notesDir(settings, ctx.paths, opts.notesDir);
  const { notePath } = await finishSession({ session, entries, notesDir: dir, now: ctx.now, rescue: rescueSettings(settings) }).catch((err: unknown) => {
    throw noteNotWritten(err, session.id);
  });
  println(ctx.stdout, notePath);
  await commitNote(ctx, settings, dir, notePath, entries[0] as StartEntry);
}

async function readAnswersFile(file: string): Promise<Record<string, unknown>> {
  const text = await readTextFile(file, 'answers file', 1024 * 1024);
  // JSON is YAML, so one safe parser reads both.
  const { parseYaml } = await import('../playbook/parse.ts');
  const { value } = parseYaml(text, file, 'answers file');
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(`${file} must be a map of question id to answer.`, 'For example:\n  goal: Leave with a plan for Acme\n  confidence: 7');
  }
  return value as Record<string, unknown>;
}
