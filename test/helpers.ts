import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { resolvePaths, type Paths } from '../src/util/paths.ts';

/** A fresh temp folder for this test, removed afterwards. */
export function tempDir(prefix = 'repcoach-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Paths for a private REPCOACH_HOME in a temp folder. */
export function tempPaths(): Paths {
  return resolvePaths({ REPCOACH_HOME: tempDir() });
}
