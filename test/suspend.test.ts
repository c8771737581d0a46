/**
 * Ctrl-Z, then the shell's `fg` (SIGCONT), in a real pseudo-terminal: the run
 * carries on at the same prompt with what was typed. readline pauses its input on
 * SIGCONT, which must not be taken for the end of input (prompts/io.ts); before,
 * the program ended silently there with its session left "in progress".
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, hasTmux, shellQuote } from './harness/tmux.ts';
import { tempDir } from './helpers.ts';

const SOCKET = `repcoach-suspend-${process.pid}`;
afterAll(() => {
  spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

const PLAYBOOK = `id: suspend
title: Suspend
description: Two questions.
version: "1.0.0"
stages:
  - id: only
    title: Only
    goal: Two answers.
    questions:
      - id: tried
        text: What have you tried?
        type: long-text
      - id: next
        text: What comes next?
`;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}

async function waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', 'z1');
    if (pattern.test(screen)) return screen;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${screen}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

const bash = spawnSync('bash', ['--version']).status === 0;

describe.skipIf(!hasTmux() || !bash)('Ctrl-Z and fg', () => {
  it('the run stops, then carries on at the same prompt with the lines typed', async () => {
    const home = path.join(tempDir(), 'home');
    const playbook = path.join(tempDir(), 'suspend.yaml');
    writeFileSync(playbook, PLAYBOOK);
    // An interactive shell, for its job control: Ctrl-Z stops the program, `fg` continues it.
    tmux('new-session', '-d', '-s', 'z1', '-x', '120', '-y', '40', 'env', 'PS1=$ ', 'bash', '--norc', '--noprofile', '-i');
    try {
      const cmd = `REPCOACH_HOME=${shellQuote(home)} NO_COLOR=1 ${shellQuote(process.execPath)} ${shellQuote(CLI)} run ${shellQuote(playbook)} --rep Ana --manager Maria; echo "[exit $?]"`;
      tmux('send-keys', '-t', 'z1', '-l', cmd);
      tmux('send-keys', '-t', 'z1', 'Enter');
      await waitFor(/\? \[1\/1 · 1\/2\] What have you tried\?/);
      tmux('send-keys', '-t', 'z1', '-l', 'Two emails');
      tmux('send-keys', '-t', 'z1', 'Enter');
      await waitFor(/^ {2}Two emails$/m);
      tmux('send-keys', '-t', 'z1', 'C-z');
      await waitFor(/Stopped/);
      tmux('send-keys', '-t', 'z1', '-l', 'fg');
      tmux('send-keys', '-t', 'z1', 'Enter');
      await new Promise((r) => setTimeout(r, 500));
      tmux('send-keys', '-t', 'z1', '-l', 'A call');
      tmux('send-keys', '-t', 'z1', 'Enter', 'Enter');
      await waitFor(/What have you tried\? Two emails \/ A call/);
      const screen = await waitFor(/\? \[1\/1 · 2\/2\] What comes next\?/);
      // (bash runs the `echo` when the job stops: "[exit 148]" is the stop, not the end.)
      expect(screen).not.toMatch(/\[exit (?!148\])\d+\]|Paused/);
    } finally {
      spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    }
  }, 40_000);
});
