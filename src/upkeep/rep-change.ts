/**
 * `reps rename` and `reps merge`: give every session of a rep another rep
 * (a new name, or the rep they were merged into), across the journals, the
 * notes they point to, the index and the commitments (which belong to a rep by
 * the slug of their session, so they follow the sessions).
 *
 * Atomic and resumable: the whole change is first written as a plan
 * (`<data>/rep-change.json`, encrypted when encryption is on: it holds names),
 * then applied session by session, each step replacing one file atomically and
 * each safe to do twice; the plan is removed last. A crash or kill leaves every
 * file either old or new, and the plan; running `reps rename` or `reps merge`
 * again finds it and finishes it. For each session, in this order:
 *
 * 1. the note is written in its new form at its new place (temp file, fsync,
 *    rename), from the old note, which is still there;
 * 2. the journal's start entry gets the new rep (and its finish entry the
 *    note's new path), rewritten atomically with the same permissions and
 *    encryption (store.ts rewriteJournal), under the session's lock;
 * 3. the old note is removed.
 *
 * Then the index is brought up to date, and with notes.git on the notes' move
 * is committed. The journal keeps its format, so any version reads it, and a
 * paused session resumes as the new rep (its note goes to the new folder).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { headerOf, isEncryptedText, openText } from '../crypto/envelope.ts';
import { masterKey, sealerFor, type Sealer } from '../crypto/keyring.ts';
import { encodeDataText, readDataText } from '../crypto/vault.ts';
import { UserError } from '../util/errors.ts';
import type { RescueOptions } from '../rescue/detect.ts';
import { ensureDir, exists, syncDir, writeFileAtomic } from '../util/fs.ts';
import { slugify } from '../util/names.ts';
import type { Paths } from '../util/paths.ts';
import { refreshIndexes, type IndexSettings } from '../lookback/queries.ts';
import { rescueSettings } from '../mirror/settings.ts';
import type { JournalEntry, RepRef, SessionState } from '../model/journal.ts';
import { acquireLock, type SessionLock } from '../store/lock.ts';
import { loadSession, notePathFromStore, notePathToStore, rewriteJournal } from '../store/store.ts';

const PLAN_FILE = 'rep-change.json';
const PLAN_FORMAT = 'repcoach-rep-change';

export type RepChangeKind = 'rename' | 'merge';

interface PlannedSession {
  id: string;
  /** The journal's file name in the sessions folder. */
  file: string;
  /** The rep as this session's journal had it (spellings of one rep may differ). */
  rep: RepRef;
  /** The note it points to, and where it goes (the same path when only the name changes). */
  note?: { from: string; to: string } | undefined;
}

export interface RepChangePlan {
  format: typeof PLAN_FORMAT;
  v: 1;
  kind: RepChangeKind;
  /** The rep whose sessions change, as last named. */
  from: RepRef;
  /** The rep they become: the new name (rename) or the rep merged into (merge), whose name survives. */
  to: RepRef;
  created: string;
  /** The notes folder at the time: the git repository the move is committed in. */
  notesDir: string;
  git: boolean;
  sessions: PlannedSession[];
}

export interface RepChangeResult {
  sessions: number;
  notes: number;
  /** Notes that differed from what repcoach wrote (edited by hand): only their front matter and title changed. */
  notesKeptEdits: number;
  committed: boolean;
  warnings: string[];
}

export function planPath(paths: Paths): string {
  return path.join(paths.data, PLAN_FILE);
}

