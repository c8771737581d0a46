/**
 * What every command gets from the entry point: where data lives, the
 * environment, the terminal, the clock. Passed in, so tests control all of it.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resolvePaths, type Paths } from '../util/paths.ts';
import { colorLevel } from '../util/term.ts';

export interface CommandContext {
  paths: Paths;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  color: 0 | 1 | 2 | 3;
  now: () => Date;
  /** Short random ids for action items. */
  newId: () => string;
  /** Temp files that killed processes had left, removed as this command started (leftoversAtStart). */
  leftovers?: readonly string[] | undefined;
}

export function processContext(opts: { color?: boolean } = {}): CommandContext {
  const env = process.env;
  return {
    paths: resolvePaths(env),
    env,
    cwd: process.cwd(),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stdout: process.stdout,
    stderr: process.stderr,
    color: colorLevel(env, Boolean(process.stdout.isTTY), opts.color),
    now: () => new Date(),
    newId: () => randomBytes(3).toString('hex'),
  };
}

export function println(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(text + '\n');
}

/**
 * Every command starts by removing the temp files a killed process left in the
 * data, sessions, settings and notes folders (issue 15): a killed `encryption off`
 * leaves plain-text copies beside encrypted files, which must not wait for the
 * next run. A problem here never stops the command: the next start tries again.
 */
export async function leftoversAtStart(ctx: CommandContext): Promise<readonly string[]> {
  try {
    const { cleanLeftovers } = await import('../util/cleanup.ts');
    return await cleanLeftovers(ctx.paths, await configuredNotesDir(ctx.paths));
  } catch {
    return [];
  }
}

/**
 * The notes folder the settings name, read without opening them: a damaged
 * settings file is for the command itself to report and set aside (config/settings.ts).
 */
async function configuredNotesDir(paths: Paths): Promise<string> {
  try {
    const value: unknown = (JSON.parse(await readFile(path.join(paths.config, 'config.json'), 'utf8')) as { notesDir?: unknown } | null)?.notesDir;
    if (typeof value === 'string' && value.trim() !== '') return path.resolve(value);
  } catch {
    // no settings, or damaged ones: the default folder
  }
  return paths.notes;
}
