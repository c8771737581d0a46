/**
 * Issue 10, the start of a run: who the rep is (the picker, "Did you mean Sam
 * Lee?", the rules without a terminal), who the manager is (asked once), and the
 * offer to resume a rep's paused session. The terminal's prompts are replaced by
 * a script; the picker's list is the real one (repChoices), and everything else
 * (settings, the index, the journals, resume) runs for real.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { run, type RunOptions } from '../src/commands/run.ts';
import { UsageError } from '../src/util/errors.ts';
import type { AskRequest, AskResult, Prompter } from '../src/run/questions.ts';
import { listSessions } from '../src/store/store.ts';
import { openSettings } from '../src/config/settings.ts';
import { repChoices, type NamedRep, type PickChoice, type RepPick } from '../src/util/names.ts';
import type { Paths } from '../src/util/paths.ts';
import { tempDir, tempPaths } from './helpers.ts';
import { miniPlaybook, testContext, write } from './library-helpers.ts';

type Rep = NamedRep & { last?: string | undefined };

/** What the person at the terminal does, and what they were shown. */
const tty = vi.hoisted(() => ({
  log: [] as string[],
  /** At the picker: the list shown (repChoices for what they type), and the choice made from it. */
  pick: undefined as undefined | ((list: (term: string) => Array<PickChoice<Rep>>) => RepPick<Rep>),
  managerName: 'Maria',
  which: true as boolean,
  yes: true as boolean,
}));

vi.mock('../src/prompts/index.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/prompts/index.ts')>();
  const scripted: Prompter = {
    stage: () => undefined,
    ask: async (req: AskRequest): Promise<AskResult> => ({ kind: 'answer', value: req.question.type === 'scale' ? 8 : `answer to ${req.question.id}` }),
    recap: () => undefined,
    actionSummary: () => undefined,
    message: (text) => tty.log.push(`message: ${text}`),
  };
  return {
    ...original,
    createTerminalPrompter: () => scripted,
    askManagerName: async (message: string) => {
      tty.log.push(`manager? ${message}`);
      return tty.managerName;
    },
    askText: async (message: string) => {
      throw new Error(`askText was not expected: ${message}`);
    },
    askRep: async (message: string, reps: readonly Rep[]) => {
      tty.log.push(`rep? ${message} [${reps.map((r) => `${r.name} (${r.last ?? ''})`).join(', ')}]`);
      if (!tty.pick) throw new Error('the picker was not expected');
      return tty.pick((term) => repChoices(term, reps));
    },
    askWhichRep: async (typed: string, candidates: readonly Rep[]) => {
      tty.log.push(`which? ${typed}: ${candidates.map((c) => c.name).join(', ')}`);
      return tty.which ? candidates[0] : undefined;
    },
    askYesNo: async (message: string) => {
      tty.log.push(`yes/no? ${message}`);
      return tty.yes;
    },
  };
});

beforeEach(() => {
  tty.log = [];
  tty.pick = undefined;
  tty.managerName = 'Maria';
  tty.which = true;
  tty.yes = true;
});

/** A store with the `weekly` mini playbook and finished sessions with these reps, oldest first, a day apart. */
async function storeWith(reps: string[]): Promise<{ paths: Paths; dir: string }> {
  const paths = tempPaths();
  const dir = tempDir();
  write(path.join(paths.playbooks, 'weekly.yaml'), miniPlaybook('weekly'));
  write(path.join(dir, 'full.yaml'), 'goal: A plan\nconfidence: 7\n');
  for (const [i, rep] of reps.entries()) {
    const at = new Date(`2026-02-0${i + 1}T10:00:00Z`);
    const ctx = { ...testContext(paths, { cwd: dir }), now: () => at };
    await run(ctx, { playbook: 'weekly', rep, answers: 'full.yaml', input: false });
  }
  return { paths, dir };
}

/** A run in a terminal; resolves to the error, if any. */
async function runInTerminal(paths: Paths, dir: string, opts: Partial<RunOptions> = {}): Promise<unknown> {
  const ctx = testContext(paths, { cwd: dir, stdinIsTTY: true });
  return run(ctx, { playbook: 'weekly', input: true, manager: 'Maria', ...opts }).then(
    () => undefined,
    (e: unknown) => e,
  );
}

