/**
 * The crash harness: runs the built binary in a tmux pane, types answers as a
 * person would, and kills it with SIGKILL at random moments — while starting,
 * at a prompt, mid-typing, right after Enter (while the answer is being saved)
 * and while the note is written. After each kill it checks the files, then
 * resumes (or starts a new session) and goes on.
 *
 * Promises checked after every kill:
 * - every answer whose prompt had returned (the next prompt was on screen) is
 *   in the journal, exactly as typed; the answer being saved is either absent
 *   or exact;
 * - a journal is whole, or has at most a cut-off last line (recoverable);
 * - a note is absent or complete (never half-written);
 * - temp files left by the killed process are gone once the next process shows
 *   its first prompt.
 *
 * Used by test/crash.test.ts (a few dozen kills) and scripts/soak.mjs (hundreds).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prng } from '../../scripts/lib/generate-store.ts';
import { usePassphrase } from '../../src/crypto/keyring.ts';
import { decodeDataText, readJournalText } from '../../src/crypto/vault.ts';
import { renderNote } from '../../src/note/render.ts';
import { foldJournal, parseJournal, type JournalEntry } from '../../src/model/journal.ts';
import { TEMP_MARKER } from '../../src/util/fs.ts';
import { Pane } from './tmux.ts';

export interface CrashOptions {
  kills: number;
  seed?: number;
  /** Encrypt the data folder (the passphrase comes from a file). */
  encrypted?: boolean;
  log?: (line: string) => void;
  /** Keep the temp folder (to look at it after a failure). */
  keep?: boolean;
}

export type KillKind = 'startup' | 'idle' | 'typing' | 'save' | 'note';

export interface CrashReport {
  seed: number;
  kills: number;
  kinds: Record<KillKind, number>;
  /** Answers confirmed on screen (the next prompt appeared), over the whole run. */
  confirmed: number;
  /** Confirmed answers looked up in a journal after a kill (each is checked after every later kill too). */
  checks: number;
  /** Confirmed answers found missing or different in a journal after some kill (each counted once): must be 0. */
  lost: number;
  /** Kills after which a temp file was found (and then had to be cleaned up). */
  tempLeftovers: number;
  /** Journals found with a cut-off last line. */
  tornTails: number;
  sessionsFinished: number;
  problems: string[];
  home: string;
}

interface Q {
  id: string;
  long: boolean;
}

const QUESTIONS: Q[] = [
  { id: 'q1', long: false },
  { id: 'q2', long: false },
  { id: 'q3', long: true },
  { id: 'q4', long: false },
  { id: 'q5', long: true },
  { id: 'q6', long: false },
];

const PLAYBOOK = `id: crash-drill
title: Crash drill
description: Questions for the crash harness.
version: "1"
stages:
  - id: first
    title: First
    goal: Answer the first three.
    tip: Keep typing.
    questions:
      - { id: q1, text: "«q1» First answer?", type: text }
      - { id: q2, text: "«q2» Second answer?", type: text }
      - { id: q3, text: "«q3» A longer answer?", type: long-text }
  - id: second
    title: Second
    goal: Answer the last three.
    tip: Nearly there.
    questions:
      - { id: q4, text: "«q4» Fourth answer?", type: text }
      - { id: q5, text: "«q5» Another long one?", type: long-text }
      - { id: q6, text: "«q6» Last answer?", type: text }
`;

const WORDS = ['pipeline', 'café', 'naïve', 'renewal', '"quoted"', 'back\\slash', 'ünïcødé', 'CFO', '50%', 'a&b', '<tag>', '#1', 'next-step', 'Zoë'];

const ACTIVE = /^\? .*«(q\d)»/;
/** The end-of-run self-check offer, still waiting for its answer. */
const SELF_CHECK_OFFER = /^\? .*Take a one-minute private self-check\?/m;

