/**
 * The small pattern language of the rescue lists (lexicon.ts, and the phrases a
 * team adds in settings or a playbook):
 *
 *   call <buyer>                 the first word matches any form of the verb
 *   get (in touch|hold) with …   (a|b c) alternatives; (a|b)? optional
 *   <buyer> <work> <it> …        a noun phrase of that kind (lexicon NOUNS)
 *   <np>                         any short noun phrase
 *   <boost>                      "myself", "for you", "personally"… close by
 *   *                            up to four words
 *   $                            the clause ends here (a mark, the end, or "tonight", "myself"…)
 *
 * Everything else is a word, matched case-insensitively.
 */
import { BOOSTS, CLAUSE_TAIL, KIND_GROUPS, NOUNS, OWN_WORK, PRACTICE, type NounKind } from './lexicon.ts';
import { tokenize, type Token } from './tokens.ts';
import { formOf, forms, type VerbForm } from './verbs.ts';

type Element =
  | { kind: 'words'; alts: string[][]; optional: boolean }
  | { kind: 'slot'; nouns: NounKind[] }
  | { kind: 'boost' }
  | { kind: 'any' }
  | { kind: 'end' };

export interface Pattern {
  source: string;
  elements: Element[];
  /** Every word the pattern can start with (all forms of its verb); undefined when it can start anywhere. */
  firsts: ReadonlySet<string> | undefined;
  /** Words one of which a sentence must hold for the pattern to match there (its last fixed words); undefined when none. */
  needs: ReadonlySet<string> | undefined;
}

export interface Match {
  /** One past the last token. */
  end: number;
  /** The form of the first word (the verb), when it is a word. */
  form: VerbForm | undefined;
  /** The noun phrases the slots took, as token ranges. */
  phrases: Array<[number, number]>;
}

/** What a noun phrase needs to know beyond its own words. */
export interface NounContext {
  /** Buyer-side names (a company, a person), lower-case words. */
  buyers: ReadonlySet<string>;
  /** Token indexes of "him", "her", "them" that point back at someone on the buyer's side. */
  buyerPronouns?: ReadonlySet<number> | undefined;
}

const SYNTAX = /\(([^)]*)\)(\?)?|<([^>]*)>|\*|\$|[^\s()<>*$]+/g;

export function compile(source: string): Pattern {
  const elements: Element[] = [];
  for (const m of source.matchAll(SYNTAX)) {
    if (m[1] !== undefined) {
      elements.push({ kind: 'words', alts: m[1].split('|').map(words).filter((a) => a.length > 0), optional: m[2] === '?' });
    } else if (m[3] !== undefined) {
      const kinds = m[3].split('|').map((k) => k.trim());
      if (kinds.length === 1 && kinds[0] === 'boost') elements.push({ kind: 'boost' });
      else elements.push({ kind: 'slot', nouns: kinds.filter(isNounKind) });
    } else if (m[0] === '*') {
      elements.push({ kind: 'any' });
    } else if (m[0] === '$') {
      elements.push({ kind: 'end' });
    } else {
      for (const w of words(m[0])) elements.push({ kind: 'words', alts: [[w]], optional: false });
    }
  }
  return { source, elements, firsts: firstWords(elements[0]), needs: neededWords(elements) };
}

function neededWords(elements: readonly Element[]): Set<string> | undefined {
  for (let e = elements.length - 1; e > 0; e--) {
    const el = elements[e];
    if (el?.kind !== 'words' || el.optional) continue;
    const out = new Set<string>();
    for (const alt of el.alts) for (const w of alt) out.add(w);
    return out;
  }
  return undefined;
}

function firstWords(el: Element | undefined): Set<string> | undefined {
  if (el?.kind !== 'words' || el.optional) return undefined;
  const out = new Set<string>();
  for (const alt of el.alts) {
    const w = alt[0];
    if (w === undefined) return undefined;
    const f = forms(w);
    for (const x of [w, f.s, f.ing, f.past, f.participle]) out.add(x);
    if (w === 'be') for (const x of ['am', 'is', 'are', 'were', 'being']) out.add(x);
  }
  return out;
}

function words(text: string): string[] {
  // "'s" on its own is the contracted "is" ("the negotiation's on me").
  if (text.trim() === "'s") return ["'s"];
  return tokenize(text)
    .filter((t) => !t.punct || t.t === '-')
    .map((t) => t.t);
}

