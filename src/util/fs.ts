import { randomBytes } from 'node:crypto';
import { closeSync, constants as fsConstants, fchmodSync, fsync, fsyncSync, linkSync, openSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The real path of a file or folder (links resolved), or the path itself when it cannot be resolved. */
export function realDir(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** `child` is `root` or somewhere below it (both absolute; resolve links first where they matter). */
export function isInside(root: string, child: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Private data: the owner alone reads it (BRIEF: "files readable by the owner only"). */
export const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/** Temp files carry this marker so a later start can find and clean leftovers. */
export const TEMP_MARKER = '.repcoach-tmp-';

/**
 * A temp file name next to `file`: the marker, then the writer's pid, so a later
 * start can tell a leftover of a dead process from a write still in progress in
 * another terminal (src/util/cleanup.ts).
 */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `${TEMP_MARKER}${process.pid}-${path.basename(file)}.${tempSuffix()}`);
}

/** Random once per process, then counted: a name no other writer picks, without a random draw per file. */
let tempPrefix: string | undefined;
let tempCount = 0;
function tempSuffix(): string {
  tempPrefix ??= randomBytes(4).toString('hex');
  return `${tempPrefix}${(tempCount++).toString(36)}`;
}

/**
 * Create `dir` and any missing parents, each 0700. One level at a time rather
 * than Node's `recursive: true`, which loops forever where a folder cannot be
 * made and the parent reads as missing (`/proc/self/x`, issue 15): here each
 * level is tried once, so the deepest error comes back.
 */
export async function ensureDir(dir: string): Promise<void> {
  const target = path.resolve(dir);
  try {
    await fs.mkdir(target, { mode: DIR_MODE });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if ((await fs.stat(target)).isDirectory()) return;
      throw err;
    }
    const parent = path.dirname(target);
    if (code !== 'ENOENT' || parent === target) throw err;
    await ensureDir(parent);
    try {
      await fs.mkdir(target, { mode: DIR_MODE });
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code !== 'EEXIST' || !(await fs.stat(target)).isDirectory()) throw again;
    }
  }
}

/**
 * A new temp file beside `file` holding `data`, flushed to disk; returns its path.
 * The steps are synchronous, as in the helpers below: each is one quick system
 * call, and a round trip through the thread pool costs more than the call itself
 * (a few milliseconds before a run's first question).
 */
async function writeTempSynced(file: string, data: string | Uint8Array, mode?: number): Promise<string> {
  const tmp = tempPathFor(file);
  createSynced(tmp, data, mode);
  return tmp;
}

/** Create `file`, which must not exist yet, holding `data`, flushed to disk. */
function createSynced(file: string, data: string | Uint8Array, mode?: number): void {
  const fd = openSync(file, 'wx', FILE_MODE);
  try {
    writeFully(fd, data);
    // Set after creation: the umask never narrows a mode given on purpose (a note kept readable by the group).
    if (mode !== undefined) fchmodSync(fd, mode & 0o777);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeFully(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  // A write may be short; go on until every byte is in.
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/**
 * Replace `file` with `data` so that a reader sees either the old file or the new
 * one, never half of one: write a temp file in the same folder, fsync it, rename
 * it over the target, fsync the folder. The new file is the owner's alone
 * (FILE_MODE), or has `mode`; with `keepMode`, the mode of the file it replaces.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: { mode?: number | undefined; keepMode?: boolean } = {}): Promise<void> {
  const dir = path.dirname(file);
  await ensureDir(dir);
  const mode = opts.mode ?? (opts.keepMode ? (await fs.stat(file).catch(() => undefined))?.mode : undefined);
  const tmp = await writeTempSynced(file, data, mode);
  try {
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    // The temp file is nothing to the user: name the file that could not be written.
    (err as NodeJS.ErrnoException).path = file;
    throw err;
  }
  await syncDir(dir);
}

/**
 * writeFileAtomic for thousands of files (an export): the same temp file and
 * rename, with the quick steps done synchronously so many writes overlap
 * cheaply. The caller creates the folder beforehand and syncs each folder once
 * at the end (syncDir).
 *
 * The fsync before the rename is what keeps a crash from leaving a half-written
 * file in place of a good one; a file that is new has no good one to lose (a
 * crash leaves it missing or short, and exporting again writes it), so only a
 * replacement (`replacing`) pays for it. That halves the time of a first export
 * of 10,000 notes (issue 7).
 */
export async function writeFileAtomicInBulk(file: string, data: string, opts: { replacing: boolean }): Promise<void> {
  const tmp = tempPathFor(file);
  const fd = openSync(tmp, 'wx', FILE_MODE);
  try {
    writeFully(fd, data);
    if (opts.replacing) await new Promise<void>((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Append one record and fsync before returning: the record survives a crash.
 * With `create: false` a missing file is an error (ENOENT) instead of a new
 * file holding only this record: a journal moved away must not restart headless.
 */
export async function appendDurable(file: string, data: string, opts: { create?: boolean } = {}): Promise<void> {
  const flags = opts.create === false ? fsConstants.O_WRONLY | fsConstants.O_APPEND : 'a';
  const handle = await fs.open(file, flags, FILE_MODE);
  try {
    await handle.appendFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Create `file` with `data` only if it does not exist yet, and never let anyone
 * see it half-written: write a temp file, fsync it, then hard-link it into place
 * (link fails with EEXIST when the name is taken, like O_EXCL). Where the file
 * system has no hard links, falls back to an O_EXCL create-and-write.
 */
export async function writeFileExclusive(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const tmp = await writeTempSynced(file, data);
  try {
    linkSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw err;
    createSynced(file, data);
    await syncDir(dir);
    return;
  }
  rmSync(tmp, { force: true });
  await syncDir(dir);
}

export async function syncDir(dir: string): Promise<void> {
  // Directories cannot be opened for fsync on Windows; the rename is still atomic there.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}
