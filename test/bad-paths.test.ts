/**
 * Issue 15: folders and files given on the command line that cannot be used.
 * Each gets a message that says what is wrong, within seconds (one used to spin
 * forever), and a run keeps every answer.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './harness/data.ts';
import { tempDir } from './helpers.ts';
import { miniPlaybook } from './library-helpers.ts';

function setup() {
  const root = tempDir();
  const home = path.join(root, 'home');
  const pb = path.join(root, 'mini.yaml');
  writeFileSync(pb, miniPlaybook('mini'));
  const answers = path.join(root, 'a.yaml');
  writeFileSync(answers, 'goal: A plan\nconfidence: 7\n');
  writeFileSync(path.join(root, 'afile'), 'x');
  return { root, home, run: (notes: string) => cli(home, ['run', pb, '--rep', 'Sam Lee', '--answers', answers, '--no-input', '--notes-dir', notes], { timeout: 10_000 }) };
}

const SAVED = /Every answer is saved in session \d{8}-\d{4}-\w{4}\.\nOnce the problem is fixed, run `repcoach resume \S+` to write the note \(in a script: `repcoach resume \S+ --no-input`\)\./;

describe('a notes folder that cannot be used', () => {
  it.each([
    ['/proc/self, where no folder can be made', () => '/proc/self', /The note could not be written: .*\(\/proc\/self\/sam-lee\)/],
    ['a path of 300 characters', (root: string) => path.join(root, 'x'.repeat(300)), /The note could not be written: the file name or path is too long/],
    ['a folder under a file', (root: string) => path.join(root, 'afile', 'notes'), /The note could not be written: the file or its folder is gone/],
  ])('%s: a clear message, every answer kept', (_name, notes, message) => {
    const t = setup();
    const r = t.run(notes(t.root));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(SAVED);
    expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
  });

  it('--notes-dir "" is refused before anything starts (it used to write into the current folder)', () => {
    const t = setup();
    const r = t.run('');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--notes-dir needs a folder.');
    expect(cli(t.home, ['sessions', '--json']).stdout).toContain('"sessions": []');
  });
});

describe('an output file that is a folder', () => {
  it.each([
    ['export --ics', (dir: string) => ['export', '--all', '--ics', dir]],
    ['prep --agenda', (dir: string) => ['prep', 'Sam Lee', '--agenda', dir]],
  ])('%s <folder>: says a folder stands there, naming it', (_name, args) => {
    const t = setup();
    expect(t.run(path.join(t.root, 'notes')).status).toBe(0);
    const dir = path.join(t.root, 'out');
    mkdirSync(dir);
    const r = cli(t.home, args(dir));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`repcoach: A folder stands where a file should be: ${dir}\nFix that (or choose another folder), then run the command again.\n`);
  });
});
