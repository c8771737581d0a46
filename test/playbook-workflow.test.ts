/** Issue 14: the team workflow: schema comments that work for every teammate, the documented CI step, recursive validate, answers templates. */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { playbookFork } from '../src/commands/playbook-fork.ts';
import { playbookNew } from '../src/commands/playbook-new.ts';
import { schemaFile } from '../src/playbook/load.ts';
import { tempDir, tempPaths } from './helpers.ts';
import { gitIn, miniPlaybook, testContext, write } from './library-helpers.ts';

const SCHEMA_LINE = /^# yaml-language-server: \$schema=(.+)$/m;

function teamWorkTree(): string {
  const root = tempDir();
  gitIn(root, 'init', '--quiet', '-b', 'main');
  mkdirSync(path.join(root, 'playbooks'));
  return root;
}

describe('the $schema comment in a team repository', () => {
  it('new --to points at a copy of the schema in the repository, relative to the file', async () => {
    const root = teamWorkTree();
    const ctx = testContext(tempPaths(), { cwd: root });
    await playbookNew(ctx, { id: 'ramp', to: 'playbooks' });
    const text = readFileSync(path.join(root, 'playbooks', 'ramp.yaml'), 'utf8');
    expect(SCHEMA_LINE.exec(text)?.[1]).toBe('../schema/playbook.schema.json');
    expect(readFileSync(path.join(root, 'schema', 'playbook.schema.json'), 'utf8')).toBe(readFileSync(schemaFile(), 'utf8'));
    expect(ctx.out()).toContain('commit it with the playbook');
    expect(text).not.toContain(path.dirname(schemaFile()));
  });

  it('fork --to points at repcoach installed in the repository when it is', async () => {
    const root = teamWorkTree();
    const installed = write(path.join(root, 'node_modules', 'repcoach', 'schema', 'playbook.schema.json'), '{}');
    const paths = tempPaths();
    write(path.join(paths.playbooks, 'base.yaml'), miniPlaybook('base'));
    const ctx = testContext(paths, { cwd: path.join(root, 'playbooks') });
    await playbookFork(ctx, { ref: 'base', as: 'ours', to: '.' });
    const text = readFileSync(path.join(root, 'playbooks', 'ours.yaml'), 'utf8');
    expect(SCHEMA_LINE.exec(text)?.[1]).toBe('../node_modules/repcoach/schema/playbook.schema.json');
    expect(existsSync(installed)).toBe(true);
    expect(existsSync(path.join(root, 'schema'))).toBe(false);
  });

  it('outside a repository, the installed schema of this machine', async () => {
    const dir = tempDir();
    const ctx = testContext(tempPaths(), { cwd: dir });
    await playbookNew(ctx, { id: 'solo', to: 'mine' });
    expect(SCHEMA_LINE.exec(readFileSync(path.join(dir, 'mine', 'solo.yaml'), 'utf8'))?.[1]).toBe(schemaFile());
  });
});
