/**
 * English verb forms, enough for the rescue rules ("call" must also match
 * "calls", "calling" and "called", and tell them apart) and for handing an
 * action back ("Call their VP" → "Sam calls their VP").
 */

export type VerbForm = 'base' | 's' | 'ing' | 'past';

export interface Forms {
  base: string;
  s: string;
  ing: string;
  past: string;
  participle: string;
}

const IRREGULAR: Record<string, [past: string, participle: string]> = {
  be: ['was', 'been'],
  bring: ['brought', 'brought'],
  build: ['built', 'built'],
  buy: ['bought', 'bought'],
  catch: ['caught', 'caught'],
  deal: ['dealt', 'dealt'],
  dive: ['dived', 'dived'],
  do: ['did', 'done'],
  drive: ['drove', 'driven'],
  get: ['got', 'gotten'],
  give: ['gave', 'given'],
  go: ['went', 'gone'],
  have: ['had', 'had'],
  lead: ['led', 'led'],
  leave: ['left', 'left'],
  make: ['made', 'made'],
  meet: ['met', 'met'],
  put: ['put', 'put'],
  rebuild: ['rebuilt', 'rebuilt'],
  redo: ['redid', 'redone'],
  rewrite: ['rewrote', 'rewritten'],
  ring: ['rang', 'rung'],
  run: ['ran', 'run'],
  say: ['said', 'said'],
  send: ['sent', 'sent'],
  set: ['set', 'set'],
  sit: ['sat', 'sat'],
  speak: ['spoke', 'spoken'],
  take: ['took', 'taken'],
  teach: ['taught', 'taught'],
  tell: ['told', 'told'],
  write: ['wrote', 'written'],
};

/** Past forms, for telling "I rang their CFO" (done) from "I ring their CFO" (a plan) with any verb. */
const MORE_PASTS = ['came', 'saw', 'thought', 'stood', 'heard', 'kept', 'felt', 'found', 'held', 'paid', 'knew', 'began', 'spent', 'sold', 'won', 'lost', 'chose', 'flew', 'drew', 'threw', 'forgot'];
const PAST_FORMS: ReadonlySet<string> = new Set([...Object.values(IRREGULAR).flat(), ...MORE_PASTS]);

/** The likely form of any word used as a verb. */
export function guessForm(word: string): VerbForm {
  if (PAST_FORMS.has(word) || (word.endsWith('ed') && word.length > 3)) return 'past';
  if (word.endsWith('ing') && word.length > 4) return 'ing';
  return 'base';
}

const S_FORM: Record<string, string> = { be: 'is', have: 'has', do: 'does', go: 'goes', redo: 'redoes', demo: 'demos' };

/** Short verbs that double their last consonant: run → running, step → stepped. */
const DOUBLING = new Set(['chat', 'drop', 'get', 'hop', 'jog', 'plan', 'put', 'run', 'set', 'ship', 'sit', 'step', 'stop', 'swap']);

const cache = new Map<string, Forms>();

export function forms(base: string): Forms {
  let f = cache.get(base);
  if (!f) {
    f = build(base);
    cache.set(base, f);
  }
  return f;
}

function build(base: string): Forms {
  const irregular = IRREGULAR[base];
  const last = base.charAt(base.length - 1);
  const doubled = DOUBLING.has(base) ? base + last : base;
  let s = S_FORM[base];
  if (!s) {
    if (/(s|sh|ch|x|z)$/.test(base)) s = base + 'es';
    else if (/[^aeiou]y$/.test(base)) s = base.slice(0, -1) + 'ies';
    else s = base + 's';
  }
  let ing: string;
  if (base.endsWith('ie')) ing = base.slice(0, -2) + 'ying';
  else if (base.endsWith('e') && !/(ee|ye|oe)$/.test(base) && base !== 'be') ing = base.slice(0, -1) + 'ing';
  else ing = doubled + 'ing';
  let past: string;
  if (base.endsWith('e')) past = base + 'd';
  else if (/[^aeiou]y$/.test(base)) past = base.slice(0, -1) + 'ied';
  else past = doubled + 'ed';
  return { base, s, ing, past: irregular?.[0] ?? past, participle: irregular?.[1] ?? past };
}

/** The form of `word` if it is a form of `base`. Base wins where forms coincide ("put"). */
export function formOf(word: string, base: string): VerbForm | undefined {
  if (word === base) return 'base';
  const f = forms(base);
  if (word === f.s) return 's';
  if (word === f.ing) return 'ing';
  if (word === f.past || word === f.participle || (base === 'be' && word === 'were')) return 'past';
  return undefined;
}

