import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { slugify } from '../src/util/names.ts';
import { formatDue, parseDateBound } from '../src/util/dates.ts';
import { Chalk } from 'chalk';
import { colorLevel, safeText } from '../src/util/term.ts';
import { fitTo, padEndTo, padStartTo, textWidth } from '../src/util/width.ts';
import { formatTable } from '../src/util/table.ts';

describe('slugify', () => {
  it.each<[string, string]>([
    ['Sam Lee', 'sam-lee'],
    ['  Sam   Lee  ', 'sam-lee'],
    ['../../x', 'x'],
    ['../../../etc/passwd', 'etc-passwd'],
    ['/etc/passwd', 'etc-passwd'],
    ['C:\\Windows\\System32', 'c-windows-system32'],
    ['\\\\server\\share', 'server-share'],
    ['a\u0000b', 'a-b'],
    ['..', 'unnamed'],
    ['.', 'unnamed'],
    ['', 'unnamed'],
    ['   ', 'unnamed'],
    ['😀', 'unnamed'],
    ['CON', 'con-'],
    ['nul', 'nul-'],
    ['Com1', 'com1-'],
    ['lpt9', 'lpt9-'],
    ['console', 'console'],
    ['José Müller', 'jose-muller'],
    ['Ærøskøbing', 'ærøskøbing'],
    ['Иван Петров', 'иван-петров'],
    ['Андрей', 'андрей'],
    ['王伟', '王伟'],
    ['李娜', '李娜'],
    ['محمد علي', 'محمد-علي'],
    ['김민수', '김민수'],
    ['राहुल शर्मा', 'राहुल-शर्मा'],
    ['Ελένη', 'ελένη'],
    ['İlker', 'ilker'],
    ['Sam 😀 Lee', 'sam-lee'],
    ['Ｓａｍ²', 'sam2'],
    ['ﬁnance', 'finance'],
    ['Zoë O’Brien', 'zoe-o-brien'],
    ['Mr. Smith.', 'mr-smith'],
    ['a'.repeat(100), 'a'.repeat(64)],
    ['a'.repeat(63) + ' b', 'a'.repeat(63)],
  ])('%j → %j', (name, expected) => {
    expect(slugify(name)).toBe(expected);
  });

  it('keeps names in different scripts apart', () => {
    const names = ['王伟', '李娜', 'Иван', 'محمد', '김민수'];
    expect(new Set(names.map((n) => slugify(n))).size).toBe(names.length);
  });

  it('stays under 128 bytes, so a folder name fits every file system', () => {
    expect(Buffer.byteLength(slugify('𠀀'.repeat(100)), 'utf8')).toBeLessThanOrEqual(128);
    expect(slugify('王'.repeat(100))).toBe('王'.repeat(42));
  });

  it('uses the given fallback', () => {
    expect(slugify('???', 'rep')).toBe('rep');
  });

  it.each(['../../x', '/abs/path', 'a/../../b', '..\\..\\x', 'nul', '\u0000', '.hidden', 'x\ny', '%2e%2e%2f'])(
    '%j stays inside its folder as a single plain name',
    (name) => {
      const slug = slugify(name);
      expect(slug).toMatch(/^[\p{L}\p{N}\p{M}]+(-[\p{L}\p{N}\p{M}]+)*-?$/u);
      expect(slug).not.toMatch(/[A-Z./\\:\0]/);
      const dir = path.resolve('/notes');
      const file = path.resolve(dir, slug);
      expect(path.dirname(file)).toBe(dir);
      expect(path.isAbsolute(slug)).toBe(false);
    },
  );
});

