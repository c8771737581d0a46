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

/** Paths for a private REPCOACH_HOME in a temp folder. */
export function tempPaths(): Paths {
  return resolvePaths({ REPCOACH_HOME: tempDir() });
}

/** Every file under `dir`, in all its subfolders. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
