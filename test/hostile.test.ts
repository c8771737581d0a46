/**
 * Playbooks from a team repository are untrusted: every hostile file gets a
 * clear error from the real loader (and from the CLI), never a crash, a stack
 * trace or a hang. Names and ids never reach outside their folders.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError, ValidationError } from '../src/util/errors.ts';
import { loadPlaybookFile, resolvePlaybook } from '../src/playbook/load.ts';
import { MAX_PROBLEMS, parsePlaybook } from '../src/playbook/parse.ts';
import type { SessionState } from '../src/model/journal.ts';
import { findSession, listSessions, loadSession, sessionFile } from '../src/store/store.ts';
import { notePathFor } from '../src/note/write.ts';
import { slugify } from '../src/util/names.ts';
import { cli, cliAsync, makeSession } from './harness/data.ts';
import { tempDir, tempDirFor, tempPaths } from './helpers.ts';

const VALID_HEAD = 'id: team\ntitle: Team\ndescription: x\nversion: "1"\n';

/** Each hostile file: its bytes, and what the error must say. */
const HOSTILE: Array<[string, () => Buffer | string, RegExp]> = [
  ['a file over the size limit', () => VALID_HEAD + `# ${'x'.repeat(300 * 1024)}\n`, /is \d+ KiB; a playbook may be at most 256 KiB/],
  [
    'an alias bomb',
    () =>
      'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n',
    /too many aliases/,
  ],
  ['nesting thousands deep (flow)', () => `${VALID_HEAD}x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, /nested more than 24 levels deep/],
  ['nesting thousands deep (block sequences)', () => `${'- '.repeat(100_000)}y\n`, /nested more than 24 levels deep/],
  ['nesting a little too deep', () => `${VALID_HEAD}x: ${'['.repeat(30)}${']'.repeat(30)}\n`, /nested more than 24 levels deep/],
  ['a __proto__ key', () => `${VALID_HEAD}__proto__: { polluted: true }\nstages: []\n`, /the key "__proto__" is not allowed/],
  ['a __proto__ key in a flow map', () => `${VALID_HEAD}stages: [{ id: s, title: S, goal: G, questions: [{ id: q, text: Q, "__proto__": {polluted: true} }] }]\n`, /the key "__proto__" is not allowed/],
  ['a constructor key', () => `${VALID_HEAD}constructor: { prototype: { polluted: true } }\n`, /the key "constructor" is not allowed/],
  ['a custom tag', () => `${VALID_HEAD}x: !!js/function "function () { return 1 }"\n`, /tag/i],
  // Merge keys are resolved (as editors resolve them, issue 14): what is left is the anchor's own unknown key.
  ['a merge key', () => `${VALID_HEAD}base: &b { id: s }\nstages: [{ <<: *b, title: S, goal: G, questions: [{ id: q, text: Q }] }]\n`, /unknown key "base"/],
  ['non-UTF-8 bytes', () => Buffer.concat([Buffer.from(VALID_HEAD), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x0a])]), /is not UTF-8 text/],
  ['a binary file', () => Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7) % 128)), /looks like a binary file/],
  ['thousands of syntax errors', () => '&a !t '.repeat(20_000) + 'x\n', /…and \d+ more problems like these/],
];

describe('hostile playbooks, through the real loader', () => {
  for (const [name, bytes, message] of HOSTILE) {
    it(`${name}: a clear error`, async () => {
      const file = path.join(tempDir(), 'team.yaml');
      writeFileSync(file, bytes());
      const err = await loadPlaybookFile(file, 'file').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toMatch(/Maximum call stack|RangeError|TypeError/);
      if (err instanceof ValidationError) expect(err.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS + 1);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });
  }

  it('a folder where a file was expected, by path and by id', async () => {
    const paths = tempPaths();
    const dir = path.join(paths.playbooks, 'team.yaml');
    mkdirSync(dir, { recursive: true });
    await expect(loadPlaybookFile(dir, 'file')).rejects.toThrow(`${dir} is a folder, not a playbook file.`);
    // By id, the folder is reported as a playbook that could not be read (a problem at 1:1).
    await expect(resolvePlaybook('team', paths)).rejects.toThrow(`${dir}:1:1: error: ${dir} is a folder, not a playbook file`);
  });

  it('a FIFO and a device are refused before reading (no hang)', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'pipe.yaml');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return;
    await expect(loadPlaybookFile(fifo, 'file')).rejects.toThrow('is not a regular file');
    const dev = path.join(dir, 'zero.yaml');
    symlinkSync('/dev/zero', dev);
    await expect(loadPlaybookFile(dev, 'file')).rejects.toThrow('is not a regular file');
  });
});

describe('hostile playbooks, through the CLI', () => {
  const cases: Array<[string, (dir: string) => string, RegExp]> = [
    ...HOSTILE.map(([name, bytes, message]): [string, (dir: string) => string, RegExp] => [
      name,
      (dir) => {
        const f = path.join(dir, 'team.yaml');
        writeFileSync(f, bytes());
        return f;
      },
      message,
    ]),
    [
      'a folder',
      (dir) => {
        mkdirSync(path.join(dir, 'folder.yaml'));
        return path.join(dir, 'folder.yaml');
      },
      /is a folder, not a playbook file/,
    ],
  ];
  for (const [name, make, message] of cases) {
    // Side by side: each case is a start of the binary, most of it spent waiting.
    it.concurrent(`${name}: exit 1 with a message, no stack trace`, async (test) => {
      const { expect } = test;
      const dir = tempDirFor(test);
      const answers = path.join(dir, 'answers.json');
      writeFileSync(answers, '{}');
      const r = await cliAsync(path.join(dir, 'home'), ['run', make(dir), '--rep', 'Sam', '--answers', answers, '--no-input'], { cwd: dir });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/^repcoach: /);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/unexpected error|\n\s+at .+:\d+:\d+/);
    });
  }
});

describe('names and ids never leave their folders', () => {
  const NAMES = ['../../x', '..', '.', '/etc/passwd', 'C:\\Windows\\system32', 'a\u0000b', 'CON', 'nul', 'Com1', 'LPT9', 'aux.txt', '', '   ', '\u202e/evil'];
  for (const name of NAMES) {
    it(`slugify(${JSON.stringify(name)}) is a plain file name`, () => {
      const slug = slugify(name);
      expect(slug).toMatch(/^[a-z0-9-]+$/);
      expect(['.', '..']).not.toContain(slug);
      expect(slug).not.toMatch(/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/);
    });
  }

  it('a hand-edited journal cannot steer its note out of the notes folder', async () => {
    const paths = tempPaths();
    const { entries } = await makeSession(paths, { outcome: 'x' });
    const start = entries[0];
    if (start?.type !== 'start') throw new Error('no start');
    const notes = path.join(paths.data, 'notes');
    for (const evil of ['../../../etc', '/etc', 'a/../../b', 'con']) {
      const state = {
        start: { ...start, id: evil, at: evil, rep: { name: evil, slug: evil }, playbook: { ...start.playbook, id: evil } },
      } as unknown as SessionState;
      const note = await notePathFor(notes, state);
      expect(path.relative(notes, note).startsWith('..')).toBe(false);
      expect(path.dirname(path.dirname(note))).toBe(notes);
    }
  });

  it('a rep named like a path gets a note inside the notes folder', () => {
    const dir = tempDir();
    const answers = path.join(dir, 'answers.json');
    writeFileSync(answers, JSON.stringify({ outcome: 'x', topic: 'y', situation: 'z', already_tried: 'a', cause: 'b', options: 'c', without_me: 'd', best_option: 'e', actions: [{ what: 'call', owner: 'rep' }], learned: 'f', confidence: 8 }));
    const home = path.join(dir, 'home');
    const r = cli(home, ['run', '--rep', '../../../etc/passwd', '--answers', answers, '--no-input']);
    expect(r.status, r.stderr).toBe(0);
    expect(path.dirname(r.stdout.trim())).toBe(path.join(home, 'notes', 'etc-passwd'));
  });

  it('session ids are checked, and a journal’s own id cannot move its lock or note', async () => {
    const paths = tempPaths();
    expect(() => sessionFile(paths, '../../x')).toThrow('"../../x" is not a session id.');
    expect(() => sessionFile(paths, '20261123-0945-k7qd\u0000')).toThrow('is not a session id');
    await expect(findSession(paths, '../../x')).rejects.toThrow('No session "../../x".');
    const { session } = await makeSession(paths, { outcome: 'x' });
    const text = (await import('node:fs')).readFileSync(session.file, 'utf8').replace(`"id":"${session.id}"`, '"id":"../../evil"');
    writeFileSync(session.file, text);
    expect((await loadSession(session.file)).id).toBe(session.id);
    // Under a name that is not an id, the file's own id is all there is: refused, and moved aside.
    const renamed = path.join(paths.sessions, 'evil.jsonl');
    writeFileSync(renamed, text);
    const listing = await listSessions(paths);
    expect(listing.unreadable[0]?.reason).toMatch(/its session id "\.\.\/\.\.\/evil" is not valid/);
  });

  it('playbook ids are checked: a NUL or a traversal is not an id, and a playbook cannot declare one', async () => {
    const paths = tempPaths();
    await expect(resolvePlaybook('one\u0000', paths)).rejects.toThrow('is not a playbook id or a .yaml file');
    expect(() =>
      parsePlaybook(`id: ../../x\ntitle: T\ndescription: D\nversion: "1"\nstages: [{ id: s, title: S, goal: G, questions: [{ id: q, text: Q }] }]\n`, 'p.yaml'),
    ).toThrow(/use lower-case letters, digits and dashes/);
  });
});