describe('safeText', () => {
  it.each<[string, string, string]>([
    ['plain text', 'Call Acme on friday', 'Call Acme on friday'],
    ['newline and tab are kept', 'a\n\tb', 'a\n\tb'],
    ['SGR colour', '\u001b[31mred\u001b[0m', 'red'],
    ['cursor movement', 'a\u001b[2Ab', 'ab'],
    ['clear screen', '\u001b[2J\u001b[Hx', 'x'],
    ['private mode CSI', '\u001b[?1049hx', 'x'],
    ['OSC title, BEL', '\u001b]0;pwned\u0007x', 'x'],
    ['OSC 8 hyperlink, ST', '\u001b]8;;http://evil\u001b\\click\u001b]8;;\u001b\\', 'click'],
    ['two-byte escape', '\u001bMx', 'x'],
    ['ESC c (reset): the ESC goes, the letter is plain text', '\u001bcx', 'cx'],
    ['lone ESC at the end', 'x\u001b', 'x'],
    ['carriage return (line overwrite)', 'safe\rEVIL', 'safeEVIL'],
    ['backspace', 'ab\bc', 'abc'],
    ['bell', 'a\u0007b', 'ab'],
    ['NUL', 'a\u0000b', 'ab'],
    ['DEL', 'a\u007fb', 'ab'],
    ['C1 CSI (0x9b)', 'a\u009b31mb', 'a31mb'],
    ['unicode kept', 'Zoë → ✓', 'Zoë → ✓'],
  ])('%s', (_name, input, expected) => {
    expect(safeText(input)).toBe(expected);
  });

  it('leaves no ESC or C0/C1 control (other than \\n and \\t) in any input', () => {
    let all = '';
    for (let c = 0; c < 0xa0; c++) all += String.fromCharCode(c) + 'x';
    expect(safeText(all)).not.toMatch(/(?![\t\n])\p{Cc}/u);
  });
});

describe('colorLevel', () => {
  it.each<[string, NodeJS.ProcessEnv, boolean, boolean | undefined, number]>([
    ['a terminal', { TERM: 'xterm' }, true, undefined, 1],
    ['a 256-colour terminal', { TERM: 'xterm-256color' }, true, undefined, 2],
    ['truecolor', { TERM: 'xterm-256color', COLORTERM: 'truecolor' }, true, undefined, 3],
    ['not a terminal', { TERM: 'xterm-256color' }, false, undefined, 0],
    ['TERM=dumb', { TERM: 'dumb' }, true, undefined, 0],
    ['NO_COLOR=1', { NO_COLOR: '1', TERM: 'xterm' }, true, undefined, 0],
    ['NO_COLOR empty is ignored', { NO_COLOR: '', TERM: 'xterm' }, true, undefined, 1],
    ['NO_COLOR wins over FORCE_COLOR', { NO_COLOR: '1', FORCE_COLOR: '3' }, true, undefined, 0],
    ['--no-color', { TERM: 'xterm' }, true, false, 0],
    ['--no-color wins over FORCE_COLOR', { FORCE_COLOR: '1' }, true, false, 0],
    ['FORCE_COLOR on a non-terminal', { FORCE_COLOR: '1' }, false, undefined, 1],
    ['FORCE_COLOR=3', { FORCE_COLOR: '3' }, false, undefined, 3],
    ['FORCE_COLOR empty means on', { FORCE_COLOR: '' }, false, undefined, 1],
    ['FORCE_COLOR=true', { FORCE_COLOR: 'true' }, false, undefined, 1],
    ['FORCE_COLOR=0 turns it off on a terminal', { FORCE_COLOR: '0', TERM: 'xterm' }, true, undefined, 0],
    ['FORCE_COLOR=false', { FORCE_COLOR: 'false', TERM: 'xterm' }, true, undefined, 0],
    ['--color (true) does not force colour on a pipe', {}, false, true, 0],
  ])('%s → %i', (_name, env, isTTY, flag, expected) => {
    expect(colorLevel(env, isTTY, flag)).toBe(expected);
  });
});

describe('parseDateBound: months and years clamp to the month end (issue 10)', () => {
  it.each<[Date, string, string]>([
    [new Date(2026, 2, 31, 9, 0), '1m', '2026-02-28'],
    [new Date(2028, 2, 31, 9, 0), '1m', '2028-02-29'],
    [new Date(2026, 4, 31, 9, 0), '1m', '2026-04-30'],
    [new Date(2026, 2, 31, 9, 0), '13m', '2025-02-28'],
    [new Date(2028, 1, 29, 9, 0), '1y', '2027-02-28'],
    [new Date(2028, 1, 29, 9, 0), '4y', '2024-02-29'],
    [new Date(2026, 0, 15, 9, 0), '1m', '2025-12-15'],
    [new Date(2026, 2, 31, 9, 0), '30d', '2026-03-01'],
    [new Date(2026, 2, 31, 9, 0), '1w', '2026-03-24'],
  ])('%s less %s is %s', (now, input, expected) => {
    expect(parseDateBound(input, now, '--since')).toBe(expected);
  });
});

