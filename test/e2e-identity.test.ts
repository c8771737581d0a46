/**
 * End to end in a real pseudo-terminal (tmux), issue 10: the first run asks the
 * manager's name; "Who are you coaching today?" lists the known reps newest
 * first, typing filters them, Enter picks one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listSessions } from '../src/store/store.ts';
import { resolvePaths } from '../src/util/paths.ts';
import { cli } from './harness/data.ts';
import { hasTmux, Pane } from './harness/tmux.ts';
import { tempDir } from './helpers.ts';
import { miniPlaybook, write } from './library-helpers.ts';

const SOCKET = `repcoach-identity-${process.pid}`;
afterAll(() => Pane.killServer(SOCKET));

describe.skipIf(!hasTmux())('who is the rep, in a terminal', () => {
  it('asks the manager once, lists the reps newest first, filters as you type, and Enter picks the rep', async () => {
    const home = path.join(tempDir(), 'home');
    const paths = resolvePaths({ REPCOACH_HOME: home });
    write(path.join(paths.playbooks, 'weekly.yaml'), miniPlaybook('weekly'));
    const answers = write(path.join(home, '..', 'full.yaml'), 'goal: A plan\nconfidence: 7\n');
    for (const rep of ['Sam Lee', 'Dana Ortiz', 'Sam Okafor']) {
      const r = cli(home, ['run', 'weekly', '--rep', rep, '--answers', answers, '--no-input']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }

    const pane = Pane.start(SOCKET, 'pick', ['run', 'weekly'], { REPCOACH_HOME: home, NO_COLOR: '1', TERM: 'xterm-256color' });
    try {
      await pane.waitFor(/What is your name\?/);
      pane.type('Maria');
      pane.key('Enter');
      const list = await pane.waitFor(/Who are you coaching today\?[\s\S]*Sam Lee/);
      const order = ['Sam Okafor', 'Dana Ortiz', 'Sam Lee'].map((name) => list.indexOf(name));
      expect(order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] ?? 0)))).toBe(true);
      pane.type('lee');
      const filtered = await pane.waitFor(/“lee”: a new rep, not Sam Lee/);
      const below = filtered.slice(filtered.indexOf('Who are you coaching today?'));
      expect(below).not.toContain('Dana Ortiz');
      expect(below).not.toContain('Sam Okafor');
      pane.key('Enter');
      await pane.waitFor(/What do you want from this, Sam Lee\?/);
      pane.type('Coach, not rescue');
      pane.key('Enter');
      await pane.waitFor(/How confident are you\?/);
      // Enough: the session is Sam Lee's. Ctrl-C pauses it.
      pane.key('C-c');
      expect(await pane.waitForExit()).toBe(130);
    } finally {
      pane.close();
    }

    const { sessions } = await listSessions(paths);
    expect(sessions).toHaveLength(3 + 1);
    const picked = sessions.find((s) => s.state.answers.get('goal') === 'Coach, not rescue');
    expect(picked?.state.start.rep).toEqual({ name: 'Sam Lee', slug: 'sam-lee' });
    expect(picked?.state.start.manager).toBe('Maria');
    expect(JSON.parse(readFileSync(path.join(paths.config, 'config.json'), 'utf8'))).toMatchObject({ manager: 'Maria' });
  }, 60_000);
});
