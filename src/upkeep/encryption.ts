/**
 * Turning encryption on or off converts every session journal, every note the
 * sessions point to and the two index files (lookback/queries.ts), in two phases
 * so a crash loses nothing and no clear-text copy is left behind:
 *
 * 1. with every session locked, each file's new form is written to a temp file
 *    beside it and fsynced (a failure here removes the temps: nothing changed);
 * 2. each temp file is renamed over its original (atomic per file).
 *
 * A crash in phase 1 leaves only temp files, cleared on the next start; a crash
 * in phase 2 leaves some files converted and some not, and both kinds read
 * (each file says in its first bytes whether it is encrypted), so running the
 * command again finishes the job. `encryption.json` is written before phase 2
 * (on) or removed after it (off), so new files never go out in the wrong form.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../util/errors.ts';
import { parseJournal } from '../model/journal.ts';
import { INDEX_REBUILT, restampIndex, type FileStamp, type Restamp } from '../lookback/cache.ts';
import { indexFiles } from '../lookback/kinds.ts';
import { acquireLock, SessionLockedError, type SessionLock } from '../store/lock.ts';
import { CorruptSessionError, loadSession } from '../store/store.ts';
import { pidAlive, removeStaleTempFiles } from '../util/cleanup.ts';
import { exists, FILE_MODE, isInside, realDir, syncDir, tempPathFor } from '../util/fs.ts';
import type { Paths } from '../util/paths.ts';
import { quarantineFile, quarantineNotice } from '../util/quarantine.ts';
import type { Sealer } from '../crypto/keyring.ts';
import { DecryptError, isEncryptedText } from '../crypto/envelope.ts';
import { decodeDataText, encodeDataText, encodeJournal, isEncryptedFile, readJournalText } from '../crypto/vault.ts';

export interface ConversionResult {
  sessions: number;
  notes: number;
  /** Index files converted (index.json, search-index.json). */
  indexes: number;
  /** Files left as they were, with why (damaged, open elsewhere). */
  warnings: string[];
  /** Notes that sessions point to outside this data folder and the notes folder, left as they were. */
  outside: string[];
}

export interface ConversionOptions {
  /** The notes folder in use (settings or the default): its notes are converted with the data folder's. */
  notesDir?: string | undefined;
  /**
   * Notes that sessions point to outside the data folder and the notes folder (a
   * copied home still points at the original's): converted only when this says
   * so. Without it they are left as they are, and listed in `outside`.
   */
  convertOutside?: ((files: readonly string[]) => Promise<boolean>) | undefined;
  /** Runs after phase 1 and before phase 2. */
  between?: (() => Promise<void>) | undefined;
}

interface Planned {
  file: string;
  content: string;
  kind: 'session' | 'note' | 'index';
  /** A session whose entries are unchanged (only encoded anew): its size and time before, for the index. */
  before?: FileStamp;
}

interface Written extends Planned {
  tmp: string;
  /** The temp file's size and time, which the rename keeps. */
  after: FileStamp;
}

/**
 * Convert every session and note to `target` (a sealer: encrypted; undefined:
 * plain): the data folder's, and the notes folder's; a note elsewhere only as
 * `opts.convertOutside` allows.
 */
