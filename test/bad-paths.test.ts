/**
 * Issue 15: folders and files given on the command line that cannot be used.
 * Each gets a message that says what is wrong, within seconds (one used to spin
 * forever), and a run keeps every answer.
 */
import { chmodSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
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

describe('links and folders others can reach (issue 15)', () => {
  it('a rep folder linked out of the notes folder: no note through it, by name, answers kept', () => {
    const t = setup();
    const outside = path.join(t.root, 'elsewhere');
    mkdirSync(outside);
    mkdirSync(path.join(t.home, 'notes'), { recursive: true });
    symlinkSync(outside, path.join(t.home, 'notes', 'sam-lee'));
    const r = cli(t.home, ['run', path.join(t.root, 'mini.yaml'), '--rep', 'Sam Lee', '--answers', path.join(t.root, 'a.yaml'), '--no-input']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${path.join(t.home, 'notes', 'sam-lee')} is a link to ${outside}, outside the notes folder`);
    expect(r.stderr).toMatch(/Every answer is saved in session \d{8}-\d{4}-\w{4}\./);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('a sessions folder that is a link to a folder others can write to: no session is started there', () => {
    const t = setup();
    const shared = path.join(t.root, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    mkdirSync(t.home, { recursive: true });
    symlinkSync(shared, path.join(t.home, 'sessions'));
    const r = t.run(path.join(t.root, 'notes'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`The sessions folder ${path.join(t.home, 'sessions')} (a link to ${shared}) can be written by other users (mode 777); no session is started in it.`);
    expect(readdirSync(shared)).toEqual([]);
  });

  it('a passphrase file others can read is not used', () => {
    const t = setup();
    const file = path.join(t.root, 'pass');
    writeFileSync(file, 'correct horse battery staple\n');
    chmodSync(file, 0o644);
    const r = cli(t.home, ['encryption', 'on', '--passphrase-file', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`The passphrase file ${file} can be read by other users (mode 644); it is not used.`);
    expect(r.stderr).toContain(`chmod 600 '${file}'`);
    expect(cli(t.home, ['encryption', 'status']).stdout).toContain('Encryption is off.');
  });
});
