/**
 * Reading playbooks from disk, from the sources in their search order
 * (sources.ts) or from a path. The thin shell around `parse.ts`.
 */
import { createHash } from 'node:crypto';
import { constants as fsConstants, existsSync, lstatSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { problemAt, UserError, ValidationError, type Problem } from '../util/errors.ts';
import type { Paths } from '../util/paths.ts';
import { linkEscape } from './links.ts';
import { LIMITS } from './model.ts';
import type { SourceDoc } from './parse.ts';
import type { Playbook } from './schema.ts';
import {
  markShadowing,
  PLAYBOOK_FILE,
  playbookSources,
  sortPlaybookFiles,
  type LibraryEntry,
  type PlaybookSource,
} from './sources.ts';

export const DEFAULT_PLAYBOOK = 'one-to-one';

/** A playbook file passed over while resolving an id because it is invalid. */
interface SkippedPlaybook {
  file: string;
  source: string;
  problems: Problem[];
}

/** A playbook id: also its file name, so no path can hide in it. */
export const PLAYBOOK_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface LoadedPlaybook {
  playbook: Playbook;
  /** Where it came from: a source label (sources.ts: "built-in", "user", "team:<name>", …) or "file" for a path. */
  source: string;
  file: string;
  /** sha256 of the file's bytes: sessions record it so a changed playbook is noticed on resume. */
  hash: string;
  text: string;
  /** Invalid files with the same id in earlier sources, passed over. */
  skipped?: SkippedPlaybook[] | undefined;
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

/** The JSON Schema shipped for editors (written by `npm run build`). */
export function schemaFile(): string {
  return path.join(packageRoot(), 'schema', 'playbook.schema.json');
}

/**
 * Read a file as UTF-8 text with the size limit applied before reading.
 * Only a regular file is read: its type is checked before it is opened, the
 * open never waits (O_NONBLOCK, so a FIFO cannot hang a run), the type is
 * checked again on the open file, and no more than the limit is ever read
 * (so /dev/zero, or a file that grows, cannot exhaust memory).
 */
export async function readTextFile(file: string, what: string, maxBytes = LIMITS.bytes): Promise<string> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // The hint fits what was looked for: only a missing playbook is helped by the playbook list.
      throw new UserError(`No ${what} at ${file}.`, what === 'playbook' ? 'Check the path, or run `repcoach playbook list` to see the playbooks you have.' : 'Check the path.');
    }
    if (code === 'ELOOP') throw new UserError(`${file} is a link that loops back on itself, not ${an(what.endsWith('file') ? what : `${what} file`)}.`);
    throw new UserError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  if (stat.isDirectory()) throw new UserError(`${file} is a folder, not ${an(what.endsWith('file') ? what : `${what} file`)}.`);
  if (!stat.isFile()) throw new UserError(`${file} is not a regular file (${fileKind(stat)}); ${an(what)} is a text file.`);
  const tooBig = (size: number) => {
    const message = `the file is ${size > maxBytes * 4 ? 'over ' : ''}${Math.round(Math.min(size, maxBytes * 4 + 1024) / 1024)} KiB; ${an(what)} may be at most ${Math.round(maxBytes / 1024)} KiB`;
    return new ValidationError(file, [problemAt(file, 1, 1, '', message)], undefined, what);
  };
  if (stat.size > maxBytes) throw tooBig(stat.size);
  let bytes: Buffer;
  let handle;
  try {
    handle = await fs.open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | (fsConstants.O_NOCTTY ?? 0));
  } catch (err) {
    throw new UserError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    // The file may have been swapped since the stat: check what was opened.
    const opened = await handle.stat();
    if (!opened.isFile()) throw new UserError(`${file} is not a regular file (${fileKind(opened)}); ${an(what)} is a text file.`);
    const buf = Buffer.alloc(maxBytes + 1);
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await handle.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    if (n > maxBytes) throw tooBig(n);
    bytes = buf.subarray(0, n);
  } finally {
    await handle.close();
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    // Point at the first byte that is not UTF-8, like every other problem in a file.
    const bad = firstInvalidUtf8(bytes);
    const lineStart = bytes.subarray(0, bad).lastIndexOf(0x0a) + 1;
    const line = bytes.subarray(0, bad).filter((b) => b === 0x0a).length + 1;
    const column = new TextDecoder().decode(bytes.subarray(lineStart, bad)).length + 1;
    const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    const message = `this is not UTF-8 text (byte 0x${byte} here); this looks like a binary file, not ${an(what)}`;
    throw new ValidationError(file, [problemAt(file, line, column, '', message)], 'Save it as UTF-8 and try again.', what);
  }
}

