/**
 * Leftovers of a process that was killed mid-write: temp files (TEMP_MARKER)
 * and takeover guards of session locks. Removed when a run or resume starts;
 * a temp file whose writer is still alive (another terminal saving right now)
 * is left alone.
 */
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { TEMP_MARKER } from './fs.ts';
import type { Paths } from './paths.ts';

/** Whether a process with this pid runs on this computer. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let bootMs: number | undefined;

/**
 * When the process `pid` started (ms since the epoch), where the system says
 * (Linux /proc); undefined elsewhere. Tells a live process from a later one that
 * was given the same pid.
 */
export function processStartMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, in clock ticks since boot) counts from after the command name, which may hold spaces.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    bootMs ??= Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]) * 1000;
    // USER_HZ is 100 on every Linux architecture in use.
    const ms = bootMs + (ticks * 1000) / 100;
    return Number.isFinite(ms) ? ms : undefined;
  } catch {
    return undefined;
  }
}

/** At the start of a run or resume: clear what killed processes left behind. */
export async function cleanLeftovers(paths: Paths, notesDir: string): Promise<string[]> {
  return removeStaleTempFiles(await foldersToClean(paths, notesDir), { isAlive: pidAlive });
}

export interface CleanupOptions {
  isAlive: (pid: number) => boolean;
  now?: () => Date;
}

/** A temp file without a pid in its name (older format) is removed after this long. */
const ANONYMOUS_TEMP_MAX_AGE_MS = 60 * 60 * 1000;
const GUARD_MAX_AGE_MS = 30_000;
const TEMP_NAME = new RegExp(`^${TEMP_MARKER.replace(/[.]/g, '\\.')}(?:(\\d+)-)?`);

/** The folders repcoach writes into: data, sessions, the notes folder and its per-rep folders. */
export async function foldersToClean(paths: Paths, notesDir: string): Promise<string[]> {
  const dirs = [paths.data, paths.sessions, paths.config, notesDir];
  try {
    for (const e of await fs.readdir(notesDir, { withFileTypes: true })) {
      if (e.isDirectory()) dirs.push(path.join(notesDir, e.name));
    }
  } catch {
    // no notes yet
  }
  return [...new Set(dirs)];
}

/** Remove stale leftovers in `dirs` (not recursive); returns what was removed. */
export async function removeStaleTempFiles(dirs: readonly string[], opts: CleanupOptions): Promise<string[]> {
  const now = (opts.now ?? (() => new Date()))().getTime();
  const removed: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      let stale = false;
      const m = TEMP_NAME.exec(name);
      if (m) {
        const pid = m[1] === undefined ? undefined : Number(m[1]);
        if (pid !== undefined) stale = pid !== process.pid && !opts.isAlive(pid);
        else stale = now - (await mtime(file)) > ANONYMOUS_TEMP_MAX_AGE_MS;
      } else if (/\.lock\.break-[0-9a-f]+$/.test(name)) {
        stale = now - (await mtime(file)) > GUARD_MAX_AGE_MS;
      }
      if (!stale) continue;
      try {
        const st = await fs.lstat(file);
        if (!st.isFile()) continue;
        await fs.rm(file, { force: true });
        removed.push(file);
      } catch {
        // gone already
      }
    }
  }
  return removed;
}

async function mtime(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).mtimeMs;
  } catch {
    return Infinity;
  }
}
