/**
 * Reading playbooks from disk: built-ins shipped in the package, the user's own
 * folder, or a path. The thin shell around `parse.ts`.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.ts';
import type { Paths } from '../util/paths.ts';
import { LIMITS, parsePlaybook } from './parse.ts';
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
    throw new UserError(`${file} is ${Math.round(stat.size / 1024)} KiB; a ${what} may be at most ${Math.round(maxBytes / 1024)} KiB.`);
  }
  const bytes = await fs.readFile(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new UserError(`${file} is not UTF-8 text.`, `Save it as UTF-8 and try again.`);
  }
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