function isNounKind(k: string): k is NounKind {
  return k === 'work' || k === 'np' || k === 'person' || k in NOUNS;
}

// ---------------------------------------------------------------------------
// Noun phrases

/** Words that end a noun phrase. */
export const STOP = new Set([
  'for', 'to', 'with', 'by', 'on', 'in', 'at', 'of', 'about', 'from', 'before', 'after', 'into', 'onto', 'over', 'off',
  'under', 'through', 'via', 'during', 'until', 'than', 'as', 'like', 'and', 'or', 'but', 'so', 'then', 'because',
  'if', 'when', 'while', 'once', 'unless', 'though', 'although', 'since', 'today', 'tonight', 'tomorrow', 'now',
  'later', 'soon', 'asap', 'again', 'directly', 'personally', 'myself', 'yourself', 'himself', 'herself',
  'themselves', 'ourselves', 'too', 'also', 'instead', 'back', 'out', 'up', 'down', 'away', 'first', 'monday',
  'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'weekend', 'morning', 'afternoon', 'evening',
  'will', 'would', 'is', 'are', 'was', 'were', 'am', 'be', 'have', 'has', 'had', 'do', 'does', 'did', 'can', 'could',
  'should', 'not', 'i', 'you', 'we', 'they', 'he', 'she', 'me', 'us', 'him', 'her', 'who', 'which', 'what',
  'together', 'yet', 'just', 'please',
]);

export const DETERMINERS = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'their', 'your', 'our', 'my', 'his', 'her', 'its', 'some',
  'any', 'every', 'each', 'all',
]);

/**
 * The noun phrase starting at `from`: up to five words, ending at a stop word,
 * a mark, or a new determiner after a noun ("send their CFO the proposal").
 */
function nounPhraseEnd(tokens: readonly Token[], from: number, limit: number): number {
  let i = from;
  while (i < limit && i - from < 5) {
    const tok = tokens[i];
    if (!tok || (tok.punct && tok.t !== '-') || (STOP.has(tok.t) && !(i === from && (tok.t === 'her' || tok.t === 'him')))) break;
    if (i > from && DETERMINERS.has(tok.t) && tokens[i - 1]?.t !== 'of' && tokens[i - 1]?.t !== "'s") {
      if (!DETERMINERS.has(tokens[i - 1]?.t ?? '')) break;
    }
    i++;
  }
  return i;
}

const OWN_WORK_SET = new Set([...OWN_WORK, ...PRACTICE]);
const PRACTICE_SET = new Set(PRACTICE);
const TAIL = new Set(CLAUSE_TAIL);

const NOUN_SETS = Object.fromEntries(Object.entries(NOUNS).map(([k, list]) => [k, new Set(list)])) as Record<
  keyof typeof NOUNS,
  Set<string>
>;

function phraseHas(np: readonly string[], set: ReadonlySet<string>): boolean {
  for (let i = 0; i < np.length; i++) {
    if (set.has(np[i] ?? '')) return true;
    if (i + 1 < np.length && set.has(`${np[i]} ${np[i + 1]}`)) return true;
    if (i + 2 < np.length && set.has(`${np[i]} ${np[i + 1]} ${np[i + 2]}`)) return true;
  }
  return false;
}

function nounFits(tokens: readonly Token[], from: number, to: number, kinds: readonly NounKind[], ctx: NounContext): boolean {
  const np = tokens.slice(from, to).map((t) => t.t);
  const first = np[0];
  if (first === undefined || first === 'my' || first === 'mine') return false;
  // "the forecast call", "the onboarding guide": the manager's own job, not the rep's deal.
  const own = np.some((w) => OWN_WORK_SET.has(w));
  for (const kind of kinds) {
    if (kind === 'np') return true;
    const expanded: readonly string[] = KIND_GROUPS[kind] ?? [kind];
    for (const k of expanded) {
      if (k === 'it') {
        if (NOUN_SETS.it.has(np.join(' '))) return true;
        continue;
      }
      if (own && k !== 'buyer') continue;
      if (k === 'person') {
        if (np[0] !== 'our' && phraseHas(np, NOUN_SETS.buyer)) return true;
        continue;
      }
      if (k === 'buyer') {
        if (buyerSide(tokens, from, to, np, ctx)) return true;
        continue;
      }
      if (k === 'lead') {
        if (np.length <= 2 && phraseHas(np, NOUN_SETS.lead)) return true;
        continue;
      }
      if (phraseHas(np, NOUN_SETS[k as keyof typeof NOUNS])) return true;
    }
  }
  return false;
}

