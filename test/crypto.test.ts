/** The encrypted file format (src/crypto/envelope.ts): table tests of what must open and what must fail, and how. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT,
  DecryptError,
  deriveMasterKey,
  headerOf,
  HEADER_PREFIX,
  isEncryptedText,
  newKdf,
  openRecords,
  openText,
  sealRecords,
  type KdfParams,
} from '../src/crypto/envelope.ts';

const FAST: KdfParams = { name: 'scrypt', N: 2 ** 10, r: 8, p: 1, salt: 'c2FsdHNhbHRzYWx0c2FsdA==' };
const NOTE = '---\nrep: Sam Lee\n---\n\n# Coaching note: Sam Lee\n\nÜnïcødé, "quotes" and a\ttab.\n';

async function sealed(text = NOTE, kdf = FAST, passphrase = 'right passphrase') {
  const master = await deriveMasterKey(passphrase, kdf);
  return { master, file: sealRecords(master, kdf, [text]) };
}

/** Change one character of the base64 of record `index` (0-based after the header), at `at`. */
function flipRecordChar(file: string, at: number): string {
  const lines = file.split('\n');
  const line = lines[1] ?? '';
  const c = line[at] === 'A' ? 'B' : 'A';
  lines[1] = line.slice(0, at) + c + line.slice(at + 1);
  return lines.join('\n');
}

describe('encrypted files', () => {
  it('round-trips text, with a fresh salt and IV on every write', async () => {
    const { master, file } = await sealed();
    expect(isEncryptedText(file)).toBe(true);
    expect(file.startsWith(HEADER_PREFIX)).toBe(true);
    expect(file).not.toContain('Sam Lee');
    expect(openText(master, file, 'note.md')).toBe(NOTE);
    const again = sealRecords(master, FAST, [NOTE]);
    expect(again).not.toBe(file);
    expect(headerOf(again, 'x').header.salt).not.toBe(headerOf(file, 'x').header.salt);
    expect(again.split('\n')[1]?.slice(0, 16)).not.toBe(file.split('\n')[1]?.slice(0, 16));
  });

  it('derives the key with the default scrypt cost (N = 2^17), which needs a raised maxmem', async () => {
    const kdf = newKdf();
    expect(kdf).toMatchObject({ name: 'scrypt', ...DEFAULT_SCRYPT });
    const master = await deriveMasterKey('a passphrase', kdf);
    expect(master).toHaveLength(32);
    expect(openText(master, sealRecords(master, kdf, ['hello']), 'f')).toBe('hello');
  });

  const failures: Array<[string, (file: string) => string, DecryptError['problem'], RegExp]> = [
    ['a flipped byte in the IV', (f) => flipRecordChar(f, 2), 'damaged', /note\.md is damaged or was changed: record 1 failed its integrity check/],
    ['a flipped byte in the ciphertext', (f) => flipRecordChar(f, 30), 'damaged', /record 1 failed its integrity check/],
    ['a flipped byte in the tag', (f) => flipRecordChar(f, (f.split('\n')[1]?.length ?? 4) - 4), 'damaged', /record 1 failed its integrity check/],
    ['a record that is not base64', (f) => f.replace(/\n(.)/, '\n!$1'), 'damaged', /record 1 is not valid/],
    ['a changed file salt in the header', (f) => f.replace(/"salt":"[^"]+"}/, `"salt":"${randomBytes(16).toString('base64')}"}`), 'damaged', /failed its integrity check/],
    ['a changed key check in the header', (f) => f.replace(/"check":"[^"]+"/, `"check":"${randomBytes(16).toString('base64')}"`), 'passphrase', /The passphrase does not open note\.md/],
    // With the key at hand the changed header fails authentication; through the keyring a changed scrypt salt derives another key (see 'a changed key check').
    ['a changed scrypt salt in the header', (f) => f.replace(/"kdf":\{(.*?)"salt":"[^"]+"/, `"kdf":{$1"salt":"${randomBytes(16).toString('base64')}"`), 'damaged', /failed its integrity check/],
    ['an unknown format version', (f) => f.replace('"v":1', '"v":2'), 'header', /encryption header that is damaged or was changed \(format version 2; this repcoach reads version 1\)/],
    ['a header that is not JSON', (f) => f.replace(/}\n/, ']\n'), 'header', /header that is damaged or was changed \(it is not valid JSON\)/],
    ['a file cut inside its header', (f) => f.slice(0, 40), 'truncated', /note\.md is cut off: it ends inside its header/],
    ['a file cut inside its record', (f) => f.slice(0, f.length - 10), 'truncated', /note\.md is cut off: its last part is missing/],
    ['a file cut after its header', (f) => f.slice(0, f.indexOf('\n') + 1), 'truncated', /it holds no content/],
  ];
  for (const [name, damage, problem, message] of failures) {
    it(`fails clearly on ${name}`, async () => {
      const { master, file } = await sealed();
      const bad = damage(file);
      expect(bad).not.toBe(file);
      let caught: unknown;
      try {
        openText(master, bad, 'note.md');
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(DecryptError);
      expect((caught as DecryptError).problem).toBe(problem);
      expect((caught as DecryptError).message).toMatch(message);
      expect((caught as DecryptError).hint).toBe('The file was not changed.');
    });
  }

  it('a wrong passphrase is told apart from damage', async () => {
    const { file } = await sealed();
    const wrong = await deriveMasterKey('wrong passphrase', FAST);
    expect(() => openText(wrong, file, 'note.md')).toThrow(/The passphrase does not open note\.md/);
  });

  it('authenticates record order: swapping two records fails', async () => {
    const master = await deriveMasterKey('p', FAST);
    const file = sealRecords(master, FAST, ['one\n', 'two\n', 'three\n']);
    expect(openRecords(master, file, 'j').records).toEqual(['one\n', 'two\n', 'three\n']);
    const lines = file.split('\n');
    const swapped = [lines[0], lines[2], lines[1], lines[3], ''].join('\n');
    const opened = openRecords(master, swapped, 'j');
    expect(opened.records).toEqual([]);
    expect(opened.problem?.problem).toBe('damaged');
  });

  it('keeps the records before a damaged one, and reports a cut-off last record as torn', async () => {
    const master = await deriveMasterKey('p', FAST);
    const file = sealRecords(master, FAST, ['one\n', 'two\n', 'three\n']);
    const torn = openRecords(master, file.slice(0, file.length - 7), 'j');
    expect(torn).toMatchObject({ records: ['one\n', 'two\n'], tornTail: true });
    expect(torn.problem).toBeUndefined();
    const lines = file.split('\n');
    lines[2] = (lines[2] ?? '').replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const damaged = openRecords(master, lines.join('\n'), 'j');
    expect(damaged.records).toEqual(['one\n']);
    expect(damaged.problem?.detail).toBe('record 2 failed its integrity check');
  });

  it('refuses key derivation parameters out of range (a hostile header cannot make scrypt eat the machine)', async () => {
    await expect(deriveMasterKey('p', { ...FAST, N: 2 ** 30 })).rejects.toThrow(/unsupported key derivation/);
    await expect(deriveMasterKey('p', { ...FAST, r: 1000 })).rejects.toThrow(/unsupported key derivation/);
  });
});
