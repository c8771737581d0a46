/**
 * Issue 15: a killed `encryption off` leaves plain-text temp files beside
 * encrypted ones. Every command's start removes them (not only the next run),
 * and `encryption status` says it did.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './harness/data.ts';
import { tempDir } from './helpers.ts';

/** The pid of a process that has ended: a temp file carrying it is a dead writer's. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('temp files left by a killed command', () => {
  it('are removed when any command starts, and encryption status says so', () => {
    const home = path.join(tempDir(), 'home');
    const notes = path.join(home, 'notes', 'sam-lee');
    mkdirSync(notes, { recursive: true });
    mkdirSync(path.join(home, 'sessions'), { recursive: true });
    const pid = deadPid();
    const left = [
      path.join(notes, `.repcoach-tmp-${pid}-2026-11-23-one-to-one.md.ab12`),
      path.join(home, 'sessions', `.repcoach-tmp-${pid}-20261123-0945-abcd.jsonl.ab13`),
    ];
    for (const f of left) writeFileSync(f, 'plain text of a note being decrypted\n');
    const alive = path.join(notes, `.repcoach-tmp-${process.pid}-still-being-written.md.ab14`);
    writeFileSync(alive, 'another terminal is writing this\n');

    const history = cli(home, ['history']);
    expect(history.status, history.stderr).toBe(0);
    for (const f of left) expect(existsSync(f), f).toBe(false);
    expect(existsSync(alive)).toBe(true);

    for (const f of left) writeFileSync(f, 'plain text again\n');
    const status = cli(home, ['encryption', 'status']);
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/2 temporary files left by a command that was stopped midway .* were removed just now/);
    const again = cli(home, ['encryption', 'status']);
    expect(again.stdout).not.toMatch(/temporary/);
  });
});
