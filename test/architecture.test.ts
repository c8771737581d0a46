/**
 * docs/architecture.md stays true: its table names the rooms of src/ in the
 * order the layer check enforces (ROOMS in .dependency-cruiser.cjs), and the
 * check itself refuses a folder the list does not name.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

function roomsOfTheDoc(): string[] {
  const doc = readFileSync(path.join(root, 'docs/architecture.md'), 'utf8');
  return [...doc.matchAll(/^\| `([a-z]+)\/` \|/gm)].map((m) => m[1] ?? '');
}

/** The ROOMS list, read from the config's source (requiring it runs its folder check). */
function roomsOfTheCheck(): string[] {
  const source = readFileSync(path.join(root, '.dependency-cruiser.cjs'), 'utf8');
  const list = /const ROOMS = \[([^\]]*)\]/.exec(source)?.[1] ?? '';
  return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '');
}

describe('docs/architecture.md', () => {
  it('names every room of src/, lowest first, in the order the layer check enforces', () => {
    const folders = readdirSync(path.join(root, 'src'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(roomsOfTheCheck()).toHaveLength(folders.length);
    expect([...roomsOfTheCheck()].sort()).toEqual(folders);
    expect(roomsOfTheDoc()).toEqual(roomsOfTheCheck());
  });

  it('generates one rule per room but the top, each forbidding the rooms above it', () => {
    const config = require(path.join(root, '.dependency-cruiser.cjs')) as { forbidden: Array<{ name: string; to: { path?: string } }> };
    const rooms = roomsOfTheCheck();
    const layers = config.forbidden.filter((r) => r.name.startsWith('layer-'));
    expect(layers.map((r) => r.name)).toEqual(rooms.slice(0, -1).map((r) => `layer-${r}`));
    // util may import nothing above it: every other room is forbidden to it.
    const util = new RegExp(layers[0]?.to.path ?? '^$');
    for (const r of rooms.slice(1)) expect(util.test(`src/${r}/x.ts`)).toBe(true);
    expect(util.test('src/util/x.ts')).toBe(false);
  });
});

describe('the layer check (npm run lint:layers)', () => {
  /** A tree with one file per room, plus `files`; the check's output and exit status on it. */
  function cruise(files: Record<string, string>): { status: number | null; out: string } {
    const dir = tempDir();
    copyFileSync(path.join(root, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
    for (const r of roomsOfTheCheck()) {
      mkdirSync(path.join(dir, 'src', r), { recursive: true });
      writeFileSync(path.join(dir, 'src', r, 'a.ts'), 'export const x = 1;\n');
    }
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
    const bin = path.join(root, 'node_modules', '.bin', 'depcruise');
    const r = spawnSync(bin, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, out: r.stdout + r.stderr };
  }

  it('fails on a lower room importing a higher one, and on the cycle it makes', () => {
    const { status, out } = cruise({
      'src/util/b.ts': "import { x } from '../cli/a.ts';\nexport const y = x;\n",
      'src/cli/c.ts': "import { y } from '../util/b.ts';\nexport const z = y;\n",
    });
    expect(status).not.toBe(0);
    expect(out).toContain('layer-util: src/util/b.ts → src/cli/a.ts');
    expect(out).toMatch(/no-circular-folders: src\/util →/);
  });

  it('fails on a command importing another command, and on a folder the room list does not name', () => {
    const command = cruise({ 'src/commands/b.ts': "import { x } from './a.ts';\nexport const y = x;\n" });
    expect(command.status).not.toBe(0);
    expect(command.out).toContain('no-command-imports-a-command: src/commands/b.ts → src/commands/a.ts');
    const dir = tempDir();
    copyFileSync(path.join(root, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
    mkdirSync(path.join(dir, 'src', 'session'), { recursive: true });
    const unlisted = spawnSync(path.join(root, 'node_modules', '.bin', 'depcruise'), ['src', '--config', '.dependency-cruiser.cjs'], { cwd: dir, encoding: 'utf8' });
    expect(unlisted.status).not.toBe(0);
    expect(unlisted.stdout + unlisted.stderr).toContain('src/session is not in ROOMS');
  });
});