/** "a playbook", "an answers file". */
function an(what: string): string {
  return `${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}`;
}

function fileKind(stat: import('node:fs').Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a plain file';
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

/** What reading and checking one playbook file found; never throws for a bad file. */
export interface CheckedFile {
  file: string;
  playbook?: Playbook | undefined;
  source?: SourceDoc | undefined;
  text?: string | undefined;
  hash?: string | undefined;
  problems: Problem[];
}

/**
 * Read and check a playbook file, including that its id matches its file name
 * (`repcoach run <id>` finds a playbook by file name). Every problem is
 * returned, none thrown: `validate` and the team sources need them all.
 */
export async function checkPlaybookFile(file: string, root?: string, rootName = "the team source's folder"): Promise<CheckedFile> {
  // A team source's file that is a link out of its folder is never opened (issue 14).
  const outside = root === undefined ? undefined : linkEscape(file, root, rootName);
  if (outside !== undefined) return { file, problems: [problemAt(file, 1, 1, '', outside)] };
  let text: string;
  try {
    text = await readTextFile(file, 'playbook');
  } catch (err) {
    // A ValidationError already carries its problems: keep them, rather than wrap its whole message in another.
    if (err instanceof ValidationError) return { file, problems: err.problems };
    if (!(err instanceof UserError)) throw err;
    return { file, problems: [problemAt(file, 1, 1, '', err.message.replace(/\.$/, ''))] };
  }
  const hash = hashText(text);
  const name = path.basename(file).replace(PLAYBOOK_FILE, '');
  const known = (await prebuilt())[hash];
  if (known && known.id === name) return { file, playbook: known, text, hash, problems: [] };
  const { atPath, checkPlaybook } = await import('./parse.ts');
  const { playbook, source, problems } = checkPlaybook(text, file);
  if (playbook && source && playbook.id !== name) {
    problems.push(
      atPath(source, ['id'], `the id "${playbook.id}" does not match the file name ${path.basename(file)}; playbooks are found by file name, so rename the file to ${playbook.id}.yaml or change the id`),
    );
  }
  const ok = playbook !== undefined && !problems.some((p) => p.severity === 'error');
  return { file, playbook: ok ? playbook : undefined, source, text, hash, problems };
}

export async function loadPlaybookFile(file: string, source: string): Promise<LoadedPlaybook> {
  const text = await readTextFile(file, 'playbook');
  const hash = hashText(text);
  const playbook = (await prebuilt())[hash] ?? (await import('./parse.ts')).parsePlaybook(text, file);
  return { playbook, source, file, hash, text };
}

let prebuiltCache: Promise<Record<string, Playbook>> | undefined;

/**
 * The built-in playbooks, parsed and validated when the package is built
 * (dist/builtin-playbooks.json, keyed by the sha256 of each file's text). A
 * file whose text hashes to a key is that playbook, so parsing it again — and
 * loading the YAML and schema libraries to do so — is skipped (issue 7). Any
 * other text, or a missing or unreadable cache, is parsed as usual.
 */
function prebuilt(): Promise<Record<string, Playbook>> {
  prebuiltCache ??= fs
    .readFile(path.join(packageRoot(), 'dist', 'builtin-playbooks.json'), 'utf8')
    .then((text) => JSON.parse(text) as Record<string, Playbook>)
    .catch(() => ({}));
  return prebuiltCache;
}

function looksLikePath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || /\.ya?ml$/i.test(ref);
}

export interface SourceOptions {
  env?: NodeJS.ProcessEnv | undefined;
  cwd?: string | undefined;
  /** Folders given on the command line, searched first. */
  extra?: readonly string[] | undefined;
}

