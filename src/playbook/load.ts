/**
 * Reading playbooks from disk: built-ins shipped in the package, the user's own
 * folder, or a path. The thin shell around `parse.ts`.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError, ValidationError } from '../errors.ts';
import type { Paths } from '../util/paths.ts';
import { LIMITS, parsePlaybook, problemAt } from './parse.ts';
import type { Playbook } from './schema.ts';

export const DEFAULT_PLAYBOOK = 'one-to-one';

export interface LoadedPlaybook {
  playbook: Playbook;
  /** Where it came from: "built-in", "user", or a folder/file path. */
  source: string;
  file: string;
  /** sha256 of the file's bytes: sessions record it so a changed playbook is noticed on resume. */
  hash: string;
  text: string;
}

let packageRootCache: string | undefined;

/** The installed package's folder (holds playbooks/ and schema/), found from this module's location. */
export function packageRoot(): string {
  if (packageRootCache) return packageRootCache;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'playbooks'))) {
      packageRootCache = dir;
      return dir;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repcoach: cannot find its own package folder');
    dir = up;
  }
}

export function builtinDir(): string {
  return path.join(packageRoot(), 'playbooks');
}

/** Read a file as UTF-8 text with the size limit applied before reading. */
export async function readTextFile(file: string, what: string, maxBytes = LIMITS.bytes): Promise<string> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError(`No ${what} at ${file}.`, 'Check the path, or run `repcoach playbook list` to see the playbooks you have.');
    }
    throw new UserError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  if (stat.isDirectory()) throw new UserError(`${file} is a folder, not a ${what} file.`);
  if (!stat.isFile()) throw new UserError(`${file} is not a regular file.`);
  if (stat.size > maxBytes) {
    const message = `the file is ${Math.round(stat.size / 1024)} KiB; a ${what} may be at most ${Math.round(maxBytes / 1024)} KiB`;
    throw new ValidationError(file, [problemAt(file, 1, 1, '', message)], undefined, what);
  }
  const bytes = await fs.readFile(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    // Point at the first byte that is not UTF-8, like every other problem in a file.
    const bad = firstInvalidUtf8(bytes);
    const lineStart = bytes.subarray(0, bad).lastIndexOf(0x0a) + 1;
    const line = bytes.subarray(0, bad).filter((b) => b === 0x0a).length + 1;
    const column = new TextDecoder().decode(bytes.subarray(lineStart, bad)).length + 1;
    const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    const message = `this is not UTF-8 text (byte 0x${byte} here); this looks like a binary file, not a ${what}`;
    throw new ValidationError(file, [problemAt(file, line, column, '', message)], 'Save it as UTF-8 and try again.', what);
  }
}

/** Offset of the first byte of the first sequence that is not UTF-8 (the input is known to be invalid). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decodes = (n: number, stream: boolean) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream });
      return true;
    } catch {
      return false;
    }
  };
  // A prefix that merely ends inside a character decodes in streaming mode, so this is monotonic: binary search.
  let lo = 0;
  let hi = bytes.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (decodes(mid, true)) lo = mid;
    else hi = mid;
  }
  // The byte at hi - 1 broke it; the bad sequence may have started up to three bytes earlier.
  let start = hi - 1;
  while (start > 0 && hi - 1 - start < 3 && !decodes(start, false)) start--;
  return start;
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function loadPlaybookFile(file: string, source: string): Promise<LoadedPlaybook> {
  const text = await readTextFile(file, 'playbook');
  const playbook = parsePlaybook(text, file);
  return { playbook, source, file, hash: hashText(text), text };
}

function looksLikePath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || /\.ya?ml$/i.test(ref);
}

/** Folders searched for a playbook id, first match wins. */
export function searchFolders(paths: Paths): Array<{ source: string; dir: string }> {
  return [
    { source: 'user', dir: paths.playbooks },
    { source: 'built-in', dir: builtinDir() },
  ];
}

/** Resolve a playbook given as an id or a path. */
export async function resolvePlaybook(ref: string, paths: Paths, cwd = process.cwd()): Promise<LoadedPlaybook> {
  if (looksLikePath(ref)) return loadPlaybookFile(path.resolve(cwd, ref), 'file');
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(ref)) {
    throw new UserError(`"${ref}" is not a playbook id or a .yaml file.`, 'Run `repcoach playbook list` to see the ids.');
  }
  for (const { source, dir } of searchFolders(paths)) {
    for (const ext of ['.yaml', '.yml']) {
      const file = path.join(dir, ref + ext);
      if (existsSync(file)) return loadPlaybookFile(file, source);
    }
  }
  const ids = await listIds(paths);
  throw new UserError(
    `No playbook with the id "${ref}".`,
    ids.length ? `Available: ${ids.join(', ')}.` : 'Run `repcoach playbook list` to see the playbooks you have.',
  );
}

export async function listIds(paths: Paths): Promise<string[]> {
  const ids = new Set<string>();
  for (const { dir } of searchFolders(paths)) {
    let names: string[] = [];
    try {
      names = await fs.readdir(dir);
    } catch {
      continue;
    }
    for (const n of names) if (/\.ya?ml$/.test(n)) ids.add(n.replace(/\.ya?ml$/, ''));
  }
  return [...ids].sort();
}