export async function convertData(paths: Paths, target: Sealer | undefined, opts: ConversionOptions = {}): Promise<ConversionResult> {
  const result: ConversionResult = { sessions: 0, notes: 0, indexes: 0, warnings: [], outside: [] };
  const between = opts.between ?? (async () => {});
  const roots = [paths.data, ...(opts.notesDir ? [opts.notesDir] : [])].map(realDir);
  const done = new Set<string>();
  // A second pass picks up sessions started by another terminal while the first ran.
  for (let pass = 0; pass < 2; pass++) {
    const names = (await fs.readdir(paths.sessions).catch(() => [] as string[])).filter((n) => n.endsWith('.jsonl') && !done.has(n)).sort();
    if (names.length === 0 && pass > 0) break;
    const locks: SessionLock[] = [];
    try {
      const files: string[] = [];
      for (const name of names) {
        const file = path.join(paths.sessions, name);
        try {
          locks.push(await acquireLock(file));
          files.push(file);
        } catch (err) {
          if (!(err instanceof SessionLockedError)) throw err;
          if (pass === 0) throw new UserError(`${err.message} Nothing was changed.`, 'Finish or pause that session (Ctrl-C), then run this again.');
          result.warnings.push(`${err.message} It was started during the change and was left as it is; run this again once it is finished.`);
        }
      }
      const written = await writeTemps(await planConversion(paths, files, target, result, pass === 0, { roots, convertOutside: opts.convertOutside }));
      try {
        // The indexes last: their rows take the converted sessions' new sizes and times, so they stay fresh.
        if (pass === 0) written.push(...(await writeTemps(await planIndexes(paths, target, restampsOf(written), result))));
      } catch (err) {
        await Promise.all(written.map((w) => fs.rm(w.tmp, { force: true })));
        throw err;
      }
      if (pass === 0) await between();
      await renameAll(written);
      for (const p of written) {
        if (p.kind === 'session') result.sessions++;
        else if (p.kind === 'note') result.notes++;
        else result.indexes++;
      }
      for (const name of names) done.add(name);
    } finally {
      for (const lock of locks) await lock.release();
    }
  }
  const quarantined = (await fs.readdir(paths.quarantine).catch(() => [] as string[])).length;
  if (quarantined > 0) {
    result.warnings.push(`${quarantined} ${quarantined === 1 ? 'file' : 'files'} in ${paths.quarantine} ${quarantined === 1 ? 'was' : 'were'} left as ${quarantined === 1 ? 'it is' : 'they are'}.`);
  }
  return result;
}

interface Scope {
  /** The data folder and the notes folder, as real paths. */
  roots: readonly string[];
  convertOutside: ConversionOptions['convertOutside'];
}


async function planConversion(
  paths: Paths,
  files: string[],
  target: Sealer | undefined,
  result: ConversionResult,
  firstPass: boolean,
  scope: Scope,
): Promise<Planned[]> {
  const plan: Planned[] = [];
  // Every note in repcoach's own notes folder (one whose session was quarantined too); elsewhere, only the notes sessions point to.
  const notes = new Set<string>(firstPass ? await ownNotes(paths) : []);
  for (const file of files) {
    let loaded;
    try {
      loaded = await loadSession(file);
    } catch (err) {
      if (!(err instanceof CorruptSessionError)) throw err;
      result.warnings.push(quarantineNotice(await quarantineFile(paths, file, err.reason), 'It was not converted.'));
      continue;
    }
    if (loaded.damage && !loaded.damage.tornTail) {
      const q = await quarantineFile(paths, file, `damaged at line ${loaded.damage.line}: ${loaded.damage.reason}`);
      result.warnings.push(quarantineNotice(q, 'It was not converted.'));
      continue;
    }
    if (loaded.state.notePath) notes.add(loaded.state.notePath);
    if ((await isEncryptedFile(file)) === Boolean(target) && !loaded.damage) continue;
    const before = await fs.stat(file);
    const { text } = await readJournalText(file);
    const good = text.slice(0, parseJournal(text).goodLength);
    const lines = good.split(/(?<=\n)/).filter((l) => l !== '');
    const content = encodeJournal(lines, target);
    // A repaired torn tail changes what the index says (the session is no longer damaged): not restamped.
    plan.push({ file, kind: 'session', content, ...(loaded.damage ? {} : { before: { size: before.size, mtimeMs: before.mtimeMs } }) });
  }
  // A session copied from another home points at that home's notes: never converted without a yes.
  const outside: string[] = [];
  for (const note of notes) if (!scope.roots.some((root) => isInside(root, realDir(note))) && (await exists(note))) outside.push(note);
  if (outside.length > 0 && !(scope.convertOutside && (await scope.convertOutside(outside)))) {
    for (const note of outside) notes.delete(note);
    result.outside.push(...outside.filter((n) => !result.outside.includes(n)));
  }
  // Temp files a killed conversion left beside the notes (the sessions folder is cleaned at the start).
  await removeStaleTempFiles([...new Set([...notes].map((n) => path.dirname(n)))], { isAlive: pidAlive });
  for (const note of notes) {
    let raw: string;
    try {
      raw = await fs.readFile(note, 'utf8');
    } catch {
      continue; // moved or deleted by the user: nothing to convert
    }
    if ((await isEncryptedFile(note)) === Boolean(target)) continue;
    try {
      plan.push({ file: note, kind: 'note', content: encodeDataText(await decodeDataText(raw, note), target) });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      result.warnings.push(`${err.message} The note was left as it is.`);
    }
  }
  return plan;
}

