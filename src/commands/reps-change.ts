/**
 * `repcoach reps rename <old> <new>` and `repcoach reps merge <a> <b>`: fix a
 * rep typed wrong, or two spellings of one rep, across sessions, notes, the
 * index and commitments (upkeep/rep-change.ts does the work, atomically and
 * resumably). Merge moves a's sessions to b, and b's name survives.
 */
import { plural } from '../util/sentence.ts';
import { UsageError, UserError } from '../util/errors.ts';
import { findRep, repsOf } from '../report/reps.ts';
import { loadSummariesOfRep } from '../lookback/queries.ts';
import type { RepRef } from '../model/journal.ts';
import {
  applyPlan,
  lockAll,
  pendingRepChange,
  planRepChange,
  savePlan,
  type RepChangeKind,
  type RepChangePlan,
  type RepChangeResult,
} from '../upkeep/rep-change.ts';
import { LOCKED_HINT } from '../store/lock.ts';
import { journalOf } from '../store/store.ts';
import { notesDir, openSettings, type Settings } from '../config/settings.ts';
import { cleanLeftovers } from '../util/cleanup.ts';
import { slugify } from '../util/names.ts';
import { safeText, shellQuote } from '../util/term.ts';
import { confirmed, type ConfirmOptions } from './shared/confirm.ts';
import { println, type CommandContext } from '../config/context.ts';
import { loadRows, printJson, warnUnreadable } from './shared/lookback.ts';

export interface RepsChangeOptions extends ConfirmOptions {
  kind: RepChangeKind;
  /** rename: the rep as known; merge: the rep whose sessions move (a). */
  from: string;
  /** rename: the new name; merge: the rep they move to (b), whose name stays. */
  to: string;
  json?: boolean;
  /** Tests: called after each session is changed (to play a crash there). */
  afterSession?: (index: number) => Promise<void> | void;
}

export async function repsChange(ctx: CommandContext, opts: RepsChangeOptions): Promise<void> {
  const settings = await openSettings(ctx.paths);
  // Temp files a killed run of this (or any) command left behind.
  await cleanLeftovers(ctx.paths, notesDir(settings, ctx.paths));
  const pending = await pendingRepChange(ctx.paths);
  if (pending) {
    const same = pending.kind === opts.kind && names(pending.from, opts.from) && (opts.kind === 'rename' ? opts.to.trim() === pending.to.name : names(pending.to, opts.to));
    if (!opts.json || !same) println(ctx.stderr, `Finishing the unfinished ${pending.kind} of ${safeText(pending.from.name)} ${pending.kind === 'rename' ? 'to' : 'into'} ${safeText(pending.to.name)} (started ${pending.created})…`);
    const done = await finish(ctx, pending, settings, opts);
    if (same) return report(ctx, pending, done, opts);
    report(ctx, pending, done, { ...opts, json: false });
  }

  const rollup = await loadRows(ctx, settings);
  const reps = repsOf(rollup);
  const from = findRep(opts.from, reps);
  let to: RepRef;
  if (opts.kind === 'rename') {
    const name = opts.to.replace(/\s+/g, ' ').trim();
    if (name === '') throw new UsageError('The new name is empty.', 'For example: repcoach reps rename "Sam" "Sam Lee"');
    to = { name, slug: slugify(name, 'rep') };
    const taken = to.slug === from.slug ? undefined : rollup.reps[to.slug];
    if (taken) {
      throw new UserError(
        `"${name}" is already a rep: ${taken.name}.`,
        `To put ${from.name}'s sessions with theirs, merge them: repcoach reps merge ${shellQuote(from.name)} ${shellQuote(taken.name)}`,
      );
    }
    if (name === from.name) {
      println(ctx.stdout, `${safeText(from.name)} is already called that: nothing to change.`);
      return;
    }
  } else {
    to = findRep(opts.to, reps);
    if (to.slug === from.slug) throw new UsageError(`"${opts.from}" and "${opts.to}" are the same rep, ${from.name}.`, 'Run `repcoach reps` to see the reps.');
  }

  const summaries = await loadSummariesOfRep(ctx.paths, settings, from.slug);
  warnUnreadable(ctx, summaries.unreadable, summaries.notices);
  const dir = notesDir(settings, ctx.paths);
  const { plan, warnings } = await planRepChange({
    kind: opts.kind,
    from,
    to,
    files: summaries.items.map((s) => journalOf(ctx.paths, s)),
    notesDir: dir,
    git: Boolean(settings.get('notes.git')),
    now: ctx.now(),
  });
  for (const w of warnings) println(ctx.stderr, `warning: ${safeText(w)}`);
  if (plan.sessions.length === 0) throw new UserError(`No session of ${from.name} could be read: nothing was changed.`);

  const locks = await lockAll(ctx.paths, plan).catch((err: unknown) => {
    throw err instanceof UserError ? new UserError(`${err.message} Nothing was changed.`, LOCKED_HINT) : err;
  });
  try {
    const n = plan.sessions.length;
    const notes = plan.sessions.filter((s) => s.note).length;
    const counts = `${plural(n, 'session')} and ${plural(notes, 'note')}`;
    const question =
      opts.kind === 'rename'
        ? `Rename ${from.name} to ${to.name} in ${counts}?`
        : `Merge ${from.name} (${counts}) into ${to.name}? Their sessions, notes and commitments become ${to.name}'s.`;
    const again = `repcoach reps ${opts.kind} ${shellQuote(opts.from)} ${shellQuote(opts.to)}`;
    if (!(await confirmed(ctx, opts, safeText(question), `repcoach reps ${opts.kind}`, again))) {
      println(ctx.stderr, 'Nothing was changed.');
      return;
    }
    await savePlan(ctx.paths, plan);
    const result = await applyPlan({ paths: ctx.paths, plan, settings, env: ctx.env, afterSession: opts.afterSession });
    report(ctx, plan, result, opts);
  } finally {
    for (const lock of locks) await lock.release();
  }
  // A session of the old rep started in another terminal while this ran is not in the plan.
  const late = opts.kind === 'rename' && to.slug === from.slug ? [] : (await loadSummariesOfRep(ctx.paths, settings, from.slug)).items;
  if (late.length > 0) {
    println(ctx.stderr, `warning: ${plural(late.length, 'session')} with ${safeText(from.name)} started meanwhile; run the same command again to include ${late.length === 1 ? 'it' : 'them'}.`);
  }
}

