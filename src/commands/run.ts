/**
 * `repcoach run [playbook]` (and `repcoach` alone): start a coaching session,
 * interactively or from an answers file.
 */
import path from 'node:path';
import { UsageError, UserError } from '../util/errors.ts';
import { DEFAULT_PLAYBOOK, readTextFile, resolvePlaybook, type LoadedPlaybook } from '../playbook/load.ts';
import { visibleSteps } from '../model/engine.ts';
import type { JournalEntry, StartEntry } from '../model/journal.ts';
import { createSession, type LoadedSession } from '../store/store.ts';
import type { Rollup } from '../lookback/rollup.ts';
import { completeSession, openNow, readRollup } from '../run/conversation.ts';
import { runFromAnswers } from '../run/from-answers.ts';
import { dayText } from '../util/dates.ts';
import { notesDir, openSettings, type Settings } from '../config/settings.ts';
import { cleanLeftovers } from '../util/cleanup.ts';
import { repNameProblem, repSlug, slugify } from '../util/names.ts';
import { matchRep } from '../util/names.ts';
import { shellQuote } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';
import { terminalFace } from './shared/terminal.ts';

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
  const known = await readRollup(ctx, settings);
  const rep = await whoIsTheRep(opts, interactive, known, ctx.now(), (text) => println(ctx.stderr, text));
  if (interactive) {
    const paused = await pausedSessionOf(ctx, known, repSlug(rep));
    if (paused && (await offerResume(paused, rep, ctx.now()))) {
      // Exactly as `repcoach resume <id>`.
      const { resumeSession } = await import('../run/resume.ts');
      await resumeSession(ctx, { session: paused.id, notesDir: opts.notesDir }, () => terminalFace(ctx));
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
  const terminal = await terminalFace(ctx);
  const prompter = terminal.prompter(start);
  const session = await createSession(ctx.paths, start, ctx.now());
  try {
    const first: JournalEntry = { type: 'start', v: 1, id: session.id, ...start };
    prompter.message(
      `Coaching ${rep} with “${loaded.playbook.title}”. Every answer is saved as you go.\n` +
        'Type /back to change the previous answer, /skip to skip an optional question; Ctrl-C or Ctrl-D pauses (continue with `repcoach resume`).',
    );
    await completeSession(ctx, settings, session, [first], prompter, { notesDir: opts.notesDir, toReview, askFolder: terminal.askFolder });
  } finally {
    await session.close();
  }
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
      `Give the full name (--rep ${shellQuote(names[0] ?? '', '"')}), or add --new-rep to start with a new rep named "${typed}".`,
    );
  }
  const { askWhichRep } = await import('../prompts/index.ts');
  return (await askWhichRep(typed, candidates))?.name ?? typed;
}

/**
 * The rep's unfinished session last worked on, if any. The index says which
 * sessions are unfinished, so only those journals are read (none, usually).
 */
async function pausedSessionOf(ctx: CommandContext, known: { rollup: Rollup } | { problem: string }, slug: string): Promise<LoadedSession | undefined> {
  if (!('rollup' in known)) return undefined;
  const rows = known.rollup.rows.filter((r) => r.rep === slug && r.status !== 'done');
  if (rows.length === 0) return undefined;
  const { unfinishedSessions } = await import('../run/resume.ts');
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

