/**
 * Which known rep a typed name means (issue 10: `sam` must not silently become a
 * second rep beside "Sam Lee"). One pure function, so `run`, `prep` and `history`
 * agree on what is the same rep and what is only close to one.
 */
import { UserError } from './errors.ts';

export interface NamedRep {
  name: string;
  slug: string;
}

/**
 * How a known name is close to a typed one: `words` when every typed word begins
 * a word of the name, in order (a prefix: "Sam L"; a first or last name: "sam",
 * "lee"); `typo` when it takes a small slip of the keys ("Sam Lea", "samlee").
 */
type Closeness = 'words' | 'typo';

export type RepMatch<T> =
  /** The same rep: the same slug, so the same folder (case, spacing and accents aside). */
  | { kind: 'exact'; rep: T }
  /** Known names close to the typed one, closest first (words before typos), then in the order given. */
  | { kind: 'close'; candidates: Array<{ rep: T; closeness: Closeness }> }
  | { kind: 'none' };

/** A name as words compared: the slug's parts ("Ana Díaz" → ana, diaz). */
function nameWords(name: string): string[] {
  const slug = slugify(name, '');
  return slug === '' ? [] : slug.split('-');
}

/**
 * `reps` in the order a tie should go (the caller's: newest session first).
 * Pure; table-tested in test/names.test.ts.
 */
export function matchRep<T extends NamedRep>(typed: string, reps: readonly T[]): RepMatch<T> {
  const words = nameWords(typed);
  if (words.length === 0) return { kind: 'none' };
  const slug = words.join('-');
  const exact = reps.find((r) => r.slug === slug);
  if (exact) return { kind: 'exact', rep: exact };
  const close: Array<{ rep: T; closeness: Closeness }> = [];
  for (const rep of reps) {
    const closeness = closenessOf(words, nameWords(rep.name));
    if (closeness) close.push({ rep, closeness });
  }
  if (close.length === 0) return { kind: 'none' };
  // A stable sort: within each kind, the order given.
  close.sort((a, b) => rank(a.closeness) - rank(b.closeness));
  return { kind: 'close', candidates: close };
}

function rank(c: Closeness): number {
  return c === 'words' ? 0 : 1;
}

function closenessOf(typed: readonly string[], known: readonly string[]): Closeness | undefined {
  if (known.length === 0) return undefined;
  if (inOrder(typed, known, (t, k) => k.startsWith(t))) return 'words';
  // The same words with a slip in some: as many words, each equal or a typo of its own.
  if (typed.length === known.length && typed.every((t, i) => t === known[i] || isTypo(t, known[i] ?? ''))) return 'typo';
  // A space left out or put in: "samlee", "sam lee" for "Samlee".
  if (typed.join('') === known.join('')) return 'typo';
  return undefined;
}

/** Every typed word matches a word of the name, in the name's order (words of the name may be left out). */
function inOrder(typed: readonly string[], known: readonly string[], matches: (t: string, k: string) => boolean): boolean {
  let k = 0;
  for (const t of typed) {
    while (k < known.length && !matches(t, known[k] ?? '')) k++;
    if (k === known.length) return false;
    k++;
  }
  return true;
}

/**
 * One slip (two in a long word): a letter wrong, missing, extra or two swapped.
 * Not in short words ("Ana" and "Dana" are two people) nor in numbers ("Rep 1"
 * and "Rep 2" are two reps).
 */
function isTypo(a: string, b: string): boolean {
  if (/\d/.test(a) || /\d/.test(b)) return false;
  const shorter = Math.min([...a].length, [...b].length);
  if (shorter < 4) return false;
  return editDistance(a, b) <= (shorter >= 8 ? 2 : 1);
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
export function editDistance(x: string, y: string): number {
  const a = [...x];
  const b = [...y];
  // d[i][j]: the distance between a's first i and b's first j characters.
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => d[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The picker's list at "Who are you coaching today?" for what is typed so far:
 * the known reps it could mean (all of them, before anything is typed), then,
 * unless it is a known rep's name, the typed name as a new rep, saying which
 * close ones it is not. `reps`: newest session first. Pure.
 */
export type RepPick<T> = { rep: T } | { typed: string };

export interface PickChoice<T> {
  name: string;
  value: RepPick<T>;
  description?: string;
}

export function repChoices<T extends NamedRep & { last?: string | undefined }>(term: string | undefined, reps: readonly T[]): Array<PickChoice<T>> {
  const text = (term ?? '').trim().replace(/\s+/g, ' ');
  const known = (rep: T): PickChoice<T> => ({ name: rep.name, value: { rep }, ...(rep.last ? { description: rep.last } : {}) });
  if (text === '') return reps.map(known);
  const match = matchRep(text, reps);
  if (match.kind === 'exact') return [known(match.rep), ...reps.filter((r) => r !== match.rep && contains(r, text)).map(known)];
  const close = match.kind === 'close' ? match.candidates.map((c) => c.rep) : [];
  const shown = [...close, ...reps.filter((r) => !close.includes(r) && contains(r, text))];
  const not = close.length === 0 ? '' : `, not ${close.map((r) => r.name).join(' or ')}`;
  return [...shown.map(known), { name: `“${text}”: a new rep${not}`, value: { typed: text } }];
}

/** Type-to-filter: the name holds what is typed (accents and case aside). */
function contains(rep: NamedRep, text: string): boolean {
  const t = nameWords(text).join(' ');
  return t !== '' && nameWords(rep.name).join(' ').includes(t);
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** Long enough to tell names apart, short enough for any file system's 255-byte name limit. */
const SLUG_MAX_CHARS = 64;
const SLUG_MAX_BYTES = 128;

/**
 * A name a person typed (a rep, a playbook) as a file-name-safe slug: lower-case
 * letters of any script, digits and dashes only, so it can never climb out of its
 * folder (`../../x`), be absolute, hold a NUL, or be a reserved Windows device
 * name. Accents come off Latin letters (José → jose); other scripts are kept, so
 * "Иван" and "王伟" do not both become the fallback and share a folder.
 */
export function slugify(name: string, fallback = 'unnamed'): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/([A-Za-z])[\u0300-\u036f]+/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .normalize('NFC');
  let slug = '';
  for (const ch of Array.from(cleaned).slice(0, SLUG_MAX_CHARS)) {
    if (Buffer.byteLength(slug + ch, 'utf8') > SLUG_MAX_BYTES) break;
    slug += ch;
  }
  slug = slug.replace(/-+$/g, '');
  if (!slug) return fallback;
  return WINDOWS_RESERVED.test(slug) ? `${slug}-` : slug;
}

/**
 * A rep's slug, which keys their sessions, notes folder and commitments. A name
 * with no letter or digit ("...", "-", an emoji) has none to give: every such
 * name would share one, and merge different reps, so it is refused (issue 15).
 */
export function repSlug(name: string): string {
  const problem = repNameProblem(name);
  if (problem) throw new UserError(problem, 'Give the rep\'s name, e.g. --rep "Sam Lee".');
  return slugify(name, '');
}

/** Why `name` cannot be a rep's name, or undefined when it can (see repSlug). */
export function repNameProblem(name: string): string | undefined {
  return slugify(name, '') === '' ? `"${name}" cannot be a rep's name: it has no letter or digit to file the sessions under.` : undefined;
}
