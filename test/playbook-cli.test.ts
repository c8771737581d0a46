/** The playbook commands through the built binary: exit codes, streams, help. Needs `npm run build` (npm test runs it first). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';
import { GIT_ENV, miniPlaybook, write } from './library-helpers.ts';

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...GIT_ENV, REPCOACH_HOME: path.join(cwd, 'home'), NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('repcoach playbook (built binary)', () => {
  it('validate exits 1 with file:line:column lines on stdout and the verdict on stderr', () => {
    const dir = tempDir();
    write(path.join(dir, 'playbooks', 'good.yaml'), miniPlaybook('good'));
    write(path.join(dir, 'playbooks', 'bad.yaml'), miniPlaybook('bad').replace('type: scale', 'type: slider'));
    const r = cli(['playbook', 'validate', 'playbooks/'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^playbooks\/bad\.yaml:16:15: error: "type" must be one of /m);
    expect(r.err).toBe('repcoach: 1 of 2 playbooks are invalid.\n');
    const ok = cli(['playbook', 'validate', 'playbooks/good.yaml'], dir);
    expect([ok.code, ok.err]).toEqual([0, '']);
  });

  it.each(['list', 'show', 'validate', 'new', 'fork', 'diff', 'schema', 'add', 'update', 'remove'])('playbook %s --help has examples', (sub) => {
    const r = cli(['playbook', sub, '--help'], tempDir());
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Examples:\n {2}\$ repcoach playbook /);
  });

  it('an unknown subcommand is a usage error', () => {
    const r = cli(['playbook', 'frobnicate'], tempDir());
    expect(r.code).toBe(2);
  });
});
