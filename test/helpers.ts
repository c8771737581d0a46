import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, onTestFinished } from 'vitest';
import { resolvePaths, type Paths } from '../src/util/paths.ts';

/**
 * A fresh temp folder, removed when the test that asked for it finishes. Inside a
 * test, afterEach() would register too late to run, so onTestFinished() is used;
 * outside one (in a describe body) it falls back to afterEach().
 */
export function tempDir(prefix = 'repcoach-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    afterEach(remove);
  }
  return dir;
}

/**
 * A fresh temp folder for a concurrent test, removed when that test finishes: the global
 * onTestFinished() cannot tell concurrent tests apart, so the test's own context is given.
 */
export function tempDirFor(test: { onTestFinished: (fn: () => void) => void }, prefix = 'repcoach-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  test.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Paths for a private REPCOACH_HOME in a temp folder. */
export function tempPaths(): Paths {
  return resolvePaths({ REPCOACH_HOME: tempDir() });
}

/** Every file under `dir`, in all its subfolders. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** No global or system git config under `home`, so a test sees what a fresh machine sees. */
export function isolatedGitEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'], HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(home, 'no-gitconfig') };
}

/**
 * git's output in `dir`. Its error output is captured, not passed to the test run's terminal:
 * a call expected to fail throws with git's message in the error, and prints nothing.
 */
export function git(dir: string, env: NodeJS.ProcessEnv, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
