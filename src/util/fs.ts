import { randomBytes } from 'node:crypto';
import { closeSync, fsync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Private data: the owner alone reads it (BRIEF: "files readable by the owner only"). */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** Temp files carry this marker so a later start can find and clean leftovers. */
export const TEMP_MARKER = '.repcoach-tmp-';

export async function ensureDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
}

/**
 * Replace `file` with `data` so that a reader sees either the old file or the new
 * one, never half of one: write a temp file in the same folder, fsync it, rename
 * it over the target, fsync the folder.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await ensureDir(dir);
  const tmp = path.join(dir, `${TEMP_MARKER}${path.basename(file)}.${randomBytes(4).toString('hex')}`);
  const handle = await fs.open(tmp, 'wx', FILE_MODE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dir);
}

/**
 * writeFileAtomic for thousands of files (an export): the same temp file,
 * fsync and rename, but the quick steps are done synchronously and only the
 * fsync is awaited, so many writes overlap cheaply. The caller creates the
 * folder beforehand and syncs each folder once at the end (syncDir).
 */
export async function writeFileAtomicInBulk(file: string, data: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `${TEMP_MARKER}${path.basename(file)}.${randomBytes(4).toString('hex')}`);
  const fd = openSync(tmp, 'wx', FILE_MODE);
  try {
    const bytes = Buffer.from(data, 'utf8');
    // A write may be short; go on until every byte is in.
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    await new Promise<void>((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
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

/** Append one record and fsync before returning: the record survives a crash. */
export async function appendDurable(file: string, data: string): Promise<void> {
  const handle = await fs.open(file, 'a', FILE_MODE);
  try {
    await handle.appendFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function syncDir(dir: string): Promise<void> {
  // Directories cannot be opened for fsync on Windows; the rename is still atomic there.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
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

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A name a person typed (a rep, a playbook) as a file-name-safe slug: lower case
 * letters, digits and dashes only, so it can never climb out of its folder
 * (`../../x`), be absolute, hold a NUL, or be a reserved Windows device name.
 */
export function slugify(name: string, fallback = 'unnamed'): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
  if (!slug) return fallback;
  return WINDOWS_RESERVED.test(slug) ? `${slug}-` : slug;
}
