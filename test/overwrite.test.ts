/**
 * Issue 15: nothing overwritten. Two runs for one rep that finish together
 * must not take the same note path; a note the tool cannot read is not free.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNote } from '../src/note/write.ts';
import { foldJournal, type JournalEntry } from '../src/model/journal.ts';
import { startFields } from './harness/data.ts';
import { CLI } from './harness/tmux.ts';
import { tempDir, tempPaths } from './helpers.ts';
import { miniPlaybook } from './library-helpers.ts';

function runCli(home: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: home,
      env: { PATH: process.env['PATH'] ?? '', HOME: home, REPCOACH_HOME: home, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('note names under races', () => {
  it('parallel runs for one rep, one playbook, one day: one note each, none overwritten', async () => {
    const home = tempDir();
    const pb = path.join(home, 'mini.yaml');
    writeFileSync(pb, miniPlaybook('mini'));
    const answers = path.join(home, 'answers.yaml');
    writeFileSync(answers, 'goal: A plan\nconfidence: 7\n');
    const runs = 12;
    const results = await Promise.all(Array.from({ length: runs }, () => runCli(home, ['run', pb, '--rep', 'Sam Lee', '--answers', answers, '--no-input'])));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const printed = results.map((r) => r.stdout.trim());
    expect(new Set(printed).size).toBe(runs);
    const notes = readdirSync(path.join(home, 'notes', 'sam-lee'));
    expect(notes).toHaveLength(runs);
    // Each note names its own session, and each session's journal names its own note.
    const sessions = new Set(printed.map((p) => /^session: "?([^"\n]+)"?$/m.exec(readFileSync(p, 'utf8'))?.[1]));
    expect(sessions.size).toBe(runs);
  }, 60_000);

  it('notes written at the same moment each claim a name of their own', async () => {
    const paths = tempPaths();
    const start = await startFields(paths);
    const states = ['20261123-0945-aaaa', '20261123-0946-bbbb', '20261123-0947-cccc'].map((id) =>
      foldJournal([{ type: 'start', v: 1, id, ...start } as JournalEntry]),
    );
    // Started together, every check that a name is free happens before any note is written.
    const written = await Promise.all(states.map((state) => writeNote(paths.notes, state)));
    expect(new Set(written).size).toBe(3);
    for (const [i, file] of written.entries()) expect(readFileSync(file, 'utf8')).toContain(`session: "${states[i]?.start.id}"`);
  });

  it('a name the tool cannot read as a note is not free: the new note takes the name with its id', async () => {
    const paths = tempPaths();
    const start = await startFields(paths);
    const state = foldJournal([{ type: 'start', v: 1, id: '20261123-0945-abcd', ...start } as JournalEntry]);
    const plain = path.join(paths.notes, 'sam-lee', '2026-11-23-one-to-one.md');
    // A folder by the note's name: opened by anyone, root included, it reads as no note at all.
    mkdirSync(plain, { recursive: true });
    writeFileSync(path.join(plain, 'kept.txt'), 'kept');
    const written = await writeNote(paths.notes, state);
    expect(written).toBe(plain.replace(/\.md$/, '-20261123-0945-abcd.md'));
    expect(readFileSync(path.join(plain, 'kept.txt'), 'utf8')).toBe('kept');
    // Written again (a finish cut off after the note): the same file, not a third name.
    expect(await writeNote(paths.notes, state)).toBe(written);
  });
});
