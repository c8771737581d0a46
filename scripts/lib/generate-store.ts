/**
 * Writes a realistic store of coaching sessions for measuring repcoach at scale
 * (issue 4 "Scale", issue 7 `npm run bench`): N sessions across M reps over a
 * few years, in the real journal format (start with the playbook snapshot,
 * answers, reviews of last time's commitments, the odd pause and resume,
 * finish), using the built-in playbooks and the real engine to decide which
 * questions a session asks. Deterministic for a given seed.
 *
 * Run through scripts/generate-store.mjs, which bundles this file.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashText } from '../../src/playbook/load.ts';
import { parsePlaybook } from '../../src/playbook/parse.ts';
import type { ActionItem, AnswerValue, Owner, Playbook, Question } from '../../src/playbook/schema.ts';
import { isoDate } from '../../src/model/answers.ts';
import { visibleSteps } from '../../src/model/engine.ts';
import {
  JOURNAL_VERSION,
  serializeEntry,
  type JournalEntry,
  type ReviewEntry,
  type ReviewOutcome,
  type StartEntry,
} from '../../src/model/journal.ts';
import { loadSearchDocs, loadSummaries } from '../../src/lookback/queries.ts';
import { newSessionId } from '../../src/store/store.ts';
import { slugify } from '../../src/util/names.ts';
import { resolvePaths } from '../../src/util/paths.ts';
import { openSettings } from '../../src/config/settings.ts';

export interface GenerateOptions {
  home: string;
  sessions: number;
  reps: number;
  seed: number;
  /** How many years the sessions span, ending yesterday. */
  years: number;
  playbooksDir: string;
  now: Date;
  log: (line: string) => void;
}

/** mulberry32: small, fast, good enough for test data, and seedable (the crash harness draws its moments with it too). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Sam', 'Ana', 'Priya', 'Tom', 'Lena', 'Kofi', 'Mei', 'Jonas', 'Aisha', 'Diego', 'Hana', 'Ruth', 'Omar', 'Chloé', 'Marta', 'Ivan', 'Zoë', 'Raj', 'Nina', 'Yusuf', 'Eva', 'Luca', 'Sofía', 'Ben', 'Ines'];
const LAST = ['Lee', 'Díaz', 'Patel', 'Becker', 'Okafor', 'Chen', 'Novak', 'Haddad', 'García', 'Tanaka', "O'Brien", 'Silva', 'Nowak', 'Rossi', 'Kowalski', 'Müller', 'Andersen', 'Khan', 'Dubois', 'Moreau'];
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark Logistics', 'Wayne Retail', 'Tyrell', 'Soylent', 'Nordwind', 'Bluth Co', 'Massive Dynamic', 'Cyberdyne', 'Wonka Foods'];
const DEAL_KINDS = ['renewal', 'expansion', 'new logo', 'pilot', 'multi-year deal', 'upsell'];
const PEOPLE = ['the champion', 'the CFO', 'procurement', 'the VP of Sales', 'the IT lead', 'legal', 'the economic buyer', 'a new stakeholder'];
const SITUATIONS = [
  '{person} went quiet after the pricing call and has not answered two emails.',
  'The deal slipped a quarter because {person} wants to see a second vendor.',
  '{person} likes the product but says there is no budget until the spring.',
  'We had a great demo, then {person} asked for a 30% discount out of nowhere.',
  'Security review is stuck with {person}; nobody will give me a date.',
  'I think {person} is using us to push the incumbent on price.',
  'The pilot went well but {person} has not agreed on success criteria.',
  'Our contact left the company and I do not know who owns the decision now.',
];
const TRIED = [
  'Emailed {person} twice and left a voicemail.',
  'Asked our champion to set up a meeting with {person}; nothing yet.',
  'Sent a one-page summary of the pilot results.',
  'Offered a phased start to make the first year cheaper.',
  'Nothing yet, to be honest. I was waiting for them to come back.',
  'Tried to go around {person} to their boss, which did not land well.',
];
const CAUSES = ['Budget freeze', 'No clear owner on their side', 'We never agreed on the problem', 'Competition is cheaper', 'Timing: their year end', 'I am talking to the wrong person'];
const OPTIONS = [
  'Ask {person} what would have to be true to sign this quarter',
  'Find a second champion in operations',
  'Offer a workshop on their own numbers',
  'Walk away and revisit in Q3',
  'Send a mutual action plan with dates',
  'Bring a customer reference in their industry',
];
const ACTIONS = [
  'Book a call with {person} to agree the decision process',
  'Send a mutual action plan to {company}',
  'Draft the business case with the champion',
  'Ask {person} who else needs to say yes',
  'Prepare three questions for the next call with {company}',
  'Update the forecast with a realistic close date',
  'Share the pilot numbers with {person}',
  'Practise the pricing conversation with a peer',
  'Write down what I would do if the deal stalls again',
];
const MANAGER_ACTIONS = ['Introduce Sam to our reference customer', 'Approve the extended payment terms', 'Call {person} myself', 'Rewrite the proposal for {company}', 'Send the deck I used last year'];
const LEARNED = [
  'I waited too long before asking for the next step.',
  'Asking about their process early saves weeks later.',
  'I jump to discounts when I get nervous.',
  'A date on the calendar beats a promise to "circle back".',
  'Writing it down made me actually do it.',
];
const TAKEAWAYS = ['Ask before I offer', 'Get a date, not a promise', 'Map who decides', 'Stop discounting early', 'Follow up within a day'];
/** A little text that tests the escaping (markdown, HTML, quotes, pipes) without being unrealistic. */
const TRICKY = ['Budget is "maybe" | not yes', 'Price: <list> * 0.8 — #1 objection', '`ROI` model v2 [draft]', 'Q3 -- or Q4?', '50% off? No.'];

