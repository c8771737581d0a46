/**
 * Issue 15: a journal copied under another name ("<id> (1).jsonl", as sync
 * tools and file managers name copies) holds the same session. It is counted
 * once, everywhere, and named, so the manager can delete it.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './harness/data.ts';
import { tempDir } from './helpers.ts';

const PLAYBOOK = `id: act
title: Actions
description: One action list.
version: "1"
stages:
  - id: s
    title: Action
    goal: Decide.
    questions:
      - id: actions
        text: What next?
        type: actions
`;

/** A home with one finished session for Sam Lee, whose one action is "Call Dana" (`extra`: more of the action), summarised once. */
function finishedSession(extra = ''): string {
  const root = tempDir();
  const home = path.join(root, 'home');
  writeFileSync(path.join(root, 'act.yaml'), PLAYBOOK);
  writeFileSync(path.join(root, 'a.yaml'), `actions:\n  - what: Call Dana\n    owner: rep\n${extra}`);
  const run = cli(home, ['run', path.join(root, 'act.yaml'), '--rep', 'Sam Lee', '--answers', path.join(root, 'a.yaml'), '--no-input']);
  expect(run.status, run.stderr).toBe(0);
  expect(cli(home, ['sessions']).status).toBe(0);
  return home;
}

describe('a second copy of a session file', () => {
  it('is counted once in reps, sessions, history, stats and the calendar, named in a warning, and show finds the original', () => {
    const home = finishedSession('    due: 2030-12-20\n');
    const root = path.dirname(home);
    const sessions = path.join(home, 'sessions');
    const name = readdirSync(sessions).find((n) => n.endsWith('.jsonl')) ?? '';
    const id = name.replace(/\.jsonl$/, '');
    const copy = path.join(sessions, `${id} (1).jsonl`);
    copyFileSync(path.join(sessions, name), copy);

    const reps = cli(home, ['reps', '--json']);
    expect((JSON.parse(reps.stdout) as { reps: Array<{ sessions: number }> }).reps[0]?.sessions).toBe(1);
    expect(reps.stderr).toContain(`skipped ${copy}: it is a second copy of session ${id} (${name})`);
    const listed = cli(home, ['sessions']);
    expect(listed.stdout.split('\n').filter((l) => l.startsWith(id))).toHaveLength(1);
    expect(listed.stderr).toContain(copy);
    const history = cli(home, ['history', '--json']);
    expect((JSON.parse(history.stdout) as { sessions: unknown[] }).sessions).toHaveLength(1);
    const ics = path.join(root, 'f.ics');
    expect(cli(home, ['export', '--all', '--ics', ics]).status).toBe(0);
    expect(readFileSync(ics, 'utf8').match(/BEGIN:VEVENT/g)).toHaveLength(1);
    const shown = cli(home, ['show', id.slice(0, 13)]);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Call Dana');
  });
});

describe('a damaged index (issue 15)', () => {
  it('`sessions` says it was set aside, as the docs promise, and still lists every session', () => {
    const home = finishedSession();
    writeFileSync(path.join(home, 'index.json'), '{ this is not an index\n');
    const r = cli(home, ['sessions']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/index\.json could not be read .*moved to .*quarantine/s);
    expect(r.stdout).toMatch(/Sam Lee/);
  });
});

describe('a finished session damaged in the middle (issue 15)', () => {
  it('is saved in place and listed as done at once, its commitment still open for the rep', () => {
    const home = finishedSession();
    const file = path.join(home, 'sessions', readdirSync(path.join(home, 'sessions')).find((n) => n.endsWith('.jsonl')) ?? '');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(1, 0, '{ garbage that a hand edit left');
    writeFileSync(file, lines.join('\n'));
    const r = cli(home, ['sessions']);
    expect(r.stderr).toMatch(/was damaged .*line 2 was left out/);
    expect(r.stdout).toMatch(/Sam Lee\s+act\s+done/);
    const prep = cli(home, ['prep', 'Sam Lee']);
    expect(prep.stdout).toContain('Call Dana');
  });
});