/** The question whose prompt is waiting for input, if any. */
function activeQuestion(screen: string): string | undefined {
  const lines = screen.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (/«q\d»/.test(line) && !line.trimStart().startsWith('•')) {
      return ACTIVE.exec(line)?.[1];
    }
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runCrashHarness(opts: CrashOptions): Promise<CrashReport> {
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const log = opts.log ?? (() => {});
  const root = mkdtempSync(path.join(os.tmpdir(), 'repcoach-crash-'));
  const home = path.join(root, 'home');
  mkdirSync(path.join(home, 'playbooks'), { recursive: true, mode: 0o700 });
  writeFileSync(path.join(home, 'playbooks', 'crash-drill.yaml'), PLAYBOOK);
  const env: Record<string, string> = { REPCOACH_HOME: home, NO_COLOR: '1', TERM: 'xterm-256color' };
  if (opts.encrypted) {
    const passFile = path.join(root, 'passphrase');
    writeFileSync(passFile, 'crash harness passphrase\n', { mode: 0o600 });
    env['REPCOACH_PASSPHRASE_FILE'] = passFile;
    usePassphrase('crash harness passphrase');
  }
  const socket = `repcoach-crash-${process.pid}-${seed}`;
  const report: CrashReport = {
    seed,
    kills: 0,
    kinds: { startup: 0, idle: 0, typing: 0, save: 0, note: 0 },
    confirmed: 0,
    checks: 0,
    lost: 0,
    tempLeftovers: 0,
    tornTails: 0,
    sessionsFinished: 0,
    problems: [],
    home,
  };
  /** Confirmed answers per session file. */
  const confirmed = new Map<string, Map<string, string>>();
  const lostAnswers = new Set<string>();
  let counter = 0;
  let life = 0;
  let pane: Pane | undefined;

  const sessionsDir = path.join(home, 'sessions');
  const journals = () => {
    try {
      return readdirSync(sessionsDir).filter((n) => n.endsWith('.jsonl')).map((n) => path.join(sessionsDir, n));
    } catch {
      return [];
    }
  };
  const answerFor = (q: Q): string => {
    counter++;
    const words = () => Array.from({ length: 2 + Math.floor(rand() * 4) }, () => pick(WORDS)).join(' ');
    const base = `${q.id} #${counter} ${words()}`;
    return q.long ? `${base}\n${words()} line two` : base;
  };

  try {
    if (opts.encrypted) {
      const setup = Pane.start(socket, 'setup', ['encryption', 'on'], env);
      const code = await setup.waitForExit(30_000);
      setup.close();
      if (code !== 0) throw new Error(`encryption on failed with ${code}`);
    }
    while (report.kills < opts.kills) {
      life++;
      const before = new Set(journals());
      const unfinished = await unfinishedJournal(journals());
      const args = unfinished ? ['resume'] : ['run', 'crash-drill', '--rep', `Rep ${life}`, '--manager', 'Drill'];
      const kind: KillKind = pick(['startup', 'idle', 'typing', 'save', 'save', 'save', 'note']);
      // How many answers to give before the planned kill (the note kill waits for the last one).
      const answersFirst = Math.floor(rand() * 4);
      pane = Pane.start(socket, `life-${life}`, args, env);
      let file = unfinished;
      const known = () => {
        if (!file) file = journals().find((j) => !before.has(j));
        if (!file) return undefined;
        let m = confirmed.get(file);
        if (!m) confirmed.set(file, (m = new Map()));
        return m;
      };

      let killed: KillKind | undefined;
      let pending: { file: string | undefined; q: string; value: string } | undefined;
      if (kind === 'startup') {
        await sleep(rand() * 250);
        if (await kill(pane)) killed = 'startup';
      }
      let given = 0;
      let firstPrompt = true;
      while (!killed) {
        const screen = await pane.waitFor(
          (s) => activeQuestion(s) !== undefined || SELF_CHECK_OFFER.test(s) || /Note written:/.test(s) || /\[exit \d+\]/.test(s),
          20_000,
          'a prompt',
        );
        const asked = activeQuestion(screen);
        if (!asked && SELF_CHECK_OFFER.test(screen) && !/Note written:/.test(screen)) {
          // Every question is answered; the end-of-run self-check is offered: decline it, the note follows.
          pane.key('Down', 'Enter');
          await pane.waitFor((s) => !SELF_CHECK_OFFER.test(s), 20_000, 'the self-check offer to close');
          continue;
        }
        if (!asked) break; // finished (or failed: checked below)
        if (firstPrompt) {
          firstPrompt = false;
          // The new process has started up: leftovers of the killed one must be gone.
          const temps = tempFiles(home);
          if (temps.length > 0) report.problems.push(`life ${life}: temp files left after start: ${temps.join(', ')}`);
        }
        const q = QUESTIONS.find((x) => x.id === asked);
        if (!q) throw new Error(`unknown question ${asked}`);
        const value = answerFor(q);
        const isLast = q.id === QUESTIONS[QUESTIONS.length - 1]?.id;
        if (kind === 'idle' && given >= answersFirst) {
          await sleep(rand() * 30);
          if (await kill(pane)) killed = 'idle';
          break;
        }
        if (kind === 'typing' && given >= answersFirst) {
          pane.type(value.slice(0, 1 + Math.floor(rand() * (value.length - 1))).split('\n')[0] ?? '');
          await sleep(rand() * 20);
          if (await kill(pane)) killed = 'typing';
          break;
        }
        typeAnswer(pane, value);
        pending = { file, q: q.id, value };
        const saveKill = kind === 'save' && given >= answersFirst;
        const noteKill = kind === 'note' && isLast;
        if (saveKill || noteKill) {
          // Right after Enter: the answer (or the note) is being written.
          const delay = saveKill ? rand() * 6 : rand() * 60;
          if (delay >= 1) await sleep(delay);
          if (await kill(pane)) killed = saveKill ? 'save' : 'note';
          break;
        }
        // Wait for the next prompt (not just the tick on this one): from then on the answer must be on disk.
        await pane.waitFor(
          (s) => {
            const next = activeQuestion(s);
            return (next !== undefined && next !== q.id) || SELF_CHECK_OFFER.test(s) || /Note written:/.test(s);
          },
          20_000,
          `the prompt after ${q.id}`,
        );
        const m = known();
        if (!m) throw new Error('no session file after an answer was confirmed');
        m.set(q.id, value);
        report.confirmed++;
        pending = undefined;
        given++;
      }
      if (!killed) {
        // Not killed (the plan came too late, or it ran to the end): it must finish cleanly.
        const code = await pane.waitForExit(30_000);
        if (code !== 0) report.problems.push(`life ${life}: ${args.join(' ')} exited ${code}:\n${pane.history()}`);
        else report.sessionsFinished++;
      } else {
        report.kills++;
        report.kinds[killed]++;
      }
      pane.close();
      pane = undefined;
      known();
      if (pending && !pending.file) pending.file = file;

      // Check every promise against the files as the kill left them.
      if (tempFiles(home).length > 0) report.tempLeftovers++;
      for (const j of journals()) {
        const expected = confirmed.get(j) ?? new Map<string, string>();
        const result = await checkJournal(j, expected, pending?.file === j ? pending : undefined);
        report.checks += expected.size;
        for (const q of result.lost) lostAnswers.add(`${j}#${q}`);
        report.lost = lostAnswers.size;
        if (result.torn) report.tornTails++;
        report.problems.push(...result.problems.map((p) => `life ${life} (${killed ?? 'no kill'}): ${p}`));
      }
      report.problems.push(...(await checkNotes(home, journals())).map((p) => `life ${life}: ${p}`));
      if (report.kills % 25 === 0 && killed) log(`${report.kills} kills, ${report.lost} answers lost`);
    }
  } finally {
    pane?.close();
    Pane.killServer(socket);
    if (!opts.keep && report.problems.length === 0) rmSync(root, { recursive: true, force: true });
  }
  return report;
}

function typeAnswer(pane: Pane, value: string) {
  const lines = value.split('\n');
  if (lines.length === 1) {
    pane.type(value);
    pane.key('Enter');
    return;
  }
  for (const line of lines) {
    pane.type(line);
    pane.key('Enter');
  }
  pane.key('Enter'); // an empty line finishes a long answer
}

/** SIGKILL the program; false if it was not running yet (or any more). */
async function kill(pane: Pane): Promise<boolean> {
  let pid = pane.programPid();
  for (let i = 0; pid === undefined && i < 200 && pane.exitCode() === undefined; i++) {
    await sleep(5);
    pid = pane.programPid();
  }
  if (pid === undefined) return false;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return false;
  }
  await pane.waitForExit();
  return true;
}

