/**
 * Issue 15: a full disk, on a real one. A small tmpfs is mounted where the
 * system lets the tests mount one (root on Linux); elsewhere these are skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseJournal } from '../src/model/journal.ts';
import { cli } from './harness/data.ts';
import { tempDir } from './helpers.ts';
import { miniPlaybook } from './library-helpers.ts';

/** A tmpfs of `kib` KiB, unmounted and removed when the test ends; undefined where none can be mounted. */
function smallDisk(kib: number, inTest = true): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'repcoach-disk-'));
  const remove = () => {
    spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  };
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k,mode=0700`, 'tmpfs', dir]).status !== 0) {
    remove();
    return undefined;
  }
  if (inTest) onTestFinished(remove);
  else remove();
  return dir;
}
const canMount = smallDisk(16, false) !== undefined;

/** Fill the disk under `dir` but for about `leaveKib`. */
function fill(dir: string, leaveKib: number): void {
  const free = Number(execFileSync('df', ['--output=avail', '-k', dir], { encoding: 'utf8' }).trim().split('\n')[1]);
  if (free > leaveKib) writeFileSync(path.join(dir, 'filler'), Buffer.alloc((free - leaveKib) * 1024));
}

describe.skipIf(!canMount)('a full disk', () => {
  it('an --answers run whose answer does not fit: the journal is printed, and the file on disk ends with whole entries', () => {
    const disk = smallDisk(512) ?? '';
    const home = path.join(disk, 'home');
    const root = tempDir();
    const pb = path.join(root, 'mini.yaml');
    writeFileSync(pb, miniPlaybook('mini', { extra: '      - id: story\n        text: Tell me the story.\n        type: long-text\n' }));
    const answers = path.join(root, 'answers.yaml');
    writeFileSync(answers, `goal: A plan\nconfidence: 7\nstory: "${'A long story. '.repeat(4000)}"\n`);
    // Room for the start and the first answers, not for the long one.
    mkdirSync(path.join(home, 'sessions'), { recursive: true });
    fill(disk, 40);
    const r = cli(home, ['run', pb, '--rep', 'Sam Lee', '--answers', answers, '--no-input']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/could not be saved to .*: the disk is full\./);
    expect(r.stderr).toContain('-----BEGIN REPCOACH SESSION-----');
    const dump = r.stderr.slice(r.stderr.indexOf('-----BEGIN REPCOACH SESSION-----\n') + 33, r.stderr.indexOf('-----END REPCOACH SESSION-----'));
    const entries = parseJournal(dump).entries;
    expect(entries.map((e) => (e.type === 'answer' ? e.question : e.type))).toEqual(['start', 'goal', 'confidence', 'story']);
    const journal = readdirSync(path.join(home, 'sessions')).find((n) => n.endsWith('.jsonl')) ?? '';
    const onDisk = parseJournal(readFileSync(path.join(home, 'sessions', journal), 'utf8'));
    expect(onDisk.damage).toBeUndefined();
    expect(onDisk.entries.map((e) => e.type)).toEqual(['start', 'answer', 'answer']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('no room to start a session: says the disk is full, names no journal, and suggests freeing space', () => {
    const disk = smallDisk(64) ?? '';
    const home = path.join(disk, 'home');
    const root = tempDir();
    const pb = path.join(root, 'mini.yaml');
    writeFileSync(pb, miniPlaybook('mini'));
    writeFileSync(path.join(root, 'a.yaml'), 'goal: A plan\nconfidence: 7\n');
    mkdirSync(path.join(home, 'sessions'), { recursive: true });
    fill(disk, 0);
    const r = cli(home, ['run', pb, '--rep', 'Sam Lee', '--answers', path.join(root, 'a.yaml'), '--no-input']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^repcoach: The disk is full(: \S+)?\nFree some space, then run the command again\.\n$/);
  });
});

describe('resume --no-input, for scripts', () => {
  it('lists what is missing and changes nothing; once every answer is in, writes the note', () => {
    const root = tempDir();
    const home = path.join(root, 'home');
    const pb = path.join(root, 'mini.yaml');
    writeFileSync(pb, miniPlaybook('mini', { extra: '      - id: extra\n        text: Anything else?\n        required: false\n' }));
    writeFileSync(path.join(root, 'a.yaml'), 'goal: A plan\n');
    const paused = cli(home, ['run', pb, '--rep', 'Sam Lee', '--answers', path.join(root, 'a.yaml'), '--no-input']);
    expect(paused.status).toBe(1);
    const id = /paused session (\S+)\./.exec(paused.stderr)?.[1] ?? '';
    const file = path.join(home, 'sessions', `${id}.jsonl`);
    const journal = readFileSync(file, 'utf8');

    const missing = cli(home, ['resume', id, '--no-input']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`Session ${id} still needs an answer to confidence; nothing was changed.`);
    expect(readFileSync(file, 'utf8')).toBe(journal);

    // The last answer was saved, then the note could not be written (a full disk): a script finishes it.
    writeFileSync(file, journal + JSON.stringify({ type: 'answer', at: '2026-11-23T10:00:00.000Z', question: 'confidence', value: 8 }) + '\n');
    const done = cli(home, ['resume', id, '--no-input']);
    expect(done.status, done.stderr).toBe(0);
    const note = readFileSync(done.stdout.trim(), 'utf8');
    expect(note).toContain('A plan');
    expect(note).toContain('8');
    expect(cli(home, ['sessions', '--json']).stdout).toContain('"status": "done"');
  });
});