/** Someone on the buyer's side: a title, "their …", "Acme's …", "them", "Dana at Acme". */
function buyerSide(tokens: readonly Token[], from: number, to: number, np: readonly string[], ctx: NounContext): boolean {
  // "our CFO", "your manager's boss": people on our side.
  if (np[0] === 'our') return false;
  if (np.length === 1 && np[0] === 'them') return true;
  if (np.length === 1 && ctx.buyerPronouns?.has(from)) return true;
  if (np.includes('their')) return true;
  if (phraseHas(np, NOUN_SETS.buyer)) return true;
  if (np.some((w) => ctx.buyers.has(w))) return true;
  for (let i = from; i < to; i++) {
    // "Acme's CFO": a capitalised owner.
    if (tokens[i + 1]?.t === "'s" && tokens[i]?.cap) return true;
  }
  // "Dana at Acme", "Lee from Globex".
  const after = tokens[to];
  const org = tokens[to + 1];
  if (np.length === 1 && tokens[from]?.cap && (after?.t === 'at' || after?.t === 'from') && org?.cap) return true;
  return false;
}

// ---------------------------------------------------------------------------
// Matching

const BOOST_WORDS = BOOSTS.map(words);

/** Try `pattern` at token `at`; `limit` is one past the last token that may be used. */
export function matchAt(tokens: readonly Token[], at: number, limit: number, pattern: Pattern, ctx: NounContext): Match | undefined {
  if (pattern.firsts && !pattern.firsts.has(tokens[at]?.t ?? '')) return undefined;
  let form: VerbForm | undefined;
  const phrases: Array<[number, number]> = [];

  const step = (e: number, pos: number): number | undefined => {
    const el = pattern.elements[e];
    if (!el) return pos;
    switch (el.kind) {
      case 'words': {
        for (const alt of el.alts) {
          const end = wordsAt(alt, pos, e === 0);
          if (end === undefined) continue;
          const rest = step(e + 1, end);
          if (rest !== undefined) return rest;
        }
        return el.optional ? step(e + 1, pos) : undefined;
      }
      case 'slot': {
        if (el.nouns.includes('np')) {
          let longest = pos;
          // Any short noun phrase, but not practice for the rep's meeting ("a quick role-play of the call").
          while (longest < Math.min(limit, pos + 5) && plainWords(longest, longest + 1) && !PRACTICE_SET.has(tokens[longest]?.t ?? '')) longest++;
          for (let end = longest; end > pos; end--) {
            phrases.push([pos, end]);
            const rest = step(e + 1, end);
            if (rest !== undefined) return rest;
            phrases.pop();
          }
          return undefined;
        }
        // The whole noun phrase; a shorter one only when more of the pattern follows to anchor it
        // ("get their legal team sorted"), never for a last slot ("handle this week's forecast").
        const longest = nounPhraseEnd(tokens, pos, limit);
        // "close it face to face": "it" is a whole noun phrase, whatever follows.
        const pronoun = el.nouns.includes('it') && tokens[pos]?.t === 'it';
        const shortest = e + 1 < pattern.elements.length || pronoun ? pos + 1 : longest;
        for (let end = longest; end >= shortest && end > pos; end--) {
          if (!nounFits(tokens, pos, end, el.nouns, ctx)) continue;
          phrases.push([pos, end]);
          const rest = step(e + 1, end);
          if (rest !== undefined) return rest;
          phrases.pop();
        }
        return undefined;
      }
      case 'boost': {
        // "for you" may come a word or two later: "I'll do it tonight for you".
        for (let skip = 0; skip <= 2; skip++) {
          if (!plainWords(pos, pos + skip)) break;
          for (const b of BOOST_WORDS) {
            const end = wordsAt(b, pos + skip, false);
            if (end !== undefined) {
              const rest = step(e + 1, end);
              if (rest !== undefined) return rest;
            }
          }
        }
        return undefined;
      }
      case 'end': {
        const next = tokens[pos];
        if (pos >= limit || !next || (next.punct && next.t !== '-' && next.t !== "'") || TAIL.has(next.t)) return step(e + 1, pos);
        return undefined;
      }
      case 'any': {
        for (let n = 0; n <= 4; n++) {
          if (!plainWords(pos, pos + n)) break;
          const rest = step(e + 1, pos + n);
          if (rest !== undefined) return rest;
        }
        return undefined;
      }
    }
  };

  const plainWords = (from: number, to: number): boolean => {
    if (to > limit) return false;
    for (let i = from; i < to; i++) {
      const t = tokens[i];
      if (!t || t.punct || ['and', 'but', 'or', 'so', 'because', 'if'].includes(t.t)) return false;
    }
    return true;
  };

  const wordsAt = (alt: readonly string[], pos: number, head: boolean): number | undefined => {
    if (pos + alt.length > limit) return undefined;
    for (let k = 0; k < alt.length; k++) {
      const tok = tokens[pos + k];
      const want = alt[k];
      if (!tok || want === undefined) return undefined;
      if (head && k === 0) {
        const f = formOf(tok.t, want);
        if (f === undefined) return undefined;
        form = f;
      } else if (tok.t !== want) {
        return undefined;
      }
    }
    return pos + alt.length;
  };

  const end = step(0, at);
  return end === undefined || end === at ? undefined : { end, form, phrases };
}