/** Each session's rep, newest first. */
async function repsOfSessions(paths: Paths): Promise<string[]> {
  const { sessions } = await listSessions(paths);
  return sessions.sort((a, b) => b.state.start.at.localeCompare(a.state.start.at) || b.id.localeCompare(a.id)).map((s) => `${s.state.start.rep.name} (${s.state.start.rep.slug})`);
}

describe('who is the rep: the picker', () => {
  it('lists the known reps newest first; typing “sam” and Enter is Sam Lee, not a new rep', async () => {
    const { paths, dir } = await storeWith(['Sam Okafor', 'Dana Ortiz', 'Sam Lee']);
    tty.pick = (list) => {
      const shown = list('sam');
      tty.log.push(`typed sam: ${shown.map((c) => c.name).join(' | ')}`);
      // Enter takes the first line.
      return shown[0]?.value ?? { typed: 'sam' };
    };
    expect(await runInTerminal(paths, dir)).toBeUndefined();
    expect(tty.log).toContain(
      'rep? Who are you coaching today? (type to filter, or a new name) [Sam Lee (last session Tue 3 Feb), Dana Ortiz (last session Mon 2 Feb), Sam Okafor (last session Sun 1 Feb)]',
    );
    expect(tty.log).toContain('typed sam: Sam Lee | Sam Okafor | “sam”: a new rep, not Sam Lee or Sam Okafor');
    const reps = await repsOfSessions(paths);
    expect(reps[0]).toBe('Sam Lee (sam-lee)');
    expect(new Set(reps)).toEqual(new Set(['Sam Lee (sam-lee)', 'Dana Ortiz (dana-ortiz)', 'Sam Okafor (sam-okafor)']));
    // The picker's own choice is not asked about again.
    expect(tty.log.some((l) => l.startsWith('which?'))).toBe(false);
  });

  it('takes a new name typed at the picker as a new rep', async () => {
    const { paths, dir } = await storeWith(['Sam Lee']);
    tty.pick = (list) => {
      const last = list('Jo Smith').at(-1);
      if (!last || !('typed' in last.value)) throw new Error('no new-rep line');
      return last.value;
    };
    expect(await runInTerminal(paths, dir)).toBeUndefined();
    expect(await repsOfSessions(paths)).toEqual(['Jo Smith (jo-smith)', 'Sam Lee (sam-lee)']);
  });

  it('asks again when the name typed at the picker has no letter or digit (it ended the run)', async () => {
    const { paths, dir } = await storeWith(['Sam Lee']);
    const typed = ['...', 'Jo Smith'];
    tty.pick = (list) => {
      const last = list(typed.shift() ?? '').at(-1);
      if (!last || !('typed' in last.value)) throw new Error('no new-rep line');
      return last.value;
    };
    expect(await runInTerminal(paths, dir)).toBeUndefined();
    expect(typed).toEqual([]);
    expect(await repsOfSessions(paths)).toEqual(['Jo Smith (jo-smith)', 'Sam Lee (sam-lee)']);
  });

  it('asks for a name plainly when no rep is known yet', async () => {
    const paths = tempPaths();
    const dir = tempDir();
    write(path.join(paths.playbooks, 'weekly.yaml'), miniPlaybook('weekly'));
    // askText is scripted to fail: the plain prompt was reached, and the picker was not.
    const error = await runInTerminal(paths, dir);
    expect(String(error)).toContain('askText was not expected: Who are you coaching today?');
    expect(tty.log.some((l) => l.startsWith('rep?'))).toBe(false);
  });
});

