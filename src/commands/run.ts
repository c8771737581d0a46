/**
 * `repcoach run [playbook]` (and `repcoach` alone): start a coaching session,
 * interactively or from an answers file.
 */
import path from 'node:path';
import { UsageError, UserError, ValidationError } from '../errors.ts';
import { isAnswered } from '../playbook/conditions.ts';
import { DEFAULT_PLAYBOOK, readTextFile, resolvePlaybook, type LoadedPlaybook } from '../playbook/load.ts';
import type { SourceDoc } from '../playbook/parse.ts';
import { rescueSettings } from '../rescue/settings.ts';
import { checkAnswer } from '../session/answers.ts';
import { visibleSteps } from '../session/engine.ts';
import { foldJournal, type JournalEntry, type StartEntry } from '../session/journal.ts';
import { isWriteFailure, describeWriteFailure, unsavedAnswers, UnsavedAnswersError } from '../session/unsaved.ts';
import { runQuestions, type Between, type Prompter } from '../session/run.ts';
import { createSession, type LoadedSession, type SessionHandle } from '../session/store.ts';
import { commitmentsToReview, deriveCommitments, type Commitment } from '../session/commitments.ts';
import { openCommitments, type Rollup } from '../session/rollup.ts';
import { loadRollup, loadSummariesOfRep } from '../session/index.ts';
import { commitmentReview } from '../session/review.ts';
import { isoDate, localDay } from '../util/dates.ts';
import { commitIfEnabled } from '../note/git.ts';
import { safeText } from '../util/term.ts';
import { notesDir, openSettings, type Settings } from '../settings.ts';
import { cleanLeftovers } from '../util/cleanup.ts';
import { repNameProblem, repSlug, slugify } from '../util/fs.ts';
import { matchRep } from '../util/names.ts';
import { println, type CommandContext } from './context.ts';

export interface RunOptions {
  playbook?: string | undefined;
  rep?: string | undefined;
  deal?: string | undefined;
  manager?: string | undefined;
  answers?: string | undefined;
  /** False with --no-input: never prompt. */
  input: boolean;
  /** --new-rep: the rep is new even when the name is close to a known rep's (issue 10). */
  newRep?: boolean | undefined;
  notesDir?: string | undefined;
  /** The agenda the rep sent back (prep --agenda): their topics open the session (issue 10). */
  agenda?: string | undefined;
}