function restampsOf(written: readonly Written[]): Map<string, Restamp> {
  const out = new Map<string, Restamp>();
  for (const w of written) if (w.before) out.set(path.basename(w.file), { before: w.before, after: w.after });
  return out;
}

/**
 * The index files hold names, deals and answers: converted with the rest, their
 * rows restamped for the sessions just converted. One that cannot be decrypted
 * is set aside (it is rebuilt from the sessions).
 */
async function planIndexes(paths: Paths, target: Sealer | undefined, moved: ReadonlyMap<string, Restamp>, result: ConversionResult): Promise<Planned[]> {
  const plan: Planned[] = [];
  for (const file of indexFiles(paths)) {
    let raw: string;
    try {
      raw = await fs.readFile(file, 'utf8');
    } catch {
      continue; // none yet (or not a file): nothing to convert
    }
    let text: string;
    try {
      text = await decodeDataText(raw, file);
    } catch (err) {
      if (!(err instanceof DecryptError)) throw err;
      result.warnings.push(quarantineNotice(await quarantineFile(paths, file, err.reason), INDEX_REBUILT));
      continue;
    }
    const restamped = restampIndex(text, moved);
    if (isEncryptedText(raw) === Boolean(target) && restamped.rows === 0) continue;
    plan.push({ file, kind: 'index', content: encodeDataText(restamped.text, target) });
  }
  return plan;
}

async function ownNotes(paths: Paths): Promise<string[]> {
  const out: string[] = [];
  for (const rep of await fs.readdir(paths.notes, { withFileTypes: true }).catch(() => [])) {
    if (!rep.isDirectory()) continue;
    const dir = path.join(paths.notes, rep.name);
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      if (name.endsWith('.md') && !name.startsWith('.')) out.push(path.join(dir, name));
    }
  }
  return out;
}

/** Phase 1: each file's new form in a temp file beside it, on disk; on a failure none is left. */
async function writeTemps(plan: readonly Planned[]): Promise<Written[]> {
  const written: Written[] = [];
  const temps: string[] = [];
  try {
    for (const p of plan) {
      const tmp = tempPathFor(p.file);
      temps.push(tmp);
      const handle = await fs.open(tmp, 'wx', FILE_MODE);
      try {
        await handle.writeFile(p.content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      const st = await fs.stat(tmp);
      written.push({ ...p, tmp, after: { size: st.size, mtimeMs: st.mtimeMs } });
    }
  } catch (err) {
    await Promise.all(temps.map((t) => fs.rm(t, { force: true })));
    throw err;
  }
  return written;
}

/** Phase 2: each temp file renamed over its original (atomic per file). */
async function renameAll(written: readonly Written[]): Promise<void> {
  const dirs = new Set<string>();
  for (const w of written) {
    await fs.rename(w.tmp, w.file);
    dirs.add(path.dirname(w.file));
  }
  for (const dir of dirs) await syncDir(dir);
}
