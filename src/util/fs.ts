import { randomBytes } from 'node:crypto';
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
export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: { syncDir?: boolean } = {}): Promise<void> {
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
  // A bulk writer (export) passes syncDir: false and syncs each folder once at the end.
  if (opts.syncDir !== false) await syncDir(dir);
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
