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
import { CLI, hasTmux, Pane, shellQuote } from './harness/tmux.ts';
import { tempDir } from './helpers.ts';

const SOCKET = `repcoach-suspend-${process.pid}`;
afterAll(() => Pane.killServer(SOCKET));

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

const bash = spawnSync('bash', ['--version']).status === 0;

describe.skipIf(!hasTmux() || !bash)('Ctrl-Z and fg', () => {
  it('the run stops, then carries on at the same prompt with the lines typed', async () => {
    const home = path.join(tempDir(), 'home');
    const playbook = path.join(tempDir(), 'suspend.yaml');
    writeFileSync(playbook, PLAYBOOK);
    // An interactive shell, for its job control: Ctrl-Z stops the program, `fg` continues it.
    const shell = Pane.command(SOCKET, 'z1', ['env', 'PS1=$ ', 'bash', '--norc', '--noprofile', '-i']);
    try {
      const cmd = `REPCOACH_HOME=${shellQuote(home)} NO_COLOR=1 ${shellQuote(process.execPath)} ${shellQuote(CLI)} run ${shellQuote(playbook)} --rep Ana --manager Maria; echo "[exit $?]"`;
      shell.type(cmd);
      shell.key('Enter');
      await shell.waitForInHistory(/\? \[1\/1 · 1\/2\] What have you tried\?/);
      shell.type('Two emails');
      shell.key('Enter');
      await shell.waitForInHistory(/^ {2}Two emails$/m);
      shell.key('C-z');
      await shell.waitForInHistory(/Stopped/);
      shell.type('fg');
      shell.key('Enter');
      // Nothing on screen tells that the program has continued: a moment for SIGCONT to reach it.
      await new Promise((r) => setTimeout(r, 500));
      shell.type('A call');
      shell.key('Enter', 'Enter');
      await shell.waitForInHistory(/What have you tried\? Two emails \/ A call/);
      const screen = await shell.waitForInHistory(/\? \[1\/1 · 2\/2\] What comes next\?/);
      // (bash runs the `echo` when the job stops: "[exit 148]" is the stop, not the end.)
      expect(screen).not.toMatch(/\[exit (?!148\])\d+\]|Paused/);
    } finally {
      Pane.killServer(SOCKET);
    }
  }, 40_000);
});
