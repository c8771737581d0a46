/**
 * A file that does not parse is never cleared or overwritten: it is moved to
 * `<data>/quarantine/` and the user is told where it went and how to bring it
 * back. Works for any file (a session, the index, the settings).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ensureDir, FILE_MODE, syncDir, writeFileAtomic } from './fs.ts';
import type { Paths } from './paths.ts';

export interface Quarantined {
  /** Where the file was. */
  from: string;
  /** Where it is now. */
  to: string;
  reason: string;
}

/** A dated name in the quarantine folder for `file`, not taken yet. */
async function quarantineName(paths: Paths, file: string, now: Date): Promise<string> {
  await ensureDir(paths.quarantine);
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const base = `${stamp}-${path.basename(file)}`;
  let to = path.join(paths.quarantine, base);
  for (let n = 2; await taken(to); n++) to = path.join(paths.quarantine, `${base}.${n}`);
  return to;
}

/** A copy of `file` as it is now in the quarantine folder, the file itself left in place (to be repaired). */
export async function quarantineCopy(paths: Paths, file: string, reason: string, now: Date = new Date()): Promise<Quarantined> {
  const to = await quarantineName(paths, file, now);
  await writeFileAtomic(to, await fs.readFile(file));
  return { from: file, to, reason };
}

/** Move `file` into the quarantine folder under a dated name; returns where it went. */
export async function quarantineFile(paths: Paths, file: string, reason: string, now: Date = new Date()): Promise<Quarantined> {
  const to = await quarantineName(paths, file, now);
  try {
    await fs.rename(file, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    // Another file system (e.g. a notes folder elsewhere): copy it whole first, then remove the original.
    await writeFileAtomic(to, await fs.readFile(file));
    await fs.rm(file);
  }
  // A hand-made file may be world-readable; in the data folder it is private like the rest.
  await fs.chmod(to, FILE_MODE).catch(() => undefined);
  await syncDir(path.dirname(file)).catch(() => undefined);
  await syncDir(paths.quarantine);
  return { from: file, to, reason };
}

async function taken(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

/** What to tell the user: what happened, where the file is, how to recover it. */
export function quarantineNotice(q: Quarantined, after?: string): string {
  return (
    `${q.from} could not be read (${q.reason}). It was moved to ${q.to} so that nothing overwrites it.\n` +
    `To recover it: fix it by hand (or restore it from a backup), then move it back: mv '${q.to}' '${q.from}'` +
    (after ? `\n${after}` : '')
  );
}