describe('who is the rep: a typed --rep close to a known one', () => {
  it('asks “Did you mean…?”; yes is the known rep', async () => {
    const { paths, dir } = await storeWith(['Sam Lee', 'Dana Ortiz']);
    tty.which = true;
    expect(await runInTerminal(paths, dir, { rep: 'sam' })).toBeUndefined();
    expect(tty.log).toContain('which? sam: Sam Lee');
    expect((await repsOfSessions(paths))[0]).toBe('Sam Lee (sam-lee)');
  });

  it('no is a new rep of the name typed', async () => {
    const { paths, dir } = await storeWith(['Sam Lee', 'Dana Ortiz']);
    tty.which = false;
    expect(await runInTerminal(paths, dir, { rep: 'Dana Ortix' })).toBeUndefined();
    expect(tty.log).toContain('which? Dana Ortix: Dana Ortiz');
    expect((await repsOfSessions(paths))[0]).toBe('Dana Ortix (dana-ortix)');
  });

  it('asks nothing for a known rep’s name in another case, a name close to no one, or with --new-rep', async () => {
    const { paths, dir } = await storeWith(['Sam Lee']);
    expect(await runInTerminal(paths, dir, { rep: 'SAM LEE' })).toBeUndefined();
    expect(await runInTerminal(paths, dir, { rep: 'Priya Patel' })).toBeUndefined();
    expect(await runInTerminal(paths, dir, { rep: 'Sam', newRep: true })).toBeUndefined();
    expect(tty.log.some((l) => l.startsWith('which?'))).toBe(false);
    expect((await repsOfSessions(paths)).slice(0, 3).sort()).toEqual(['Priya Patel (priya-patel)', 'Sam (sam)', 'Sam Lee (sam-lee)']);
  });
});