export function generateStore(opts: GenerateOptions): { sessions: number; reps: number; files: number; bytes: number } {
  const rand = prng(opts.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

  const playbooks = loadPlaybooks(opts.playbooksDir);
  if (playbooks.length === 0) throw new Error(`no playbooks in ${opts.playbooksDir}`);
  const paths = resolvePaths({ REPCOACH_HOME: opts.home });
  mkdirSync(paths.sessions, { recursive: true, mode: 0o700 });

  // Reps: unique names, each with habits that make their data look like a person's.
  const names = new Set<string>();
  while (names.size < opts.reps) {
    names.add(`${pick(FIRST)} ${pick(LAST)}${names.size >= FIRST.length * LAST.length ? ` ${names.size}` : ''}`);
  }
  const reps = [...names].map((name) => ({
    name,
    slug: slugify(name, 'rep'),
    reliability: 0.45 + rand() * 0.45,
    confidence: 4 + rand() * 4,
    rescues: 0.05 + rand() * 0.2,
    deals: Array.from({ length: 4 }, () => `${pick(COMPANIES)} ${pick(DEAL_KINDS)}`),
  }));

  // Share the sessions out: about equal, some reps a little more.
  const weights = reps.map(() => 0.8 + rand() * 0.4);
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / total) * opts.sessions));
  for (let i = 0; counts.reduce((a, b) => a + b, 0) < opts.sessions; i++) counts[i % counts.length] = (counts[i % counts.length] ?? 0) + 1;

  const end = new Date(opts.now.getTime() - 86_400_000);
  const spanMs = opts.years * 365 * 86_400_000;
  const ids = new Set<string>();
  let files = 0;
  let bytes = 0;

  reps.forEach((rep, r) => {
    const n = counts[r] ?? 0;
    const open: Array<{ session: string; agreed: string; item: ActionItem }> = [];
    for (let k = 0; k < n; k++) {
      // Evenly spread over the span with jitter, on a weekday between 8:00 and 17:00.
      const at = new Date(end.getTime() - spanMs + ((k + rand() * 0.8) / n) * spanMs);
      while (at.getDay() === 0 || at.getDay() === 6) at.setDate(at.getDate() + 1);
      at.setHours(between(8, 16), between(0, 59), between(0, 59), 0);
      if (at > end) at.setTime(end.getTime() - between(1, 60) * 60_000);

      let id: string;
      do id = newSessionId(at, () => Uint8Array.from({ length: 4 }, () => between(0, 255)));
      while (ids.has(id));
      ids.add(id);

      const pb = playbooks.length > 1 && rand() < 0.4 ? pick(playbooks) : (playbooks.find((p) => p.playbook.id === 'one-to-one') ?? pick(playbooks));
      const deal = rand() < 0.75 ? pick(rep.deals) : undefined;
      const company = deal ? deal.split(' ')[0] ?? 'the account' : 'the account';
      const person = pick(PEOPLE);
      const fillText = (t: string) => t.replace('{person}', person).replace('{company}', company);
      let clock = at.getTime();
      const tick = (lo: number, hi: number) => new Date((clock += between(lo, hi) * 1000)).toISOString();

      const start: StartEntry = {
        type: 'start',
        v: JOURNAL_VERSION,
        at: at.toISOString(),
        id,
        rep: { name: rep.name, slug: rep.slug },
        manager: 'Jordan Blake',
        ...(deal ? { deal } : {}),
        playbook: { id: pb.playbook.id, version: pb.playbook.version, title: pb.playbook.title, hash: pb.hash, source: 'built-in', file: pb.file },
        snapshot: pb.playbook,
      };
      const entries: JournalEntry[] = [start];
      const unfinished = k === n - 1 && rand() < 0.1;

      // Last time's open commitments first, as a run does by default.
      const stillOpen: typeof open = [];
      for (const c of open) {
        const roll = rand();
        const miss = 1 - rep.reliability;
        const outcome: ReviewOutcome = roll < rep.reliability ? 'done' : roll < rep.reliability + miss * 0.4 ? 'partly' : roll < rep.reliability + miss * 0.8 ? 'not-done' : 'dropped';
        const review: ReviewEntry = { type: 'review', at: tick(15, 60), session: c.session, agreed: c.agreed, item: c.item, outcome };
        if (rand() < 0.3) review.learned = pick(LEARNED);
        entries.push(review);
        if (outcome === 'partly' || outcome === 'not-done') stillOpen.push(c);
      }

      const answers = new Map<string, AnswerValue>();
      const agreed: ActionItem[] = [];
      let paused = false;
      for (let i = 0; ; i++) {
        const step = visibleSteps(pb.playbook, answers)[i];
        if (!step) break;
        if (unfinished && i > 4 && rand() < 0.25) break;
        const q = step.question;
        if (!q.required && rand() < 0.2) {
          entries.push({ type: 'skip', at: tick(5, 20), question: q.id });
          continue;
        }
        const value = answerFor(q, { rep, fillText, pick, between, rand, at, agreed, company, person });
        answers.set(q.id, value);
        entries.push({ type: 'answer', at: tick(20, 150), question: q.id, value });
        if (!paused && rand() < 0.04) {
          paused = true;
          entries.push({ type: 'pause', at: tick(5, 10) });
          entries.push({ type: 'resume', at: tick(600, 3600) });
        }
      }
      entries.push(unfinished ? { type: 'pause', at: tick(5, 30) } : { type: 'finish', at: tick(10, 40) });
      // Reviews count wherever they were given; actions only once their session is finished.
      open.length = 0;
      open.push(...stillOpen);
      if (!unfinished) open.push(...agreed.map((item) => ({ session: id, agreed: start.at, item })));

      const text = entries.map(serializeEntry).join('');
      // A fresh store: every file is new ("wx"), so nothing good can be replaced by half a file.
      writeFileSync(path.join(paths.sessions, `${id}.jsonl`), text, { flag: 'wx', mode: 0o600 });
      files++;
      bytes += Buffer.byteLength(text);
    }
    if ((r + 1) % 10 === 0) opts.log(`  ${r + 1}/${reps.length} reps written`);
  });
  return { sessions: files, reps: reps.length, files, bytes };
}

