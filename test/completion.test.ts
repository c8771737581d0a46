/**
 * Shell completion: the scripts are written from the command line's own
 * definition, and loaded into real bash, zsh and fish here, with `repcoach` on
 * PATH (the built binary), over a store with sessions.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/main.ts';
import { commandSpecs } from '../src/commands/completion.ts';
import { cli, makeSession } from './harness/data.ts';
import { CLI } from './harness/tmux.ts';
import { tempDir, tempPaths } from './helpers.ts';

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

describe('the completion specs', () => {
  const specs = commandSpecs(buildProgram());
  const spec = (p: string) => specs.find((s) => s.path === p);

  it('hold every command and subcommand of the command line', () => {
    const program = buildProgram();
    const paths = program.commands.flatMap((c) => [c.name(), ...c.commands.map((s) => `${c.name()} ${s.name()}`)]);
    expect(specs.map((s) => s.path).sort()).toEqual(['', ...paths].sort());
    expect(spec('')?.subcommands).toEqual(program.commands.map((c) => c.name()));
  });

  it('know which options take a value, and what kind', () => {
    expect(spec('run')?.valued).toEqual(expect.arrayContaining([['--rep', 'reps'], ['-r', 'reps'], ['--answers', 'files']]));
    expect(spec('run')?.options).toContain('--no-input');
    expect(spec('run')?.valued.map(([o]) => o)).not.toContain('--no-input');
    expect(spec('export')?.valued).toContainEqual(['--format', 'formats']);
    expect(spec('resume')?.args).toEqual(['unfinished']);
    expect(spec('show')?.args).toEqual(['sessions']);
    expect(spec('config set')?.args).toEqual(['settings', 'files']);
    // The scripts' own option is not offered.
    expect(spec('completion')?.options).not.toContain('--list');
  });
});

describe('completion in the shells', () => {
  let home = '';
  let bin = '';
  let unfinished = '';
  beforeAll(async () => {
    const paths = tempPaths();
    home = paths.data;
    await makeSession(paths, { outcome: 'A plan' }, { finish: true });
    unfinished = (await makeSession(paths, { outcome: 'Later' }, { rep: 'Zoë Berg' })).session.id;
    bin = path.join(tempDir(), 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'repcoach'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`);
    chmodSync(path.join(bin, 'repcoach'), 0o755);
  });
  // A UTF-8 locale, as a terminal has: names are then escaped for the shell, not byte by byte.
  const env = () => ({ PATH: `${bin}:${process.env['PATH'] ?? ''}`, REPCOACH_HOME: home, NO_COLOR: '1', LANG: 'C.UTF-8', HOME: tempDir() });

  /** What bash offers after `words` (the last one is the word being completed). */
  const bash = (words: string[]) => {
    const r = spawnSync(
      'bash',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: bash text; ${…} is the shell's expansion
      ['--norc', '--noprofile', '-c', 'eval "$(repcoach completion bash)"; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _repcoach; printf "%s\\n" "${COMPREPLY[@]}"', '_', 'repcoach', ...words],
      { encoding: 'utf8', env: env() },
    );
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean);
  };

  it.each<[string[], string[]]>([
    [['pl'], ['playbook']],
    [['playbook', 'v'], ['validate']],
    [['run', '--r'], ['--rep']],
    [['run', 'st'], ['stakeholder-map', 'stalled-deal', 'stretch-goal']],
    [['run', '--rep', 'Z'], ['Zoë\\ Berg']],
    [['run', '--rep', 'Sam Lee', '--deal', 'Acme', 'one'], ['one-to-one']],
    [['prep', 'S'], ['Sam\\ Lee']],
    // After a first Tab the word on the line is escaped.
    [['prep', 'Sam\\ L'], ['Sam\\ Lee']],
    [['config', 'set', 'notes'], ['notesDir', 'notes.git']],
    [['encryption', ''], ['on', 'off', 'status']],
    [['export', '--format', ''], ['markdown', 'json']],
    [['--home', '/tmp', 'his'], ['history']],
    [['completion', 'f'], ['fish']],
  ])('bash: repcoach %j', (words, expected) => {
    expect(bash(words)).toEqual(expected);
  });

  it('bash: resume offers the unfinished sessions, show every one', () => {
    expect(bash(['resume', ''])).toEqual([unfinished]);
    expect(bash(['show', '']).sort()).toHaveLength(2);
  });

  it.skipIf(!has('fish'))('fish: the script loads, and completes the same way', () => {
    const fish = (line: string) => {
      const r = spawnSync('fish', ['-c', `repcoach completion fish | source; complete -C ${JSON.stringify(line)}`], { encoding: 'utf8', env: env() });
      expect(r.stderr).toBe('');
      return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
    };
    expect(fish('repcoach pl')).toEqual(['playbook']);
    expect(fish('repcoach playbook show one')).toEqual(['one-to-one']);
    // "show" under "playbook" is not the sessions' show.
    expect(fish('repcoach playbook show 2026')).toEqual([]);
    expect(fish('repcoach resume ')).toEqual([unfinished]);
    expect(fish('repcoach run --rep ')).toEqual(['Sam Lee', 'Zoë Berg']);
  });

  it.skipIf(!has('zsh'))('zsh: the script loads under compinit and bashcompinit', () => {
    const r = spawnSync(
      'zsh',
      [
        '-c',
        'autoload -U compinit && compinit -u; eval "$(repcoach completion zsh)"; ' +
          // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh text; ${…} is the shell's expansion
          'f() { emulate -L sh; setopt kshglob noshglob braceexpand; COMP_WORDS=(repcoach run --rep ""); COMP_CWORD=3; _repcoach; printf "%s\\n" "${COMPREPLY[@]}"; }; f',
      ],
      { encoding: 'utf8', env: env() },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(['Sam\\ Lee', 'Zoë\\ Berg']);
  });

  it('--list never asks for a passphrase: with encryption on and none given, it lists nothing', async () => {
    const paths = tempPaths();
    await makeSession(paths, { outcome: 'x' }, { finish: true });
    const pass = path.join(tempDir(), 'pass');
    writeFileSync(pass, 'a long passphrase\n', { mode: 0o600 });
    expect(cli(paths.data, ['encryption', 'on'], { env: { REPCOACH_PASSPHRASE_FILE: pass } }).status).toBe(0);
    const r = cli(paths.data, ['completion', '--list', 'reps']);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(cli(paths.data, ['completion', '--list', 'reps'], { env: { REPCOACH_PASSPHRASE_FILE: pass } }).stdout).toBe('Sam Lee\n');
  });

  it('says what is wrong with an unknown shell or list', () => {
    const shell = cli(home, ['completion', 'tcsh']);
    expect(shell.status).toBe(2);
    expect(shell.stderr).toContain('No completion for "tcsh": bash, zsh or fish.');
    expect(cli(home, ['completion', '--list', 'nope']).stderr).toContain('Unknown list "nope"');
  });
});