describe('who is the rep: with no one to ask (--answers, --no-input)', () => {
  it.each([
    ['sam lee', undefined, 'Sam Lee (sam-lee)'],
    ['Priya', undefined, 'Priya (priya)'],
    ['sam', true, 'sam (sam)'],
  ])('--rep %j (--new-rep %j) is %s', async (rep, newRep, expected) => {
    const { paths, dir } = await storeWith(['Sam Lee']);
    await run(testContext(paths, { cwd: dir }), { playbook: 'weekly', rep, newRep, answers: 'full.yaml', input: false });
    expect((await repsOfSessions(paths))[0]).toBe(expected);
  });

  it('refuses a name only close to known reps, naming them and what to do', async () => {
    const { paths, dir } = await storeWith(['Sam Lee', 'Sam Okafor']);
    const error = await run(testContext(paths, { cwd: dir }), { playbook: 'weekly', rep: 'sam', answers: 'full.yaml', input: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe('"sam" is close to reps you have coached: Sam Okafor, Sam Lee. With --no-input there is no one to ask which you mean.');
    expect((error as UsageError).hint).toBe('Give the full name (--rep "Sam Okafor"), or add --new-rep to start with a new rep named "sam".');
    // Nothing was started.
    expect(await repsOfSessions(paths)).toHaveLength(2);
  });
});

describe('who is the manager', () => {
  it('is asked once, on the first run in a terminal, remembered, and named on the actions', async () => {
    const { paths, dir } = await storeWith([]);
    tty.managerName = 'Maria Garcia';
    expect(await runInTerminal(paths, dir, { rep: 'Sam Lee', manager: undefined })).toBeUndefined();
    expect(tty.log.filter((l) => l.startsWith('manager?'))).toEqual(['manager? Welcome to repcoach. What is your name? (actions in your notes will say it; asked this once)']);
    expect((await openSettings(paths)).get('manager')).toBe('Maria Garcia');

    expect(await runInTerminal(paths, dir, { rep: 'Sam Lee', manager: undefined })).toBeUndefined();
    expect(tty.log.filter((l) => l.startsWith('manager?'))).toHaveLength(1);
    const { sessions } = await listSessions(paths);
    expect(sessions.map((s) => s.state.start.manager)).toEqual(['Maria Garcia', 'Maria Garcia']);
  });

  it('is not asked when --manager gives it, which is remembered too; nor without a terminal', async () => {
    const { paths, dir } = await storeWith(['Sam Lee']);
    expect((await openSettings(paths)).get('manager')).toBeUndefined();
    expect(await runInTerminal(paths, dir, { rep: 'Sam Lee', manager: 'Alex' })).toBeUndefined();
    expect(tty.log.some((l) => l.startsWith('manager?'))).toBe(false);
    expect((await openSettings(paths)).get('manager')).toBe('Alex');
  });

  it('owns the actions by name in the note', async () => {
    const { paths, dir } = await storeWith([]);
    write(
      path.join(paths.playbooks, 'plan.yaml'),
      miniPlaybook('plan', { extra: '      - id: actions\n        text: What will you do?\n        type: actions\n' }),
    );
    write(
      path.join(dir, 'plan.yaml'),
      'goal: A plan\nconfidence: 7\nactions:\n  - { what: Call the CFO, owner: rep }\n  - { what: Send the pricing memo, owner: manager }\n  - { what: Draft the plan, owner: both }\n',
    );
    await run(testContext(paths, { cwd: dir }), { playbook: 'plan', rep: 'Sam Lee', manager: 'Maria', answers: 'plan.yaml', input: false });
    const [session] = (await listSessions(paths)).sessions;
    const note = readFileSync(session?.state.notePath ?? '', 'utf8');
    expect(note).toContain('- [ ] Call the CFO — Sam Lee');
    expect(note).toContain('- [ ] Send the pricing memo — Maria');
    expect(note).toContain('- [ ] Draft the plan — Sam Lee and Maria');
  });
});

describe('a rep with a paused session', () => {
  /** Sam Lee's session from an answers file that leaves the scale unanswered: paused, 1 of 2 answered. */
  async function pausedForSam() {
    const { paths, dir } = await storeWith(['Dana Ortiz']);
    write(path.join(dir, 'half.yaml'), 'goal: A plan for Acme\n');
    const started = testContext(paths, { cwd: dir });
    await expect(run(started, { playbook: 'weekly', rep: 'Sam Lee', answers: 'half.yaml', input: false })).rejects.toThrow(/Missing required answer: confidence/);
    const [paused] = (await listSessions(paths)).sessions.filter((s) => s.state.status === 'paused');
    if (!paused) throw new Error('no paused session');
    return { paths, dir, paused };
  }

  it('is offered it; yes continues that session, as `repcoach resume <id>` does', async () => {
    const { paths, dir, paused } = await pausedForSam();
    tty.yes = true;
    expect(await runInTerminal(paths, dir, { rep: 'sam lee' })).toBeUndefined();
    expect(tty.log).toContain('yes/no? Sam Lee has a paused session from Mon 2 Mar (weekly, 1 of 2 answered). Resume it?');
    expect(tty.log.some((l) => l.startsWith(`message: Resuming session ${paused.id}: Sam Lee, “Playbook weekly”`))).toBe(true);
    const { sessions } = await listSessions(paths);
    expect(sessions).toHaveLength(2);
    const again = sessions.find((s) => s.id === paused.id);
    expect(again?.state.status).toBe('done');
    expect(again?.state.answers.get('goal')).toBe('A plan for Acme');
    expect(again?.state.answers.get('confidence')).toBe(8);
    expect(readFileSync(again?.file ?? '', 'utf8')).toContain('"type":"resume"');
  });

  it('no starts a new session and leaves the paused one as it was', async () => {
    const { paths, dir, paused } = await pausedForSam();
    const before = readFileSync(paused.file, 'utf8');
    tty.yes = false;
    expect(await runInTerminal(paths, dir, { rep: 'Sam Lee' })).toBeUndefined();
    expect(tty.log.filter((l) => l.startsWith('yes/no?'))).toHaveLength(1);
    const { sessions } = await listSessions(paths);
    expect(sessions).toHaveLength(3);
    expect(readFileSync(paused.file, 'utf8')).toBe(before);
    const fresh = sessions.find((s) => s.id !== paused.id && s.state.start.rep.slug === 'sam-lee');
    expect(fresh?.state.status).toBe('done');
  });

  it('is not offered for another rep’s paused session, nor without a terminal', async () => {
    const { paths, dir } = await pausedForSam();
    expect(await runInTerminal(paths, dir, { rep: 'Dana Ortiz' })).toBeUndefined();
    await run(testContext(paths, { cwd: dir }), { playbook: 'weekly', rep: 'Sam Lee', answers: 'full.yaml', input: false });
    expect(tty.log.some((l) => l.startsWith('yes/no?'))).toBe(false);
    expect((await listSessions(paths)).sessions).toHaveLength(4);
  });
});