/** A pending plan, finished under its sessions' locks. */
async function finish(ctx: CommandContext, plan: RepChangePlan, settings: Settings, opts: RepsChangeOptions): Promise<RepChangeResult> {
  const { existsSync } = await import('node:fs');
  const present = { ...plan, sessions: plan.sessions.filter((s) => existsSync(journalOf(ctx.paths, { id: s.id, file: s.file }))) };
  const locks = await lockAll(ctx.paths, present).catch((err: unknown) => {
    throw err instanceof UserError ? new UserError(`${err.message} The unfinished ${plan.kind} waits for it.`, LOCKED_HINT) : err;
  });
  try {
    return await applyPlan({ paths: ctx.paths, plan, settings, env: ctx.env, afterSession: opts.afterSession });
  } finally {
    for (const lock of locks) await lock.release();
  }
}

/** Whether `typed` names this rep, as `prep` would match it. */
function names(rep: RepRef, typed: string): boolean {
  try {
    findRep(typed, [rep]);
    return true;
  } catch {
    return false;
  }
}

function report(ctx: CommandContext, plan: RepChangePlan, r: RepChangeResult, opts: { json?: boolean | undefined }): void {
  for (const w of r.warnings) println(ctx.stderr, `warning: ${safeText(w)}`);
  if (opts.json) {
    printJson(ctx, { kind: plan.kind, from: plan.from, to: plan.to, sessions: r.sessions, notes: r.notes, notesKeptEdits: r.notesKeptEdits, committed: r.committed });
    return;
  }
  const verb = plan.kind === 'rename' ? `Renamed ${plan.from.name} to ${plan.to.name}` : `Merged ${plan.from.name} into ${plan.to.name}`;
  println(ctx.stdout, safeText(`${verb}: ${plural(r.sessions, 'session')}, ${plural(r.notes, 'note')}${r.committed ? ' (committed to git)' : ''}.`));
  if (r.notesKeptEdits > 0) {
    println(
      ctx.stdout,
      `${plural(r.notesKeptEdits, 'note')} differed from what repcoach writes (edited by hand, or written with other settings): only ${r.notesKeptEdits === 1 ? 'its' : 'their'} front matter and title changed.`,
    );
  }
}

