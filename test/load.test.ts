import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError, ValidationError } from '../src/util/errors.ts';
import { readTextFile } from '../src/playbook/load.ts';
import { LIMITS } from '../src/playbook/parse.ts';
import { tempDir } from './helpers.ts';

async function problemOf(bytes: Uint8Array | string) {
  const file = path.join(tempDir(), 'p.yaml');
  writeFileSync(file, bytes);
  const err = await readTextFile(file, 'playbook').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ValidationError);
  return (err as ValidationError).problems[0];
}

describe('readTextFile', () => {
  it.each<[string, number[], number, number, string]>([
    ['a lone 0xFF', [...Buffer.from('id: x\ntitle: '), 0xff], 2, 8, 'byte 0xFF'],
    ['a character cut short', [...Buffer.from('id: x\ntitle: café '), 0xe2, 0x82, 0x20, 0x78], 2, 13, 'byte 0xE2'],
    ['a surrogate encoded in UTF-8', [...Buffer.from('ab'), 0xed, 0xa0, 0x80], 1, 3, 'byte 0xED'],
    ['an overlong slash on line 3', [...Buffer.from('a\nb\n'), 0xc0, 0xaf], 3, 1, 'byte 0xC0'],
    ['a stray continuation byte after é', [...Buffer.from('xé'), 0x80], 1, 3, 'byte 0x80'],
  ])('points at %s', async (_name, bytes, line, column, fragment) => {
    const p = await problemOf(Uint8Array.from(bytes));
    expect(p).toMatchObject({ line, column });
    expect(p?.message).toContain(fragment);
    expect(p?.message).toContain('not UTF-8 text');
  });

  it('refuses a file over the size limit before reading it, at 1:1', async () => {
    const p = await problemOf('#'.repeat(LIMITS.bytes + 1));
    expect(p).toMatchObject({ line: 1, column: 1 });
    expect(p?.message).toContain(`a playbook may be at most ${LIMITS.bytes / 1024} KiB`);
  });

  it('drops a byte-order mark', async () => {
    const file = path.join(tempDir(), 'bom.yaml');
    writeFileSync(file, '\uFEFFid: x\n');
    expect(await readTextFile(file, 'playbook')).toBe('id: x\n');
  });

  it.each([
    ['a missing file', 'missing.yaml', 'No playbook at'],
    ['a folder', 'folder', 'is a folder, not a playbook file'],
  ])('%s is a UserError', async (_name, name, fragment) => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'folder'));
    const err = await readTextFile(path.join(dir, name), 'playbook').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain(fragment);
  });
});