// ---------------------------------------------------------------------------
// Typos

/**
 * Every word the rules know, with every form of their verbs, and the nouns:
 * the words a typo is corrected to.
 */
export function vocabulary(patterns: readonly Pattern[]): Set<string> {
  const out = new Set<string>(['their', 'them', 'myself', 'tomorrow', 'tonight']);
  const add = (w: string) => {
    out.add(w);
    const f = forms(w);
    for (const x of [f.s, f.ing, f.past, f.participle]) out.add(x);
  };
  for (const p of patterns) for (const el of p.elements) if (el.kind === 'words') for (const alt of el.alts) alt.forEach(add);
  for (const list of Object.values(NOUNS)) for (const n of list) for (const w of n.split(' ')) out.add(w);
  return out;
}

/**
 * "propsal", "emial", "proposall": a word of five letters or more that the
 * rules do not know, one swapped, missing or doubled letter away from one they
 * do, is read as that word. Never a changed letter ("quite" stays "quite"), nor
 * an extra one other than a double ("manager" stays "manager", not "manage").
 */
export function correctTypos(tokens: Token[], known: () => ReadonlySet<string>): Token[] {
  for (const tok of tokens) {
    const w = tok.t;
    if (tok.punct || w.length < 5 || !/^[a-z]+$/.test(w)) continue;
    const vocab = known();
    if (vocab.has(w)) continue;
    const fixed = nearWord(w, vocab);
    if (fixed) tok.t = fixed;
  }
  return tokens;
}

/** Each known word with one letter left out, to the word: finds "propsal" without trying 26 letters in every place. */
const shortened = new WeakMap<ReadonlySet<string>, Map<string, string>>();

function nearWord(w: string, vocab: ReadonlySet<string>): string | undefined {
  for (let i = 0; i + 1 < w.length; i++) {
    const swapped = w.slice(0, i) + w.charAt(i + 1) + w.charAt(i) + w.slice(i + 2);
    if (vocab.has(swapped)) return swapped;
  }
  // A letter typed twice ("proposall"); never any other letter, or "manager" would become "manage".
  for (let i = 1; i < w.length; i++) {
    if (w.charAt(i) !== w.charAt(i - 1)) continue;
    const shorter = w.slice(0, i) + w.slice(i + 1);
    if (shorter.length >= 5 && vocab.has(shorter)) return shorter;
  }
  let missing = shortened.get(vocab);
  if (!missing) {
    missing = new Map();
    for (const v of vocab) {
      if (v.length < 6 || !/^[a-z]+$/.test(v)) continue;
      // The first letter is rarely the one left out, and keeping it cuts the map by a seventh.
      for (let i = 1; i < v.length; i++) {
        const k = v.slice(0, i) + v.slice(i + 1);
        if (!missing.has(k)) missing.set(k, v);
      }
    }
    shortened.set(vocab, missing);
  }
  return missing.get(w);
}
