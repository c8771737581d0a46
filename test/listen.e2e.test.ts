/**
 * End to end in a real pseudo-terminal (tmux), issue 12: after a one-to-one,
 * the manager runs `repcoach listen` on the call's transcript, attaches the figures to the session, and finds them in `show`.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listSessions } from '../src/store/store.ts';
import { resolvePaths } from '../src/util/paths.ts';
import { cli } from './harness/data.ts';
import { hasTmux, Pane } from './harness/tmux.ts';
import { tempDir } from './helpers.ts';
import { miniPlaybook, write } from './library-helpers.ts';

const SOCKET = `repcoach-listen-${process.pid}`;
afterAll(() => Pane.killServer(SOCKET));
const TEAMS = path.join(import.meta.dirname, 'fixtures', 'transcripts', 'teams.vtt');

describe.skipIf(!hasTmux())('the conversation mirror, in a terminal', () => {
  it('shows the figures beside their targets, attaches them to the session, and show has them', async () => {
    const home = path.join(tempDir(), 'home');
    const paths = resolvePaths({ REPCOACH_HOME: home });
    write(path.join(paths.playbooks, 'weekly.yaml'), miniPlaybook('weekly'));
    const answers = write(path.join(home, '..', 'full.yaml'), 'goal: A plan for Acme\nconfidence: 7\n');
    const r = cli(home, ['run', 'weekly', '--rep', 'Sam Carter', '--manager', 'Maria Lopez', '--answers', answers, '--no-input']);
    expect(r.status).toBe(0);
    const [session] = (await listSessions(paths)).sessions;
    const id = session?.state.start.id ?? '';

    const env = { REPCOACH_HOME: home, TERM: 'xterm-256color' };
    const look = Pane.start(SOCKET, 'look', ['listen', TEAMS], env, { width: 130 });
    try {
      const screen = await look.waitFor(/\[exit \d+\]/);
      expect(screen).toContain(`For session ${id} with Sam Carter (today)`);
      expect(screen).toMatch(/Your talk share\s+44%\s+45% or less; warned above 60%\s+ok/);
      expect(screen).toContain('0:34  “Leave it with me, I\'ll call their VP.”');
      expect(screen).toContain('[exit 0]');
    } finally {
      look.close();
    }

    const attach = Pane.start(SOCKET, 'attach', ['listen', TEAMS, '--session', id], env, { width: 130 });
    try {
      const screen = await attach.waitFor(/\[exit \d+\]/);
      expect(screen).toContain('now has the figures in its part for you only');
      expect(screen).toContain('[exit 0]');
    } finally {
      attach.close();
    }

    const show = Pane.start(SOCKET, 'show', ['show', id], env, { width: 130, height: 80 });
    try {
      const screen = await show.waitFor(/\[exit \d+\]/);
      expect(screen).toContain('Conversation mirror');
      expect(screen).toContain('Your talk share: 44% of the time; Sam Carter 56%');
    } finally {
      show.close();
    }
  });
});
