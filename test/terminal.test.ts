/**
 * End to end in a real pseudo-terminal (tmux): two terminals on one session,
 * kill -9 and resume, a folder that disappears mid-run, and a playbook that
 * tries to rewrite the terminal.
 */
import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSession } from '../src/store/store.ts';
import { cli } from './harness/data.ts';
import { hasTmux, Pane } from './harness/tmux.ts';
import { tempDir } from './helpers.ts';

const SOCKET = `repcoach-terminal-${process.pid}`;
let panes = 0;
afterAll(() => Pane.killServer(SOCKET));

function home(): string {
  return path.join(tempDir(), 'home');
}

function start(h: string, args: string[]): Pane {
  return Pane.start(SOCKET, `t${++panes}`, args, { REPCOACH_HOME: h, NO_COLOR: '1', TERM: 'xterm-256color' });
}

const FIRST = /\? \[1\/5 · 1\/3\] What do you want to walk out of this conversation with, Sam\?/;
const SECOND = /\? \[1\/5 · 2\/3\] Which situation or deal/;

function sessionFiles(h: string): string[] {
  const dir = path.join(h, 'sessions');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.jsonl')).map((n) => path.join(dir, n)) : [];
}

describe.skipIf(!hasTmux())('in a terminal', () => {
  it('a second terminal is told the session is open elsewhere; after a kill -9 it resumes with every answer', async () => {
    const h = home();
    const a = start(h, ['run', '--rep', 'Sam', '--manager', 'Maria']);
    await a.waitFor(FIRST);
    a.type('A plan for the Acme renewal');
    a.key('Enter');
    await a.waitFor(SECOND);
    const [file] = sessionFiles(h);
    const id = path.basename(file ?? '', '.jsonl');
    const pidA = a.programPid();

    const b = start(h, ['resume', id]);
    expect(await b.waitForExit()).toBe(1);
    expect(b.history()).toMatch(new RegExp(`Session ${id} is open in another terminal: process ${pidA} on this computer, since \\d\\d:\\d\\d`));
    b.close();

    // The first terminal carries on, then dies without a chance to clean up.
    a.type('Acme');
    a.key('Enter');
    await a.waitFor(/\? \[1\/5 · 3\/3\] What kind of help/);
    process.kill(pidA ?? 0, 'SIGKILL');
    expect(await a.waitForExit()).toBe(137);
    a.close();
    expect(existsSync(path.join(h, 'sessions', `${id}.lock`))).toBe(true);

    const c = start(h, ['resume']);
    const screen = await c.waitFor(/\? \[1\/5 · 3\/3\] What kind of help/);
    expect(screen).toContain(`Resuming session ${id}`);
    expect(screen).toMatch(/What do you want to walk out of this conversation with, Sam\? → A plan for the Acme renewal/);
    expect(screen).toMatch(/Which situation or deal do you want to spend most of our time on\? → Acme/);
    // Ctrl-C pauses and releases the lock.
    c.key('C-c');
    expect(await c.waitForExit()).toBe(130);
    c.close();
    expect(existsSync(path.join(h, 'sessions', `${id}.lock`))).toBe(false);
    const loaded = await loadSession(file ?? '');
    expect(loaded.state.status).toBe('paused');
    expect([...loaded.state.answers]).toEqual([
      ['outcome', 'A plan for the Acme renewal'],
      ['topic', 'Acme'],
    ]);
  });

  it('when the sessions folder is gone mid-run, the answers are saved to another folder on request', async () => {
    const h = home();
    const a = start(h, ['run', '--rep', 'Sam', '--manager', 'Maria']);
    await a.waitFor(FIRST);
    a.type('Keep this answer');
    a.key('Enter');
    await a.waitFor(SECOND);
    const sessions = path.join(h, 'sessions');
    const [file] = sessionFiles(h);
    renameSync(sessions, `${sessions}.away`);
    writeFileSync(sessions, 'in the way');
    a.type('And this one');
    a.key('Enter');
    await a.waitFor(/Folder to save them in/);
    expect(a.history()).toMatch(/The last answer could not be saved to .*: the file or its folder is gone/);
    expect(a.history()).toMatch(/Nothing is lost yet: this session's 2 answers are still in memory/);
    const usb = path.join(path.dirname(h), 'usb');
    await mkdir(usb);
    a.type(usb);
    a.key('Enter');
    expect(await a.waitForExit()).toBe(1);
    const copy = path.join(usb, path.basename(file ?? ''));
    expect(a.history()).toContain(`Saved to ${copy}.`);
    const saved = await loadSession(copy);
    expect([...saved.state.answers.values()]).toEqual(['Keep this answer', 'And this one']);
    a.close();
  });

  it('escape sequences in a playbook and in answers never reach the terminal', async () => {
    const h = home();
    const playbooks = path.join(h, 'playbooks');
    await mkdir(playbooks, { recursive: true });
    writeFileSync(
      path.join(playbooks, 'evil.yaml'),
      [
        'id: evil',
        'title: "Evil \\e[31mtitle\\e]0;PWNED\\a"',
        'description: x',
        'version: "1"',
        'stages:',
        '  - id: s',
        '    title: "Stage \\e[2J\\e[H one"',
        '    goal: "Goal \\e[31mred\\e[0m"',
        '    tip: "Tip \\e]52;c;cHduZWQ=\\a here"',
        '    questions:',
        '      - { id: a, text: "Question \\e[5mblink\\e[0m?", help: "Help \\u009b31m text" }',
        '      - { id: b, text: "Pick one", type: choice, options: ["\\e[31mred option", "plain"] }',
        '',
      ].join('\n'),
    );
    const answers = path.join(path.dirname(h), 'answers.json');
    writeFileSync(answers, JSON.stringify({ a: 'Answer \u001b[41mwith a red background\u001b]0;PWNED\u0007' }));
    // The answers file leaves the choice unanswered: the session pauses, and resume shows the answer in its recap.
    const first = cli(h, ['run', 'evil', '--rep', 'Sam \u001b[31mRed', '--answers', answers, '--no-input']);
    expect(first.status).toBe(1);
    expect(first.stderr).not.toContain('\u001b');
    const p = start(h, ['resume']);
    await p.waitFor(/\? \[1\/1 · 2\/2\] Pick one/);
    const screen = p.screen(true);
    // -e: tmux writes the colours and attributes of the screen as escape sequences; there must be none.
    expect(screen).not.toContain('\u001b');
    expect(screen).toContain('Answered so far:');
    expect(screen).toMatch(/Question blink\? → Answer with a red background/);
    expect(screen).toContain('red option');
    expect(p.title()).not.toContain('PWNED');
    p.key('C-c');
    await p.waitForExit();
    p.close();
    const list = cli(h, ['sessions']);
    expect(list.stdout).toContain('Sam Red');
    expect(list.stdout + list.stderr).not.toContain('\u001b');
  });
});