export async function run(ctx: CommandContext, options: RunOptions): Promise<void> {
  const { opts, topics } = await withAgenda(ctx, options);
  if (opts.agenda !== undefined && topics.length === 0) println(ctx.stderr, `${opts.agenda} has no topics of the rep’s own under “Your topics”; going ahead without.`);
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
  await rememberManager(settings, opts, interactive);

  // Read once, before the rep is asked for: the reps to pick from, the rep's name as known, a
  // paused session to offer and the open commitments all come from the index's rollup, without
  // summarising anything (the index is as the last run left it).
  const known = await readRollup(ctx);
  const rep = await whoIsTheRep(opts, interactive, known, ctx.now(), (text) => println(ctx.stderr, text));
  if (interactive) {
    const paused = await pausedSessionOf(ctx, known, repSlug(rep));
    if (paused && (await offerResume(paused, rep, ctx.now()))) {
      // Exactly as `repcoach resume <id>`.
      const { resume } = await import('./resume.ts');
      await resume(ctx, { session: paused.id, notesDir: opts.notesDir });
      return;
    }
  }
  const start = startEntry(ctx, loaded, rep, opts.deal, settings.get('manager'));
  if (topics.length > 0) start.topics = topics;
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
  const prompter = createTerminalPrompter({ colorLevel: ctx.color, output: ctx.stdout, now: ctx.now, newActionId: ctx.newId, names: { rep, manager: start.manager } });
  const session = await createSession(ctx.paths, start, ctx.now());
  try {
    const first: JournalEntry = { type: 'start', v: 1, id: session.id, ...start };
    prompter.message(
      `Coaching ${rep} with “${loaded.playbook.title}”. Every answer is saved as you go.\n` +
        'Type /back to change the previous answer, /skip to skip an optional question; Ctrl-C or Ctrl-D pauses (continue with `repcoach resume`).',
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
  const { chainBetween, topicsAtStart } = await import('../session/topics.ts');
  const first = entries[0];
  const topics = first?.type === 'start' ? topicsAtStart(first.rep.name, first.topics, prompter) : undefined;
  const between = chainBetween(topics, await reviewOfCommitments(ctx, entries, prompter, toReview));
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

/**
 * `--agenda <file>`: the rep's topics from the agenda they sent back, and the rep,
 * playbook and deal it was written for as defaults. An agenda for another rep is
 * refused: their topics must not go into this rep's note.
 */
async function withAgenda(ctx: CommandContext, opts: RunOptions): Promise<{ opts: RunOptions; topics: string[] }> {
  if (opts.agenda === undefined) return { opts, topics: [] };
  const file = path.resolve(ctx.cwd, opts.agenda);
  const { AGENDA_MAX_BYTES, readReturnedAgenda } = await import('../note/topics.ts');
  const { existsSync } = await import('node:fs');
  if (!existsSync(file)) {
    throw new UserError(`No agenda at ${file}.`, 'Give the path of the agenda the rep sent back (written by `repcoach prep <rep> --agenda <file>`).');
  }
  const agenda = readReturnedAgenda(await readTextFile(file, 'agenda', AGENDA_MAX_BYTES), file);
  if (opts.rep?.trim() && agenda.rep && slugify(opts.rep, 'rep') !== slugify(agenda.rep, 'rep')) {
    throw new UsageError(
      `${file} is the agenda for ${agenda.rep}, not ${opts.rep.trim()}.`,
      `Coach ${agenda.rep} with it (leave out --rep), or give ${opts.rep.trim()}'s own agenda.`,
    );
  }
  return {
    opts: { ...opts, rep: opts.rep ?? agenda.rep, playbook: opts.playbook ?? agenda.playbook, deal: opts.deal ?? agenda.deal },
    topics: agenda.topics,
  };
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

/**
 * The manager's name, asked once (issue 10): on the first run in a terminal when
 * settings have none; `--manager` sets it any time. Remembered in settings.
 */
async function rememberManager(settings: Settings, opts: RunOptions, interactive: boolean): Promise<void> {
  const given = opts.manager?.trim();
  if (given) {
    if (given !== settings.get('manager')) await settings.set('manager', given);
    return;
  }
  if (!interactive || settings.get('manager')) return;
  const { askManagerName } = await import('../prompts/index.ts');
  const name = await askManagerName('Welcome to repcoach. What is your name? (actions in your notes will say it; asked this once)');
  await settings.set('manager', name);
}

/** A rep as the picker lists it. */
interface KnownRep {
  name: string;
  slug: string;
  last: string;
}

/** The reps coached, newest session first; a rep met only in the manager's self-checks is not one. */
function knownReps(rollup: Rollup, now: Date): KnownRep[] {
  const out = new Map<string, KnownRep>();
  for (const row of rollup.rows) {
    if (row.selfCheck || out.has(row.rep)) continue;
    out.set(row.rep, { name: rollup.reps[row.rep]?.name ?? row.rep, slug: row.rep, last: `last session ${dayText(row.started, now)}` });
  }
  return [...out.values()];
}

/**
 * Who the session is with (issue 10): `--rep`, or picked at the prompt. A name
 * with a known rep's slug is that rep (knownSpelling); a name close to a known
 * one (util/names.ts matchRep) is asked about in a terminal and, with no one to
 * ask, is an error unless `--new-rep` says it is new.
 */
async function whoIsTheRep(
  opts: RunOptions,
  interactive: boolean,
  known: { rollup: Rollup } | { problem: string },
  now: Date,
  say: (text: string) => void,
): Promise<string> {
  const rollup = 'rollup' in known ? known.rollup : undefined;
  const reps = rollup ? knownReps(rollup, now) : [];
  const asKnown = (name: string) => knownSpelling(name, rollup?.reps[slugify(name, 'rep')]?.name);
  const typed = opts.rep?.trim();
  if (!typed) {
    if (!interactive) throw new UsageError('Which rep is this session with? Give --rep <name>.');
    const { askRep, askText } = await import('../prompts/index.ts');
    for (;;) {
      let name: string;
      if (reps.length === 0) name = asKnown(await askText('Who are you coaching today? (the rep’s name)'));
      else {
        // The picker lists the close reps beside a new name, and the new name's line names them: choosing it is the answer.
        const pick = await askRep('Who are you coaching today? (type to filter, or a new name)', reps);
        name = 'rep' in pick ? pick.rep.name : asKnown(pick.typed);
      }
      // A name that cannot be filed ("...") is asked again, not the end of the run.
      const problem = repNameProblem(name);
      if (!problem) return name;
      say(`${problem} Type the rep's name.`);
    }
  }
  if (rollup?.reps[slugify(typed, 'rep')] || opts.newRep) return asKnown(typed);
  const match = matchRep(typed, reps);
  if (match.kind !== 'close') return typed;
  const candidates = match.candidates.map((c) => c.rep);
  if (!interactive) {
    const names = candidates.map((c) => c.name);
    throw new UsageError(
      `"${typed}" is close to ${names.length === 1 ? 'a rep' : 'reps'} you have coached: ${names.join(', ')}. With --no-input there is no one to ask which you mean.`,
      `Give the full name (--rep ${shellWord(names[0] ?? '')}), or add --new-rep to start with a new rep named "${typed}".`,
    );
  }
  const { askWhichRep } = await import('../prompts/index.ts');
  return (await askWhichRep(typed, candidates))?.name ?? typed;
}

/** A name as a shell word, for a hint to copy. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `"${s.replace(/["\\$`]/g, '\\$&')}"`;
}

/**
 * The rep's unfinished session last worked on, if any. The index says which
 * sessions are unfinished, so only those journals are read (none, usually).
 */
async function pausedSessionOf(ctx: CommandContext, known: { rollup: Rollup } | { problem: string }, slug: string): Promise<LoadedSession | undefined> {
  if (!('rollup' in known)) return undefined;
  const rows = known.rollup.rows.filter((r) => r.rep === slug && r.status !== 'done');
  if (rows.length === 0) return undefined;
  const { unfinishedSessions } = await import('./resume.ts');
  return (await unfinishedSessions(ctx, rows))[0];
}

/** "Sam Lee has a paused session from Tue 1 Dec (one-to-one, 5 of 14 answered). Resume it?" */
async function offerResume(paused: LoadedSession, rep: string, now: Date): Promise<boolean> {
  const { state } = paused;
  const steps = visibleSteps(state.start.snapshot, state.answers);
  const answered = steps.filter((s) => state.answers.has(s.question.id)).length;
  const what = state.status === 'paused' ? 'a paused session' : 'an unfinished session (cut off)';
  const { askYesNo } = await import('../prompts/index.ts');
  return askYesNo(`${rep} has ${what} from ${dayText(state.start.at, now)} (${state.start.playbook.id}, ${answered} of ${steps.length} answered). Resume it?`, true);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 1 Dec" in local time, with the year when it is not this year's. */
export function dayText(iso: string, now: Date): string {
  const d = new Date(iso);
  const day = `${WEEKDAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]}`;
  return d.getFullYear() === now.getFullYear() ? day : `${day} ${d.getFullYear()}`;
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
  const { value: given, source } = await readAnswersFile(file);
  const pb = start.snapshot;
  const known = new Map(pb.stages.flatMap((s) => s.questions.map((q) => [q.id, q] as const)));
  // Each unknown id at its line, with "did you mean" (issue 14).
  const unknown = (await import('../playbook/answers-file.ts')).unknownAnswerIds(given, source, pb);
  if (unknown.length > 0) {
    throw new ValidationError(file, unknown, `Write a template with every question id: repcoach playbook answers ${pb.id} > answers.yaml`, 'answers file');
  }
  const checked = new Map<string, Awaited<ReturnType<typeof checkAnswer>>>();
  for (const [id, raw] of Object.entries(given)) {
    const q = known.get(id);
    if (q) checked.set(id, await checkAnswer(q, raw, ctx.now(), ctx.newId));
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
  checked: Map<string, Awaited<ReturnType<typeof checkAnswer>>>,
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

async function readAnswersFile(file: string): Promise<{ value: Record<string, unknown>; source?: SourceDoc | undefined }> {
  const text = await readTextFile(file, 'answers file', 1024 * 1024);
  // JSON is YAML, so one safe parser reads both.
  const { parseYaml } = await import('../playbook/parse.ts');
  const { value, source } = parseYaml(text, file, 'answers file');
  if (value === null || value === undefined) return { value: {}, source };
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(`${file} must be a map of question id to answer.`, 'For example:\n  goal: Leave with a plan for Acme\n  confidence: 7');
  }
  return { value: value as Record<string, unknown>, source };
}
