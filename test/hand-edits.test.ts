/**
 * Issue 15: hand edits and odd names. Hand-edited settings: A value of the wrong type is named (file and
 * key) and its default used, so runs, resume and export still work; a settings
 * file that cannot be read leaves every command working on defaults.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSettings } from '../src/config/settings.ts';
import { cli } from './harness/data.ts';
import { tempDir } from './helpers.ts';
import { miniPlaybook } from './library-helpers.ts';

describe('checkSettings', () => {
  it.each([
    [{ manager: 42 }, {}, ['"manager" should be a name in quotes, not 42']],
    [{ manager: '  ' }, {}, ['"manager" should be a name in quotes, not "  "']],
    [{ manager: 'Maria' }, { manager: 'Maria' }, []],
    [{ 'notes.git': 'yes' }, {}, ['"notes.git" should be true or false, not "yes"']],
    [{ 'notes.git': true }, { 'notes.git': true }, []],
    [{ notesDir: ['a'] }, {}, ['"notesDir" should be a folder path in quotes, not a list']],
    [{ rescuePhrases: ['park it', 3] }, {}, ['"rescuePhrases" should be a list of phrases in quotes, not a list']],
    [{ teams: { a: 1 } }, {}, ['"teams" should be a list of team sources, not a map']],
    [{ somethingElse: 1, manager: null }, { somethingElse: 1 }, ['"manager" should be a name in quotes, not null']],
  ])('%j → %j', (raw, data, problems) => {
    expect(checkSettings(raw as Record<string, unknown>)).toEqual({ data, problems });
  });
});

function setup(settings: string): { root: string; home: string; pb: string; answers: string } {
  const root = tempDir();
  const home = path.join(root, 'home');
  mkdirSync(home, { recursive: true });
  writeFileSync(path.join(home, 'config.json'), settings);
  const pb = path.join(root, 'mini.yaml');
  writeFileSync(pb, miniPlaybook('mini'));
  const answers = path.join(root, 'answers.yaml');
  writeFileSync(answers, 'goal: A plan\nconfidence: 7\n');
  return { root, home, pb, answers };
}

describe('hand-edited settings through the CLI', () => {
  it('"manager": 42 is named and ignored: the run writes its note, export works, the file is left as it was', () => {
    const { home, pb, answers } = setup('{ "manager": 42, "notes.git": "yes" }');
    const run = cli(home, ['run', pb, '--rep', 'Sam Lee', '--answers', answers, '--no-input']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`${path.join(home, 'config.json')}: "manager" should be a name in quotes, not 42; "notes.git" should be true or false, not "yes"`);
    expect(run.stderr).not.toMatch(/is not a function|TypeError/);
    expect(readFileSync(run.stdout.trim(), 'utf8')).toContain('rep: "Sam Lee"');
    const exported = cli(home, ['export', '--all', '--stdout']);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('Sam Lee');
    expect(readFileSync(path.join(home, 'config.json'), 'utf8')).toBe('{ "manager": 42, "notes.git": "yes" }');
    // Setting it mends it.
    expect(cli(home, ['config', 'set', 'manager', 'Maria']).status).toBe(0);
    const again = cli(home, ['run', pb, '--rep', 'Sam Lee', '--answers', answers, '--no-input']);
    expect(again.stderr).not.toContain('"manager" should be');
    expect(again.stderr).toContain('"notes.git" should be true or false');
  });

  it('a settings file that cannot be read: defaults, a warning that says so, no talk of saved answers', () => {
    const { home, pb, answers } = setup('{}');
    const file = path.join(home, 'config.json');
    // A folder where the file should be cannot be read by anyone, root included.
    rmSync(file);
    mkdirSync(file);
    for (const args of [['history'], ['run', pb, '--rep', 'Sam Lee', '--answers', answers, '--no-input'], ['playbook', 'list']]) {
      const r = cli(home, args);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      if (args[0] === 'run') expect(r.stderr).toContain(`The settings file ${file} cannot be read (it is a folder); default settings are used.`);
      expect(r.stderr).not.toMatch(/could not be written|saved|free space/);
    }
  });
});

describe('rep names with nothing to file them under (issue 15)', () => {
  it.each(['...', '-', '🙂', '  ¿?  '])('%j is refused with a clear message, and no session is started', (name) => {
    const { home, pb, answers } = setup('{}');
    const r = cli(home, ['run', pb, '--rep', name, '--answers', answers, '--no-input']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`cannot be a rep's name: it has no letter or digit`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const sessions = cli(home, ['sessions', '--json']);
    expect((JSON.parse(sessions.stdout) as { sessions: unknown[] }).sessions).toHaveLength(0);
  });

  it('names in other scripts are names: 王伟 and Иван get folders of their own', () => {
    const { home, pb, answers } = setup('{}');
    const a = cli(home, ['run', pb, '--rep', '王伟', '--answers', answers, '--no-input']);
    const b = cli(home, ['run', pb, '--rep', 'Иван', '--answers', answers, '--no-input']);
    expect([a.status, b.status]).toEqual([0, 0]);
    expect(path.dirname(a.stdout.trim())).not.toBe(path.dirname(b.stdout.trim()));
  });
});
