/**
 * Issue 15: the docs recommend copying the data folder for backups and moves.
 * A copy must never reach back into the original: its sessions find their own
 * notes, and `encryption on|off` in the copy leaves the original's files alone.
 */
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEncryptedText } from '../src/crypto/envelope.ts';
import { cli, passFile } from './harness/data.ts';
import { filesUnder, tempDir } from './helpers.ts';
import { miniPlaybook } from './library-helpers.ts';

function homeWithOneNote(): { root: string; home: string; note: string } {
  const root = tempDir();
  const home = path.join(root, 'home');
  const pb = path.join(root, 'mini.yaml');
  writeFileSync(pb, miniPlaybook('mini'));
  writeFileSync(path.join(root, 'answers.yaml'), 'goal: A plan\nconfidence: 7\n');
  const r = cli(home, ['run', pb, '--rep', 'Sam Lee', '--answers', path.join(root, 'answers.yaml'), '--no-input']);
  expect(r.status, r.stderr).toBe(0);
  return { root, home, note: r.stdout.trim() };
}

const journalsOf = (home: string) => readdirSync(path.join(home, 'sessions')).filter((n) => n.endsWith('.jsonl')).map((n) => path.join(home, 'sessions', n));

describe('a copied home', () => {
  it('keeps note paths relative to the journal, so the copy shows its own note', () => {
    const { root, home, note } = homeWithOneNote();
    const journal = readFileSync(journalsOf(home)[0] ?? '', 'utf8');
    expect(journal).toContain('"note":"../notes/sam-lee/');
    expect(journal).not.toContain(home);
    const copy = path.join(root, 'copy');
    cpSync(home, copy, { recursive: true });
    const shown = cli(copy, ['sessions', '--json']);
    expect(shown.status, shown.stderr).toBe(0);
    const sessions = (JSON.parse(shown.stdout) as { sessions: Array<{ note: string | null }> }).sessions;
    expect(sessions[0]?.note).toBe(note.replace(home, copy));
  });

  it('encryption on in a copy leaves the original home plain, and off decrypts only the copy', () => {
    const { root, home, note } = homeWithOneNote();
    const copy = path.join(root, 'copy');
    cpSync(home, copy, { recursive: true });
    // An older journal recorded the note's absolute path: in the copy it still names the original.
    for (const j of journalsOf(copy)) writeFileSync(j, readFileSync(j, 'utf8').replace(/"note":"[^"]+"/, `"note":${JSON.stringify(note)}`));
    const pass = passFile(root);
    const on = cli(copy, ['encryption', 'on', '--passphrase-file', pass], { timeout: 60_000 });
    expect(on.status, on.stderr).toBe(0);
    expect(on.stderr).toContain('left as it is');
    expect(on.stderr).toContain(note);
    for (const f of filesUnder(home)) expect(isEncryptedText(readFileSync(f, 'utf8')), f).toBe(false);
    const copied = filesUnder(path.join(copy, 'notes'));
    expect(copied).toHaveLength(1);
    for (const f of copied) expect(isEncryptedText(readFileSync(f, 'utf8')), f).toBe(true);

    // The original turned on with its own key; the copy turning off must not decrypt it.
    const onOriginal = cli(home, ['encryption', 'on', '--passphrase-file', passFile(tempDir(), 'another passphrase')], { timeout: 60_000 });
    expect(onOriginal.status, onOriginal.stderr).toBe(0);
    const off = cli(copy, ['encryption', 'off', '--passphrase-file', pass], { timeout: 60_000 });
    expect(off.status, off.stderr).toBe(0);
    expect(isEncryptedText(readFileSync(note, 'utf8'))).toBe(true);
    for (const f of copied) expect(isEncryptedText(readFileSync(f, 'utf8')), f).toBe(false);
  }, 120_000);
});

describe('exports with encryption on (issue 15)', () => {
  it('say they are not encrypted, and never write plain text over the encrypted notes', () => {
    const { root, home } = homeWithOneNote();
    const pass = passFile(root);
    expect(cli(home, ['encryption', 'on', '--passphrase-file', pass], { timeout: 60_000 }).status).toBe(0);
    const out = path.join(root, 'exported');
    const r = cli(home, ['export', '--all', '--out', out, '--passphrase-file', pass]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('encryption is on, but exported files and output are not encrypted');
    for (const f of filesUnder(out)) expect(isEncryptedText(readFileSync(f, 'utf8'))).toBe(false);
    const over = cli(home, ['export', '--all', '--out', path.join(home, 'notes'), '--passphrase-file', pass]);
    expect(over.status).toBe(2);
    expect(over.stderr).toContain('would put plain-text notes where the encrypted ones are');
    for (const f of filesUnder(path.join(home, 'notes'))) expect(isEncryptedText(readFileSync(f, 'utf8')), f).toBe(true);
  }, 60_000);
});