async function unfinishedJournal(files: string[]): Promise<string | undefined> {
  for (const f of files) {
    const { text } = await readJournalText(f);
    const { entries } = parseJournal(text);
    if (entries.length > 0 && !entries.some((e) => e.type === 'finish')) return f;
  }
  return undefined;
}

function tempFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.includes(TEMP_MARKER)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

async function checkJournal(
  file: string,
  expected: Map<string, string>,
  pending: { q: string; value: string } | undefined,
): Promise<{ lost: string[]; torn: boolean; problems: string[] }> {
  const problems: string[] = [];
  const journal = await readJournalText(file);
  const read = parseJournal(journal.text);
  const damage = read.damage ?? journal.damage;
  if (damage && !damage.tornTail) problems.push(`${file}: damaged at line ${damage.line}: ${damage.reason}`);
  const answers = new Map<string, string>();
  for (const e of read.entries) if (e.type === 'answer' && typeof e.value === 'string') answers.set(e.question, e.value);
  const lost: string[] = [];
  for (const [q, value] of expected) {
    if (answers.get(q) !== value) {
      lost.push(q);
      problems.push(`${file}: answer to ${q} lost: expected ${JSON.stringify(value)}, found ${JSON.stringify(answers.get(q))}`);
    }
  }
  if (pending && answers.has(pending.q) && !expected.has(pending.q) && answers.get(pending.q) !== pending.value) {
    problems.push(`${file}: the answer being saved to ${pending.q} is not exact: ${JSON.stringify(answers.get(pending.q))}`);
  }
  return { lost, torn: Boolean(damage?.tornTail), problems };
}

