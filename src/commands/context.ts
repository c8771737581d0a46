/**
 * What every command gets from the entry point: where data lives, the
 * environment, the terminal, the clock. Passed in, so tests control all of it.
 */
import { randomBytes } from 'node:crypto';
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