/** The unfinished change, if a crash or kill left one. */
export async function pendingRepChange(paths: Paths): Promise<RepChangePlan | undefined> {
  const file = planPath(paths);
  let text: string;
  try {
    text = await readDataText(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let plan: unknown;
  try {
    plan = JSON.parse(text);
  } catch {
    throw new UserError(`The unfinished rename ${file} cannot be read: it is not valid JSON.`, 'Move it aside; files it already changed are complete, the others are as they were.');
  }
  if (!isPlan(plan)) throw new UserError(`${file} is not a rename plan this version of repcoach knows.`, 'Move it aside; files it already changed are complete, the others are as they were.');
  return plan;
}

function isPlan(v: unknown): v is RepChangePlan {
  const p = v as Partial<RepChangePlan> | null;
  const isRep = (r: unknown) => typeof r === 'object' && r !== null && typeof (r as RepRef).name === 'string' && typeof (r as RepRef).slug === 'string';
  return (
    typeof p === 'object' &&
    p !== null &&
    p.format === PLAN_FORMAT &&
    p.v === 1 &&
    (p.kind === 'rename' || p.kind === 'merge') &&
    isRep(p.from) &&
    isRep(p.to) &&
    typeof p.notesDir === 'string' &&
    Array.isArray(p.sessions) &&
    p.sessions.every((s) => typeof s === 'object' && s !== null && typeof s.id === 'string' && typeof s.file === 'string' && isRep(s.rep))
  );
}

/** How to finish a pending change, for commands that must not run while one is unfinished. */
export function finishHint(plan: RepChangePlan): string {
  const q = (s: string) => `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
  return `An unfinished ${plan.kind} of ${plan.from.name} ${plan.kind === 'rename' ? 'to' : 'into'} ${plan.to.name} was found; finish it first: repcoach reps ${plan.kind} ${q(plan.from.name)} ${q(plan.to.name)}`;
}

/**
 * The plan for moving `files` (the journals of `from`'s sessions) to `to`:
 * each session's rep as its journal has it and where its note goes. A note
 * lives in a folder named after its rep's slug; it moves to the new rep's
 * folder beside it, taking a name with the session id when another session's
 * note has its name there (as two notes of one day do).
 */
export async function planRepChange(opts: {
  kind: RepChangeKind;
  from: RepRef;
  to: RepRef;
  files: readonly string[];
  notesDir: string;
  git: boolean;
  now: Date;
}): Promise<{ plan: RepChangePlan; warnings: string[] }> {
  // The note code loads only when there is a change to plan (`reps` reads the pending plan alone).
  const { notePathFor } = await import('../note/write.ts');
  const sessions: PlannedSession[] = [];
  const warnings: string[] = [];
  const claimed = new Set<string>();
  for (const file of opts.files) {
    let loaded;
    try {
      loaded = await loadSession(file);
    } catch (err) {
      if (!(err instanceof UserError) || err.name !== 'CorruptSessionError') throw err;
      warnings.push(`${err.message} It was left as it is.`);
      continue;
    }
    if (loaded.damage && !loaded.damage.tornTail) {
      warnings.push(`${file} is damaged at line ${loaded.damage.line} (${loaded.damage.reason}); it was left as it is.`);
      continue;
    }
    const { state } = loaded;
    const planned: PlannedSession = { id: loaded.id, file: path.basename(file), rep: { ...state.start.rep } };
    const note = state.notePath;
    if (note && (await exists(note))) {
      let to = note;
      const folder = path.dirname(note);
      if (path.basename(folder) === slugify(state.start.rep.slug, 'rep') && slugify(opts.to.slug, 'rep') !== path.basename(folder)) {
        to = await notePathFor(path.dirname(folder), withRep(state, opts.to));
        if (claimed.has(to)) to = to.replace(/\.md$/, `-${slugify(loaded.id)}.md`);
      }
      claimed.add(to);
      planned.note = { from: note, to };
    }
    sessions.push(planned);
  }
  const plan: RepChangePlan = {
    format: PLAN_FORMAT,
    v: 1,
    kind: opts.kind,
    from: opts.from,
    to: opts.to,
    created: opts.now.toISOString(),
    notesDir: opts.notesDir,
    git: opts.git,
    sessions,
  };
  return { plan, warnings };
}

/** The session as it reads with another rep. */
function withRep(state: SessionState, rep: RepRef): SessionState {
  return { ...state, start: { ...state.start, rep: { ...rep } } };
}

/**
 * Take the lock of every session in the plan, or none: a session open in
 * another terminal (run, resume) blocks the change, with who has it.
 */
export async function lockAll(paths: Paths, plan: RepChangePlan): Promise<SessionLock[]> {
  const locks: SessionLock[] = [];
  try {
    for (const s of plan.sessions) locks.push(await acquireLock(path.join(paths.sessions, s.file)));
  } catch (err) {
    for (const lock of locks) await lock.release();
    throw err;
  }
  return locks;
}


/** Write the plan: from here on the change is finished by running the command again. */
export async function savePlan(paths: Paths, plan: RepChangePlan): Promise<void> {
  await ensureDir(paths.data);
  await writeFileAtomic(planPath(paths), encodeDataText(JSON.stringify(plan, null, 2) + '\n', await sealerFor(paths)));
}

export interface ApplyOptions {
  paths: Paths;
  plan: RepChangePlan;
  /** The settings: notes are rendered again with their rescue phrases, as `run` wrote them, and the index brought up to date. */
  settings: IndexSettings;
  env?: NodeJS.ProcessEnv | undefined;
  /** Called after each session is done (tests stop here to play a crash). */
  afterSession?: ((index: number) => Promise<void> | void) | undefined;
}

/** Apply a saved plan (with its sessions locked), then remove it. Safe to run again after a crash. */
export async function applyPlan(opts: ApplyOptions): Promise<RepChangeResult> {
  const { paths, plan } = opts;
  const result: RepChangeResult = { sessions: 0, notes: 0, notesKeptEdits: 0, committed: false, warnings: [] };
  const written: string[] = [];
  const removed: string[] = [];
  for (const [i, s] of plan.sessions.entries()) {
    const file = path.join(paths.sessions, s.file);
    if (!(await exists(file))) {
      // Deleted since the plan was made: nothing of it to change.
      if (s.note && (await exists(s.note.to))) written.push(s.note.to);
      continue;
    }
    // A session of the plan finished since (resumed after a crash) wrote its note in the old folder.
    if (!s.note) s.note = await noteFinishedSince(file, s, plan.to);
    const changed = await applySession(file, s, plan.to, rescueSettings(opts.settings));
    result.sessions++;
    if (s.note) {
      if (changed.note) result.notes++;
      if (changed.keptEdits) result.notesKeptEdits++;
      written.push(s.note.to);
      if (s.note.to !== s.note.from) removed.push(s.note.from);
    }
    await opts.afterSession?.(i);
  }
  await refreshIndexes(paths, opts.settings, plan.sessions.map((s) => s.file));
  if (plan.git) {
    const { commitNoteChanges } = await import('../note/git.ts');
    const git = await commitNoteChanges(
      plan.notesDir,
      { written, removed },
      plan.kind === 'rename' ? `Rename rep: ${plan.from.name} to ${plan.to.name}` : `Merge rep: ${plan.from.name} into ${plan.to.name}`,
      { env: opts.env },
    );
    result.committed = git.committed;
    if (git.warning) result.warnings.push(git.warning);
  }
  await fs.rm(planPath(paths), { force: true });
  await syncDir(paths.data);
  // The old rep's note folders, once empty (anything else in them is the manager's and stays).
  for (const dir of new Set(removed.map((f) => path.dirname(f)))) await fs.rmdir(dir).catch(() => undefined);
  return result;
}

/** Where the note of a session finished after the plan was made goes, when it is still in the old rep's folder. */
async function noteFinishedSince(file: string, s: PlannedSession, to: RepRef): Promise<PlannedSession['note']> {
  const { state } = await loadSession(file);
  const note = state.notePath;
  if (!note || !(await exists(note))) return undefined;
  const folder = path.dirname(note);
  if (path.basename(folder) !== slugify(s.rep.slug, 'rep') || path.basename(folder) === slugify(to.slug, 'rep')) return undefined;
  const { notePathFor } = await import('../note/write.ts');
  return { from: note, to: await notePathFor(path.dirname(folder), withRep(state, to)) };
}

/** Steps 1-3 for one session; each is skipped when already done. */
async function applySession(file: string, s: PlannedSession, to: RepRef, rescue: RescueOptions | undefined): Promise<{ note: boolean; keptEdits: boolean }> {
  const out = { note: false, keptEdits: false };
  const note = s.note;
  if (note && (await exists(note.from))) {
    const { state } = await loadSession(file);
    const before = withRep(state, s.rep);
    const after = withRep(state, to);
    const { text, sealer } = await readNote(note.from);
    const next = await noteWithRep(text, before, after, rescue);
    if (note.to !== note.from || next.text !== text) {
      await ensureDir(path.dirname(note.to));
      // The note keeps its own form (encrypted or not) and its permissions.
      const mode = (await fs.stat(note.from)).mode;
      await writeFileAtomic(note.to, encodeDataText(next.text, sealer), { mode, keepMode: true });
    }
    out.note = true;
    out.keptEdits = next.keptEdits;
  }
  await rewriteJournal(file, (entries) => withRepEntries(entries, to, note, file));
  if (note && note.to !== note.from) {
    await fs.rm(note.from, { force: true });
    await syncDir(path.dirname(note.from));
  }
  return out;
}

/**
 * The entries with the new rep (and the note's new path); undefined when they have both already.
 * With `journal`, a note path is read and written as journals keep it: relative to their folder
 * when the note is in the same data folder (notePathToStore).
 */
export function withRepEntries(entries: readonly JournalEntry[], to: RepRef, note?: { from: string; to: string }, journal?: string): JournalEntry[] | undefined {
  const stored = (p: string) => (journal ? notePathToStore(journal, p) : p);
  const resolved = (p: string) => (journal ? notePathFromStore(journal, p) : p);
  let changed = false;
  const next = entries.map((e): JournalEntry => {
    if (e.type === 'start' && (e.rep.name !== to.name || e.rep.slug !== to.slug)) {
      changed = true;
      return { ...e, rep: { name: to.name, slug: to.slug } };
    }
    if (e.type === 'finish' && note && e.note !== undefined && resolved(e.note) === note.from && note.to !== note.from) {
      changed = true;
      return { ...e, note: stored(note.to) };
    }
    return e;
  });
  return changed ? next : undefined;
}

async function readNote(file: string): Promise<{ text: string; sealer?: Sealer | undefined }> {
  const raw = await fs.readFile(file, 'utf8');
  if (!isEncryptedText(raw)) return { text: raw };
  const { header } = headerOf(raw, file);
  const master = await masterKey(header.kdf, header.check, file);
  return { text: openText(master, raw, file), sealer: { kdf: header.kdf, master } };
}

/**
 * The note as it reads with the new rep. A note exactly as repcoach wrote it is
 * written again from the journal (the name appears throughout: "Sam owns
 * this", "not in Sam's copy"); one edited by hand keeps every edit, and only
 * its front matter's `rep` and its title change.
 */
async function noteWithRep(text: string, before: SessionState, after: SessionState, rescue: RescueOptions | undefined): Promise<{ text: string; keptEdits: boolean }> {
  const { renderNote, frontMatter, inline } = await import('../note/render.ts');
  const rendered = renderNote(after, { rescue });
  if (text === rendered) return { text, keptEdits: false };
  if (text === renderNote(before, { rescue })) return { text: rendered, keptEdits: false };
  const repLine = frontMatter({ rep: after.start.rep.name })[0] ?? '';
  let next = text;
  // Only inside the front matter block at the top.
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(next);
  if (fm) {
    const block = fm[1]?.replace(/^rep: .*$/m, () => repLine) ?? '';
    next = `---\n${block}\n---\n` + next.slice(fm[0].length);
  }
  const oldTitle = `# Coaching note: ${inline(before.start.rep.name)},`;
  const newTitle = `# Coaching note: ${inline(after.start.rep.name)},`;
  next = next.replace(/^# Coaching note: .*$/m, (line) => (line.startsWith(oldTitle) ? newTitle + line.slice(oldTitle.length) : line));
  return { text: next, keptEdits: true };
}
