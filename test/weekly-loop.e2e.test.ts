/**
 * Issue 10, end to end: the weekly loop as a manager lives it. Two sessions with
 * the same rep a week apart, driven through the built binary in a real terminal
 * (tmux), the clock set with libfaketime: the second reviews the first's
 * commitments (the due ones, the one not due yet listed), `stats` shows the
 * outcomes just given, and `show --for-rep` gives the rep's copy of the second.
 * Skipped without tmux or faketime (.ci/run installs both). Needs `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, hasFaketime, hasTmux, Pane } from './harness/tmux.ts';
import { tempDir } from './helpers.ts';
import { MINI_YAML } from './lookback-helpers.ts';

const SOCKET = `repcoach-weekly-${process.pid}`;
const WEEK1 = '2026-12-06 10:00:00';
const WEEK2 = '2026-12-13 10:00:00';

afterAll(() => Pane.killServer(SOCKET));

function env(home: string): Record<string, string> {
  return { REPCOACH_HOME: home, NO_COLOR: '1', TERM: 'xterm-256color', TZ: 'UTC' };
}

/** A command without a terminal, at `when`. */
function cli(home: string, when: string, args: string[]) {
  const r = spawnSync('faketime', [when, process.execPath, CLI, ...args], { cwd: home, env: { ...process.env, ...env(home) }, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let panes = 0;
function start(home: string, when: string, playbook: string): Pane {
  return Pane.start(SOCKET, `w${++panes}`, ['run', playbook, '--rep', 'Sam Lee', '--deal', 'Acme'], env(home), { cwd: home, wrap: ['faketime', when] });
}

/** The last line of the screen that is not blank: where the cursor's prompt is. */
function lastLine(screen: string): string {
  return screen.trimEnd().split('\n').pop() ?? '';
}

/**
 * Wait for `prompt` as the active prompt (its line starts with "?"; once answered it starts
 * with "✔", so an earlier action's "Who owns it?" is not taken for this one's), then answer.
 */
async function answer(p: Pane, prompt: RegExp, text: string | null, ...keys: string[]) {
  const active = new RegExp(`^\\?\\s+.*${prompt.source}`, 'm');
  await p.waitFor((s) => active.test(s), 15_000, String(active));
  if (text !== null) p.type(text);
  p.key(...(keys.length ? keys : ['Enter']));
}

/** An action: what, owner (the default, the rep), due date; then another, or done. */
async function action(p: Pane, n: number, what: string, due: string, more: boolean) {
  await answer(p, new RegExp(`Action ${n}: what will be done\\?`), what);
  await answer(p, /Who owns it\?/, null, 'Enter');
  await answer(p, /Due \(e\.g\./, due);
  // Add another / Edit one / Remove one / No, that is all (the default, at the bottom).
  await answer(p, /Add another action\?/, null, ...(more ? ['Up', 'Up', 'Up', 'Enter'] : ['Enter']));
}

/** After the last question: a self-check offer (declined) if there is one, then the note. */
async function finish(p: Pane): Promise<string> {
  const screen = await p.waitFor((s) => /Note written:|self-check\?/.test(s), 15_000, 'the end of the run');
  if (!/Note written:/.test(screen)) {
    p.key('Down');
    p.key('Enter');
  }
  await p.waitFor(/Note written:/);
  expect(await p.waitForExit()).toBe(0);
  return p.history();
}

describe.skipIf(!hasTmux() || !hasFaketime())('the weekly loop, a week apart (needs tmux and faketime)', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\``);
  });

  it('reviews last week’s due commitments, lists the one not due, and stats and the rep’s copy say so', async () => {
    const home = tempDir();
    const playbook = path.join(home, 'mini.yaml');
    writeFileSync(playbook, MINI_YAML);

    // Week 1: three commitments; one due before week 2, one after it, one with no date.
    const one = start(home, WEEK1, playbook);
    // The first run asks the manager's name, once.
    await answer(one, /What is your name\?/, 'Maria');
    await answer(one, /What do you want from today, Sam Lee\?/, 'A plan for Acme');
    await action(one, 1, 'Call Dana about the CFO', '2026-12-10', true);
    await action(one, 2, 'Send the phased proposal', '2026-12-20', true);
    await action(one, 3, 'Map the buying committee', '', false);
    await answer(one, /How confident are you\?/, '6');
    await answer(one, /What are you taking away\?/, '');
    const first = await finish(one);
    expect(first).not.toContain('Last time’s commitments');
    one.close();

    // Week 2, seven days later by the clock.
    const two = start(home, WEEK2, playbook);
    const intro = await two.waitFor(/Which do you want to review\?/);
    expect(intro).toContain('━━ Last time’s commitments with Sam Lee');
    expect(intro).toContain('Not due yet: “Send the phased proposal” (due 2026-12-20).');
    expect(intro).toContain('2 of 3 are due now or overdue.');
    // The default: the due ones only.
    two.key('Enter');
    const firstReview = await two.waitFor(/Last time’s commitments · 1 of 2 › “Call Dana about the CFO”/);
    expect(firstReview).toContain('due 2026-12-10, overdue');
    expect(firstReview).toContain('Not due yet: stays open, not counted');
    expect(firstReview).toContain('Skip the rest: leave this one and the 1 after it open for next time');
    // Not a stage counter.
    expect(lastLine(firstReview)).not.toMatch(/\[\d+\/\d+ · \d+\/\d+\]/);
    two.key('Enter'); // Done
    await answer(two, /1 of 2 › What did you learn from it\?/, 'Ask for the meeting early');
    await answer(two, /Last time’s commitments · 2 of 2 › “Map the buying committee”/, null, 'Down', 'Enter'); // Partly done
    await answer(two, /2 of 2 › What did you learn from it\?/, '');
    const tally = await two.waitFor(/Reviewed: 1 done, 1 partly done\./);
    expect(tally).not.toMatch(/Last time’s commitments · \d of \d › “Send the phased proposal”/);
    await answer(two, /What do you want from today, Sam Lee\?/, 'Close the loop on Acme');
    await action(two, 1, 'Book the pilot review', '2026-12-18', false);
    await answer(two, /How confident are you\?/, '7');
    await answer(two, /What are you taking away\?/, '');
    await finish(two);
    two.close();

    // stats: exactly the outcomes just given; the proposal and the new action are not reviewed yet.
    const json = cli(home, WEEK2, ['stats', 'Sam Lee', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).followThrough).toMatchObject({ done: 1, partly: 1, notDone: 0, dropped: 0, pending: 2, rate: 0.75 });
    const text = cli(home, WEEK2, ['stats', 'Sam Lee']);
    expect(text.stdout).toContain('Follow-through  75%');
    expect(text.stdout).toContain('done 1, partly 1, not done 0; dropped 0; not reviewed yet 2');

    // prep agrees: the committee (partly) and the proposal (not due, never reviewed) are open.
    const prep = cli(home, WEEK2, ['prep', 'Sam Lee', '--json']);
    expect(JSON.parse(prep.stdout).open.map((o: { what: string }) => o.what).sort()).toEqual(['Book the pilot review', 'Map the buying committee', 'Send the phased proposal']);

    // The rep's copy of the second session: the review and its outcomes, nothing of the manager's.
    const sessions = cli(home, WEEK2, ['sessions', '--json']);
    const list = JSON.parse(sessions.stdout) as { sessions?: Array<{ id: string; started: string }> } | Array<{ id: string; started: string }>;
    const rows = Array.isArray(list) ? list : (list.sessions ?? []);
    const second = rows.find((r) => r.started.startsWith('2026-12-13'));
    expect(second).toBeDefined();
    const show = cli(home, WEEK2, ['show', second?.id ?? '', '--for-rep', '--markdown']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('## Since last time');
    expect(show.stdout).toContain('Call Dana about the CFO');
    expect(show.stdout).toContain('**done**');
    expect(show.stdout).toContain('Learned: Ask for the meeting early');
    expect(show.stdout).toContain('**partly done**');
    expect(show.stdout).toContain('Book the pilot review');
    expect(show.stdout).not.toContain('For the manager only');
    expect(show.stdout).not.toContain('Rescue check');
  }, 120_000);
});