/** The search order for this user (see sources.ts). */
export function sourcesFor(paths: Paths, opts: SourceOptions = {}): Promise<PlaybookSource[]> {
  return playbookSources(paths, { ...opts, builtin: builtinDir() });
}

/**
 * Resolve a playbook given as an id or a path. An id is looked up in the
 * sources in order; an invalid file is skipped (and listed in `skipped`) so a
 * broken team playbook never hides a working one further down. When only
 * invalid files have the id, the first one's problems are thrown.
 */
export async function resolvePlaybook(
  ref: string,
  paths: Paths,
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<LoadedPlaybook> {
  if (looksLikePath(ref)) return loadPlaybookFile(path.resolve(cwd, ref), 'file');
  if (!PLAYBOOK_ID.test(ref)) {
    throw new UserError(`"${ref}" is not a playbook id or a .yaml file.`, 'Run `repcoach playbook list` to see the ids.');
  }
  const skipped: SkippedPlaybook[] = [];
  for (const source of await sourcesFor(paths, { env, cwd })) {
    if (source.refused) continue;
    for (const ext of ['.yaml', '.yml']) {
      const file = path.join(source.dir, ref + ext);
      if (!present(file)) continue;
      const checked = await checkPlaybookFile(file, source.root);
      if (checked.playbook && checked.text !== undefined && checked.hash !== undefined) {
        return { playbook: checked.playbook, source: source.label, file, hash: checked.hash, text: checked.text, skipped };
      }
      skipped.push({ file, source: source.label, problems: checked.problems });
    }
  }
  const first = skipped[0];
  if (first) {
    throw new ValidationError(first.file, first.problems, `Fix it, then check it with: repcoach playbook validate ${first.file}`);
  }
  const ids = await listIds(paths, env);
  throw new UserError(
    `No playbook with the id "${ref}".`,
    ids.length ? `Available: ${ids.join(', ')}.` : 'Run `repcoach playbook list` to see the playbooks you have.',
  );
}

/** Every id any source has a file for (valid or not), sorted. */
export async function listIds(paths: Paths, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const ids = new Set<string>();
  for (const { dir, refused } of await sourcesFor(paths, { env })) {
    if (refused) continue;
    for (const n of await playbookFiles(dir)) ids.add(n.replace(PLAYBOOK_FILE, ''));
  }
  return [...ids].sort();
}

/** Something is at `file`, a dangling link included (so it is reported, not silently passed over). */
function present(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** The playbook file names in a folder (not recursive); none when it cannot be read. */
export async function playbookFiles(dir: string): Promise<string[]> {
  try {
    return sortPlaybookFiles(await fs.readdir(dir));
  } catch {
    return [];
  }
}

/** One checked file in the library: a LibraryEntry plus the playbook when it is valid. */
export interface CheckedEntry extends LibraryEntry {
  playbook?: Playbook | undefined;
}

export interface Library {
  sources: Array<PlaybookSource & { exists: boolean }>;
  /** Every playbook file of every source, in search order, with shadowing marked. */
  entries: CheckedEntry[];
}

/** Read every source and check every playbook in it: what `playbook list` shows. */
export async function loadLibrary(paths: Paths, opts: SourceOptions = {}): Promise<Library> {
  const sources = await sourcesFor(paths, opts);
  const found: Library['sources'] = [];
  const entries: CheckedEntry[] = [];
  for (const source of sources) {
    found.push({ ...source, exists: existsSync(source.dir) });
    if (source.refused) continue;
    for (const name of await playbookFiles(source.dir)) {
      const checked = await checkPlaybookFile(path.join(source.dir, name), source.root);
      entries.push({
        id: name.replace(PLAYBOOK_FILE, ''),
        file: checked.file,
        source,
        valid: checked.playbook !== undefined,
        problems: checked.problems,
        playbook: checked.playbook,
      });
    }
  }
  return { sources: found, entries: markShadowing(entries) };
}

/**
 * Check every playbook file in one folder (not recursive), in name order.
 * With `root`, a link that leads out of it is refused, not read.
 */
export async function checkFolder(dir: string, root?: string): Promise<CheckedFile[]> {
  const out: CheckedFile[] = [];
  for (const name of await playbookFiles(dir)) out.push(await checkPlaybookFile(path.join(dir, name), root));
  return out;
}