interface AnswerContext {
  rep: { name: string; confidence: number; rescues: number };
  fillText: (t: string) => string;
  pick: <T>(list: readonly T[]) => T;
  between: (lo: number, hi: number) => number;
  rand: () => number;
  at: Date;
  agreed: ActionItem[];
  company: string;
  person: string;
}

function answerFor(q: Question, c: AnswerContext): AnswerValue {
  const tricky = () => (c.rand() < 0.03 ? ` ${c.pick(TRICKY)}` : '');
  switch (q.type) {
    case 'text':
      if (/cause|explain/i.test(q.id)) return c.pick(CAUSES) + tricky();
      if (/learn|taking|takeaway/i.test(q.id)) return c.pick(TAKEAWAYS);
      if (/topic/i.test(q.id)) return c.company === 'the account' ? 'My pipeline for next quarter' : `${c.company} with ${c.person}`;
      return c.fillText(c.pick(OPTIONS)) + tricky();
    case 'long-text': {
      const bank = /tried/i.test(q.id) ? TRIED : /option/i.test(q.id) ? OPTIONS : SITUATIONS;
      const n = c.between(1, 3);
      return Array.from({ length: n }, () => c.fillText(c.pick(bank))).join(c.rand() < 0.3 ? '\n' : ' ') + tricky();
    }
    case 'choice': {
      const o = c.pick(q.options ?? ['a']);
      return typeof o === 'string' ? o : String(o.value);
    }
    case 'multi-choice': {
      const values = (q.options ?? []).map((o) => (typeof o === 'string' ? o : String(o.value)));
      const chosen = values.filter(() => c.rand() < 0.4).slice(0, 3);
      return chosen.length > 0 ? chosen : values.slice(0, 1);
    }
    case 'yes-no':
      return c.rand() < 0.6;
    case 'number':
      return c.between(q.min ?? 0, q.max ?? 20);
    case 'scale': {
      const min = q.min ?? 1;
      const max = q.max ?? 10;
      const centre = /confiden/i.test(q.id) ? min + ((c.rep.confidence - 1) / 9) * (max - min) : (min + max) / 2;
      return Math.max(min, Math.min(max, Math.round(centre + (c.rand() - 0.5) * 4)));
    }
    case 'actions': {
      const items: ActionItem[] = [];
      const n = c.between(1, 4);
      for (let i = 0; i < n; i++) {
        const roll = c.rand();
        const owner: Owner = roll < c.rep.rescues ? 'manager' : roll < c.rep.rescues + 0.1 ? 'both' : 'rep';
        const due = new Date(c.at);
        due.setDate(due.getDate() + c.between(2, 21));
        const what = c.fillText(owner === 'manager' ? c.pick(MANAGER_ACTIONS) : c.pick(ACTIONS)).replace('Sam', c.rep.name.split(' ')[0] ?? 'Sam');
        const item: ActionItem = { id: Array.from({ length: 6 }, () => '0123456789abcdef'[c.between(0, 15)]).join(''), what, owner, ...(c.rand() < 0.85 ? { due: isoDate(due) } : {}) };
        if (!items.some((x) => x.id === item.id)) items.push(item);
      }
      c.agreed.push(...items);
      return items;
    }
  }
}

function loadPlaybooks(dir: string): Array<{ playbook: Playbook; hash: string; file: string }> {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      const text = readFileSync(file, 'utf8');
      return { playbook: parsePlaybook(text, file), hash: hashText(text), file };
    });
}

/** Build both indexes, as the first look-back command would; returns the milliseconds taken. */
export async function buildIndexes(home: string): Promise<{ summariesMs: number; searchMs: number }> {
  const paths = resolvePaths({ REPCOACH_HOME: home });
  let t = performance.now();
  await loadSummaries(paths, await openSettings(paths));
  const summariesMs = performance.now() - t;
  t = performance.now();
  await loadSearchDocs(paths);
  return { summariesMs, searchMs: performance.now() - t };
}