/** Every note is complete: exactly what its session renders (ignoring the duration, which depends on when it was written). */
async function checkNotes(home: string, journalFiles: string[]): Promise<string[]> {
  const problems: string[] = [];
  const byId = new Map<string, JournalEntry[]>();
  for (const j of journalFiles) {
    const { text } = await readJournalText(j);
    const { entries } = parseJournal(text);
    if (entries[0]?.type === 'start') byId.set(entries[0].id, entries);
  }
  const notesDir = path.join(home, 'notes');
  let reps: string[] = [];
  try {
    reps = readdirSync(notesDir);
  } catch {
    return problems;
  }
  for (const rep of reps) {
    for (const name of readdirSync(path.join(notesDir, rep))) {
      if (name.includes(TEMP_MARKER)) continue;
      const file = path.join(notesDir, rep, name);
      if (!statSync(file).isFile()) continue;
      let text: string;
      try {
        text = await decodeDataText(readFileSync(file, 'utf8'), file);
      } catch (err) {
        problems.push(`${file}: cannot be read: ${(err as Error).message}`);
        continue;
      }
      const id = /^session: "?([^"\n]+)"?$/m.exec(text)?.[1];
      const entries = id ? byId.get(id) : undefined;
      if (!entries) {
        problems.push(`${file}: no session ${id ?? '(none named)'} for this note`);
        continue;
      }
      const finished = entries.some((e) => e.type === 'finish');
      const at = entries[entries.length - 1]?.at ?? '';
      const state = foldJournal(finished ? entries : [...entries, { type: 'finish', at }]);
      const strip = (s: string) => s.replace(/^duration_minutes: .*$/m, '');
      if (strip(renderNote(state)) !== strip(text)) problems.push(`${file}: the note is not complete or not what its session says`);
    }
  }
  return problems;
}