describe('formatDue', () => {
  it.each<[string, string]>([
    ['2026-12-08', 'Tue 8 Dec 2026'],
    ['2027-01-01', 'Fri 1 Jan 2027'],
    ['2028-02-29', 'Tue 29 Feb 2028'],
    ['someday', 'someday'],
  ])('%s → %s', (input, expected) => {
    expect(formatDue(input)).toBe(expected);
  });
});

describe('terminal width (issue 10: tables misaligned with emoji and CJK names)', () => {
  it.each<[string, string, number]>([
    ['plain', 'Sam Lee', 7],
    ['CJK', '山田太郎', 8],
    ['CJK and Latin', 'Ana 李', 6],
    ['an emoji', 'Sam 😀', 6],
    ['a ZWJ family', '👨‍👩‍👧', 2],
    ['a flag', '🇫🇷 Paris', 8],
    ['a skin tone', '👍🏽', 2],
    ['a combining accent', 'Jose\u0301', 4],
    ['a precomposed accent', 'José', 4],
    ['colour codes', '\u001b[1;31mSam\u001b[0m', 3],
    ['empty', '', 0],
  ])('%s: %j takes %i columns', (_what, text, width) => {
    expect(textWidth(text)).toBe(width);
  });

  it.each<[string, number, string]>([
    ['Sam Lee', 10, 'Sam Lee   '],
    ['山田', 6, '山田  '],
    ['👨‍👩‍👧', 4, '👨‍👩‍👧  '],
    ['toolong', 3, 'toolong'],
  ])('padEndTo(%j, %i) → %j', (text, width, expected) => {
    expect(padEndTo(text, width)).toBe(expected);
    expect(padStartTo(text, width)).toBe(expected.startsWith(text) ? ' '.repeat(expected.length - text.length) + text : expected);
  });

  it.each<[string, number, string]>([
    ['Sam Lee', 10, 'Sam Lee'],
    ['Samantha Lee', 6, 'Saman…'],
    ['山田太郎', 5, '山田…'],
    ['山田太郎', 6, '山田…'],
    ['👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', 5, '👨‍👩‍👧👨‍👩‍👧…'],
    ['🇫🇷🇩🇪🇮🇹', 4, '🇫🇷…'],
    ['Jose\u0301 Díaz', 4, 'Jos…'],
    ['Jose\u0301 Díaz', 5, 'Jose\u0301…'],
  ])('fitTo(%j, %i) → %j: never wider, never a broken character', (text, width, expected) => {
    const cut = fitTo(text, width);
    expect(cut).toBe(expected);
    expect(textWidth(cut)).toBeLessThanOrEqual(width);
  });

  it('formatTable lines up its columns in terminal columns, whatever the names', () => {
    const rows = [
      ['Sam Lee', '3', 'done'],
      ['山田太郎', '12', 'paused'],
      ['👨‍👩‍👧 Team', '1', 'done'],
      ['🇫🇷 Amélie', '4', 'done'],
      ['Jose\u0301', '7', 'done'],
      ['Ana 😀', '2', 'in progress'],
    ];
    const lines = formatTable(['REP', 'N', 'STATUS'], rows, new Chalk({ level: 0 }), { right: [1] });
    // Where the STATUS column starts, in columns, is the same on every line.
    const statusAt = lines.map((l) => textWidth(l.slice(0, l.search(/(done|paused|in progress|STATUS)$/))));
    expect(new Set(statusAt).size).toBe(1);
    // Right-aligned numbers end in the same column: the width up to the end of the number.
    const numberEnds = lines.slice(1).map((l) => {
      const m = /\d+(?= {2}\S)/.exec(l);
      return m ? textWidth(l.slice(0, m.index + m[0].length)) : -1;
    });
    expect(new Set(numberEnds).size).toBe(1);
    expect(numberEnds[0]).toBeGreaterThan(0);
  });

  it('formatTable cuts a long cell to the column cap without splitting a character', () => {
    const lines = formatTable(['REP'], [['山田太郎山田太郎'], ['👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧']], new Chalk({ level: 0 }), { maxWidth: 7 });
    expect(lines.slice(1)).toEqual(['山田太…', '👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧…']);
  });
});
