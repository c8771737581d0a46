/**
 * Issue 15: text a person typed (or a hand-edited file holds) reaches terminals,
 * notes and scripts. Right-to-left overrides, which disguise text ("evil‮txt.exe"
 * reads "evilexe.txt"), and raw C1 controls, which some terminals obey, never
 * come out raw: removed from what is shown and from notes, escaped in JSON.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeJson, safeText } from '../src/util/term.ts';
import { cli } from './harness/data.ts';
import { tempDir } from './helpers.ts';
import { miniPlaybook } from './library-helpers.ts';

const RAW = /[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('safeText and safeJson', () => {
  it.each([
    ['evil\u202etxt.exe', 'eviltxt.exe'],
    ['a\u2066b\u2069c\u202ad\u202ce', 'abcde'],
    ['x\u009b31my', 'x31my'],
    ['next\u0085line', 'nextline'],
    ['שלום world', 'שלום world'],
    ['Zoë 王伟 🙂', 'Zoë 王伟 🙂'],
  ])('%j shows as %j', (input, shown) => {
    expect(safeText(input)).toBe(shown);
  });

  it.each([['evil\u202etxt'], ['x\u009by'], ['\u2028para\u2029'], ['plain €']])('%j: JSON with the same value and no raw control', (value) => {
    const text = safeJson({ value }, 2);
    expect(text).not.toMatch(RAW);
    expect(JSON.parse(text)).toEqual({ value });
  });
});

describe('through the commands', () => {
  it('show, search, prep, history, export and --json carry no raw override or C1 control', () => {
    const root = tempDir();
    const home = path.join(root, 'home');
    const pb = path.join(root, 'mini.yaml');
    writeFileSync(pb, miniPlaybook('mini'));
    const answers = path.join(root, 'a.yaml');
    writeFileSync(answers, 'goal: "evil \\u202Etxt.exe and \\u0085 \\u009b31m red"\nconfidence: 7\n');
    const run = cli(home, ['run', pb, '--rep', 'Sam Lee', '--deal', 'Acme \u202Ereversed', '--answers', answers, '--no-input']);
    expect(run.status, run.stderr).toBe(0);
    const id = /sessions/.test(run.stdout) ? '' : (cli(home, ['sessions', '--json']).stdout.match(/"id": "([^"]+)"/)?.[1] ?? '');
    for (const args of [
      ['show', id],
      ['show', id, '--markdown'],
      ['show', id, '--json'],
      ['search', 'evil'],
      ['search', 'evil', '--json'],
      ['prep', 'Sam Lee'],
      ['history'],
      ['history', '--json'],
      ['sessions', '--json'],
      ['export', '--all', '--stdout'],
      ['export', '--all', '--format', 'json', '--stdout'],
    ]) {
      const r = cli(home, args);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout, args.join(' ')).not.toMatch(RAW);
      expect(r.stdout, args.join(' ')).toMatch(/evil|Acme|Sam Lee/);
    }
  });
});
