/**
 * detectRescue: where a text has the manager taking the rep's deal over.
 * Pure: text and options in, findings out.
 *
 * A predicate from the lexicon ("call <buyer>", "rewrite <work>") is a rescue
 * only when the manager is its subject: "I'll…", "let me…", "want me to…?",
 * "I…" in a plan, or (for an action the manager owns) no subject at all. It is
 * not one when someone else is the subject ("Sam will call their VP"), when it
 * is turned down ("I won't jump in"), past ("I called their VP last year"),
 * hypothetical ("What would you do if I called the VP?", "I'd call the VP"),
 * aimed at the rep ("I'll call you tomorrow"), conceded ("I could, but…"),
 * named as a reflex ("I'm resisting the urge to…") or support ("…to introduce
 * you"). Phrases with their own first person ("leave it with me", "send me the
 * thread") are rescues wherever they are not turned down.
 */
import {
  ADVERBS_LIST,
  BUYER_REACH,
  CATEGORIES,
  CONDITIONAL_DOUBT,
  DECLINE,
  HANDOVERS,
  INTERNAL_RECIPIENTS,
  INFINITIVE_SUBJECTS_LIST,
  LOGISTICS,
  MOTION_VERBS,
  MANAGER_SPEAKERS,
  ME_TO_OWN,
  OFFER_IF_LIST,
  OFFER_PREFIX,
  OFFER_WORDS_LIST,
  OWNED_BY_ME,
  OWNER_LABELS,
  PREDICATES,
  REP_SPEAKERS,
  RESTRAINT,
  SPEECH_LIST,
  SUBJECTS_LIST,
  SUPPORT,
  TAKES_YOU_LIST,
  type Category,
} from './lexicon.ts';
import { compile, correctTypos, DETERMINERS, vocabulary, matchAt, STOP, type Match, type NounContext, type Pattern } from './pattern.ts';
import { sentences, tokenize, type Sentence, type Token } from './tokens.ts';
import { guessForm, type VerbForm } from './verbs.ts';

export interface RescueOptions {
  /** More rescue phrases (settings `rescuePhrases`, playbook `rescue.phrases`). */
  phrases?: readonly string[] | undefined;
  /** More support phrases that clear a would-be rescue (settings `supportPhrases`, playbook `rescue.support`). */
  support?: readonly string[] | undefined;
  /** Buyer-side names, e.g. the deal's company: "I'll call Acme" is then going to the buyer. */
  buyers?: readonly string[] | undefined;
  /**
   * The text is an action the manager owns ("Call their VP"): a sentence with
   * no subject has the manager as its subject.
   */
  implicitSubject?: boolean | undefined;
}

export interface Finding {
  /** Offsets of the flagged words in the text (end exclusive). */
  start: number;
  end: number;
  words: string;
  category: Category;
  title: string;
  reason: string;
  alternative: string;
  /** Offered ("Want me to…?", "I can…") rather than announced. */
  offer: boolean;
}

interface Rule {
  pattern: Pattern;
  category: Category;
  /** Carries its own first person ("leave it with me"). */
  selfContained: boolean;
  /** Passive or nominal ("handled by me", "pricing is on me"): any tense but the past. */
  owned?: boolean | undefined;
  /** Support that clears this rule only, said after it. */
  support?: Pattern[] | undefined;
}

const FIRST_PERSON = new Set(['i', 'me', 'my', 'myself', 'mine']);

const BUILT_IN: Rule[] = [
  ...PREDICATES.flatMap((g) => {
    const support = g.support?.map(compile);
    return g.patterns.map((p) => ({ pattern: compile(p), category: g.category, selfContained: false, support }));
  }),
  ...HANDOVERS.flatMap((g) => g.patterns.map((p) => ({ pattern: compile(p), category: g.category, selfContained: true }))),
  ...OWNED_BY_ME.flatMap((g) => g.patterns.map((p) => ({ pattern: compile(p), category: g.category, selfContained: true, owned: true }))),
];
const BUILT_IN_INDEX = indexRules(BUILT_IN);
/** Built on first use: only a text with a long word the rules do not know needs it. */
let vocabularyCache: Set<string> | undefined;
const builtInVocabulary = () => (vocabularyCache ??= vocabulary(BUILT_IN.map((r) => r.pattern)));
const BUILT_IN_SUPPORT = SUPPORT.map(compile);
const RESTRAINT_PATTERNS = RESTRAINT.map(compile);
const DECLINE_PATTERNS = DECLINE.map(compile);
const DOUBT_PATTERNS = CONDITIONAL_DOUBT.map(compile);

interface RuleIndex {
  byFirst: Map<string, Rule[]>;
  anywhere: Rule[];
}

/** Rules by the words they can start with, so each word is tried against a handful of rules. */
function indexRules(rules: readonly Rule[]): RuleIndex {
  const byFirst = new Map<string, Rule[]>();
  const anywhere: Rule[] = [];
  for (const rule of rules) {
    if (!rule.pattern.firsts) {
      anywhere.push(rule);
      continue;
    }
    for (const w of rule.pattern.firsts) {
      const list = byFirst.get(w);
      if (list) list.push(rule);
      else byFirst.set(w, [rule]);
    }
  }
  return { byFirst, anywhere };
}

function rulesAt(index: RuleIndex, word: string, anywhere: readonly Rule[]): readonly Rule[] {
  const first = index.byFirst.get(word);
  if (!first) return anywhere;
  return anywhere.length ? [...first, ...anywhere] : first;
}

/** A rule that can start anywhere is tried only in a sentence holding the words it ends on ("… by me"). */
function anywhereIn(index: RuleIndex, words: ReadonlySet<string>): Rule[] {
  return index.anywhere.filter((r) => {
    if (!r.pattern.needs) return true;
    for (const w of r.pattern.needs) if (words.has(w)) return true;
    return false;
  });
}

function customRules(phrases: readonly string[]): Rule[] {
  return phrases
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const pattern = compile(p);
      const words = pattern.elements.flatMap((e) => (e.kind === 'words' ? e.alts.flat() : []));
      return { pattern, category: 'custom' as const, selfContained: words.some((w) => FIRST_PERSON.has(w)) };
    })
    .filter((r) => r.pattern.elements.length > 0);
}

export function detectRescue(text: string, options: RescueOptions = {}): Finding[] {
  const tokens = correctTypos(tokenize(text), builtInVocabulary);
  const custom = options.phrases?.length ? indexRules(customRules(options.phrases)) : undefined;
  const support = (options.support ?? []).filter((s) => s.trim() !== '').map(compile);
  const ctx: NounContext = {
    buyers: new Set((options.buyers ?? []).flatMap((b) => tokenize(b).filter((t) => !t.punct && t.cap).map((t) => t.t))),
  };
  ctx.buyerPronouns = buyerPronouns(tokens, ctx);
  const found: Array<{ from: number; to: number; category: Category; offer: boolean; general: boolean }> = [];

  for (const sent of sentences(tokens)) {
    // "Next step (owner: me): rewrite the pricing section": the note says who acts.
    const label = ownerLabel(tokens, sent, ctx);
    if (label?.deal) found.push({ from: label.from, to: label.to, category: 'takeover', offer: false, general: false });
    const implicit = options.implicitSubject === true || label !== undefined;
    const words = new Set(tokens.slice(sent.from, sent.to).map((t) => t.t));
    const anywhere = anywhereIn(BUILT_IN_INDEX, words);
    const customAnywhere = custom ? anywhereIn(custom, words) : [];
    for (let i = sent.from; i < sent.to; i++) {
      const word = tokens[i]?.t ?? '';
      const rules = custom ? [...rulesAt(BUILT_IN_INDEX, word, anywhere), ...rulesAt(custom, word, customAnywhere)] : rulesAt(BUILT_IN_INDEX, word, anywhere);
      const candidates: Array<{ m: Match; category: Category; selfContained: boolean; owned?: boolean | undefined; support?: Pattern[] | undefined; general: boolean }> = [];
      for (const rule of rules) {
        const m = matchAt(tokens, i, sent.to, rule.pattern, ctx);
        if (m) candidates.push({ m, category: rule.category, selfContained: rule.selfContained, owned: rule.owned, support: rule.support, general: false });
      }
      const reach = towardBuyer(tokens, sent, i, ctx);
      if (reach) candidates.push({ m: reach, category: 'buyer', selfContained: false, support: REACH_SUPPORT, general: true });
      for (const { m, category: listed, selfContained: own, owned, support: ruleSupport, general } of candidates) {
        const verdict = owned
          ? ownedByMe(tokens, sent, i, m)
          : own
            ? selfContained(tokens, sent, i, m)
            : governed(tokens, sent, i, m, implicit);
        if (!verdict) continue;
        if (reported(tokens, sent, i) || quoted(tokens, sent, i, m.end)) continue;
        // The reflex named ("I'm resisting the urge to…"), the verb itself included.
        if (anyMatchIn(tokens, RESTRAINT_PATTERNS, sent.from, i + 1, ctx, sent.to)) continue;
        // Built-in support words count after the rescue ("…to introduce you"); a team's own anywhere in its clause.
        const end = clauseEnd(tokens, sent, m.end);
        if (anyMatchIn(tokens, BUILT_IN_SUPPORT, m.end, end, ctx) || anyMatchIn(tokens, support, verdict.from, end, ctx)) continue;
        if (ruleSupport && anyMatchIn(tokens, ruleSupport, m.end, end, ctx)) continue;
        // "I'll write the reply to HR": for our own side, not the rep's buyer.
        const who = tokens[m.end + 1];
        const internal = who !== undefined && INTERNAL_AFTER.has(who.t) && (who.t !== 'it' || who.cap); // "IT", not "it"
        if (!own && ['to', 'for'].includes(tokens[m.end]?.t ?? '') && internal) continue;
        const category = listed !== 'custom' && mentionsAi(tokens, m) ? 'shield' : listed;
        let to = m.end;
        while (['myself', 'personally', 'directly'].includes(tokens[to]?.t ?? '') && to < sent.to) to++;
        found.push({ from: verdict.from, to, category, offer: verdict.offer, general });
      }
    }
  }
  const rep = repTurns(tokens);
  return dedupe(found.filter((f) => !rep[f.from])).map((f) => finding(text, tokens, f));
}

function finding(text: string, tokens: readonly Token[], f: { from: number; to: number; category: Category; offer: boolean }): Finding {
  const start = tokens[f.from]?.start ?? 0;
  const end = tokens[f.to - 1]?.end ?? start;
  const c = CATEGORIES[f.category];
  return {
    start,
    end,
    words: text.slice(start, end),
    category: f.category,
    title: c.title,
    reason: f.offer ? OFFER_PREFIX + lowerFirst(c.reason) : c.reason,
    alternative: c.alternative,
    offer: f.offer,
  };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Keep the earliest, longest of overlapping findings. */
/**
 * One finding per stretch of words: the first to start, and of those starting
 * together, a listed phrase before the general reach toward the buyer ("Rewrite
 * the proposal for Soylent" is doing the rep's work, whoever it is for), then
 * the longest.
 */
function dedupe<T extends { from: number; to: number; general: boolean }>(found: T[]): T[] {
  const sorted = [...found].sort((a, b) => a.from - b.from || Number(a.general) - Number(b.general) || b.to - a.to);
  const kept: T[] = [];
  for (const f of sorted) {
    const last = kept[kept.length - 1];
    if (last && f.from < last.to) continue;
    kept.push(f);
  }
  return kept;
}

// ---------------------------------------------------------------------------
// The general rule: any action aimed at someone clearly on the buyer's side

const REACH_EXTERNAL = new Set(BUYER_REACH.external);
const REACH_AFTER = new Set(BUYER_REACH.after);
const REACH_BENIGN = new Set(BUYER_REACH.benign);
const REACH_SUPPORT = BUYER_REACH.support.map(compile);
/** Words that end the reach of a verb: another clause begins. */
const SUBORDINATORS = new Set(['when', 'if', 'while', 'because', 'so', 'before', 'after', 'until', 'once', 'unless', 'whether', 'that', 'who', 'which', 'where', 'but', 'and', 'or', 'than', 'as']);

/**
 * "I'll pick up the phone to their CRO": a verb (any verb not known to be
 * harmless) whose clause reaches someone clearly on the buyer's side within a
 * few words, with no one else (you, a name) in between. The subject checks
 * that follow decide whether the manager is the one reaching.
 */
function towardBuyer(tokens: readonly Token[], sent: Sentence, p: number, ctx: NounContext): Match | undefined {
  const verb = tokens[p];
  if (!verb || verb.punct || verb.t.length < 2 || /\d/.test(verb.t)) return undefined;
  if (STOP.has(verb.t) || DETERMINERS.has(verb.t) || CHAIN.has(verb.t) || ADVERBS.has(verb.t) || SUBJECTS.has(verb.t) || SUBORDINATORS.has(verb.t)) return undefined;
  const form = guessForm(verb.t);
  const base = verb.t.replace(/(?:ing|ed|s)$/, '');
  if (REACH_BENIGN.has(verb.t) || REACH_BENIGN.has(base) || REACH_BENIGN.has(base + 'e')) return undefined;
  if (verb.cap && p > sent.from) return undefined;
  for (let q = p + 1; q < Math.min(sent.to, p + 9); q++) {
    const tok = tokens[q];
    if (!tok || HARD.has(tok.t) || SUBORDINATORS.has(tok.t) || tok.t === ',') return undefined;
    if (['you', 'your', 'us', 'we', 'me', 'my', 'our', 'him', 'her'].includes(tok.t)) return undefined;
    const next = tokens[q + 1]?.t ?? '';
    const width = REACH_EXTERNAL.has(`${tok.t} ${next}`) ? 2 : REACH_EXTERNAL.has(tok.t) ? 1 : 0;
    const owned = tok.t === 'their' || (tok.cap && next === "'s") || ctx.buyers.has(tok.t);
    if (width > 0 && tokens[q - 1]?.t !== 'our' && tokens[q - 1]?.t !== 'my') {
      // "the customer advisory board": a noun that goes on is a modifier, not the customer.
      const after = tokens[q + width];
      const goesOn = after !== undefined && !after.punct && !STOP.has(after.t) && after.t !== "'s" && !DETERMINERS.has(after.t);
      if (!goesOn) return { end: q + width, form, phrases: [[q, q + width]] };
    }
    if (owned) {
      for (let k = q + 1; k < Math.min(sent.to, q + 4); k++) {
        const w = tokens[k]?.t ?? '';
        if (REACH_AFTER.has(w) || REACH_EXTERNAL.has(w)) return { end: k + 1, form, phrases: [[q, k + 1]] };
        if (tokens[k]?.punct || STOP.has(w)) break;
      }
      if (ctx.buyers.has(tok.t)) return { end: q + 1, form, phrases: [[q, q + 1]] };
    }
    // "Dana at Globex", "Lee from Initech": a person at a company.
    const org = tokens[q + 2];
    if (tok.cap && q > sent.from && (next === 'at' || next === 'from') && org?.cap && !org.punct) return { end: q + 3, form, phrases: [[q, q + 3]] };
    // Another person in between ("ask Sam to call their CFO"): not the manager reaching.
    if (tok.cap && !owned) return undefined;
  }
  return undefined;
}

function mentionsAi(tokens: readonly Token[], m: Match): boolean {
  return m.phrases.some(([a, b]) => tokens.slice(a, b).some((t) => t.t === 'ai'));
}

/** Does any pattern start in [from, to)? It may run on to `limit`. */
function anyMatchIn(tokens: readonly Token[], patterns: readonly Pattern[], from: number, to: number, ctx: NounContext, limit = to): boolean {
  for (let i = from; i < to; i++) for (const p of patterns) if (matchAt(tokens, i, limit, p, ctx)) return true;
  return false;
}

// ---------------------------------------------------------------------------
// Who is speaking

interface Verdict {
  /** First token of the finding: the "I'll"/"let me" when it is right there. */
  from: number;
  offer: boolean;
}

/** Marks that end a clause for the subject search. */
const HARD = new Set([';', ':', '—', '(', ')', '"', '\n', '.', '?', '!', '•', '*']);
const COORDINATORS = new Set(['and', 'then', ',', 'or', '&', '/', 'also', 'but']);
const ADVERBS = new Set(ADVERBS_LIST);
const SUBJECTS = new Set(SUBJECTS_LIST);
const MODALS = new Set(['will', 'would', 'can', 'could', 'should', 'shall', 'must', 'might', 'may', 'is', 'are', 'was', 'were', 'am', 'has', 'have', 'had', 'does', 'do', 'did', 'needs', 'wants']);
const INFINITIVE_SUBJECTS = new Set(INFINITIVE_SUBJECTS_LIST);
const TAKES_YOU = new Set(TAKES_YOU_LIST);
const OFFER_IF = new Set(OFFER_IF_LIST);
const OFFER_MODALS = new Set(['should', 'shall', 'can', 'could', 'may', 'might']);
const INVERTED = new Set(['will', 'would', 'do', 'did', 'am', 'was', 'have', 'had']);

/** Is the manager the subject of the predicate at `p`? */
function governed(tokens: readonly Token[], sent: Sentence, p: number, m: Match, implicit: boolean): Verdict | undefined {
  const form = m.form;
  // A third-person verb has a third-person subject ("Sam calls the VP").
  if (form === 's') return undefined;
  // "the draft proposal", "their call": a noun, not a verb.
  const before = tokens[p - 1];
  if (before && (DETERMINERS.has(before.t) || before.t === "'s")) return undefined;

  for (let j = p - 1; j >= Math.max(sent.from, p - 16); j--) {
    const tok = tokens[j];
    if (!tok) break;
    const t = tok.t;
    if (t === ':' && labelsManager(tokens, sent, j)) {
      // "Me: call their CFO", a note's way of saying who owns it.
      return carried(tokens, j + 1, p, form, true) ? { from: j - 1, offer: false } : undefined;
    }
    if (HARD.has(t)) break;
    if (t === 'i') return firstPerson(tokens, sent, j, p, form);
    if (t === 'to' && OFFER_WORDS.has(tokens[j - 1]?.t ?? '')) {
      // "Happy to take the next call": an offer with the "I'm" left out.
      let k = j - 2;
      while (k >= sent.from && (ADVERBS.has(tokens[k]?.t ?? '') || ['more', 'than', 'very', 'so'].includes(tokens[k]?.t ?? ''))) k--;
      const start = tokens[k];
      if (k < sent.from || (start && (HARD.has(start.t) || start.t === ','))) {
        return carried(tokens, j + 1, p, form) ? { from: k + 1, offer: true } : undefined;
      }
    }
    if (t === 'me') {
      const prev = tokens[j - 1]?.t;
      if (prev === 'let') {
        // "Don't let me take this over": turned down.
        if (['not', 'never'].includes(tokens[j - 2]?.t ?? '')) return undefined;
        return carried(tokens, j + 1, p, form) ? { from: j - 1, offer: false } : undefined;
      }
      if (tokens[j + 1]?.t === 'to') {
        if (!carried(tokens, j + 2, p, form)) return undefined;
        // "Don't expect me to…", "they asked me to…", "no need for me to…": not the manager's plan.
        const own = prev === undefined || j === sent.from || tokens[j - 1]?.punct || ME_TO_OWN_SET.has(prev);
        if (!own || tokens.slice(Math.max(sent.from, j - 4), j).some((t) => t.t === 'not' || t.t === 'no' || t.t === 'never')) return undefined;
        const offer = ['want', 'like', 'need', 'prefer', 'rather'].includes(prev ?? '');
        return { from: offer ? j - 1 : j, offer };
      }
      continue;
    }
    if (SUBJECTS.has(t)) return undefined;
    if (t === 'you') {
      if (TAKES_YOU.has(tokens[j - 1]?.t ?? '') || isVerbBefore(tokens, j)) continue;
      return undefined;
    }
    if (t === 'to' && j > sent.from) {
      const prev = tokens[j - 1];
      if (prev && (INFINITIVE_SUBJECTS.has(prev.t) || (prev.cap && prev.t !== 'i' && j - 1 > sent.from))) return undefined;
    }
    if (MODALS.has(t)) {
      let k = j - 1;
      while (tokens[k]?.t === 'not' || ADVERBS.has(tokens[k]?.t ?? '')) k--;
      const subject = tokens[k];
      if (subject && !subject.punct && subject.t !== 'i' && !MODALS.has(subject.t) && !['why', 'how', 'what', 'if', 'and', 'then', 'so', 'but', 'that'].includes(subject.t)) {
        // "Maria is going to…", "the team will…": someone else.
        return undefined;
      }
    }
    // "Sam takes the next call", "Priya will…": a name as subject.
    if (tok.cap && !tok.punct && t !== 'i' && !CHAIN.has(t) && (j + 1 === p || MODALS.has(tokens[j + 1]?.t ?? '') || tokens[j + 1]?.t === 'to')) {
      if (j > sent.from || j + 1 === p) return undefined;
    }
  }
  const start = clauseStart(tokens, sent, p);
  if (droppedSubject(tokens, start, p) && form !== 'past') {
    // "Will call their VP tomorrow", "Going to rewrite it myself": a note's "I" left out.
    return { from: start, offer: false };
  }
  if (implicit && (form === 'base' || form === undefined) && carried(tokens, start, p, form, true)) {
    return { from: p, offer: false };
  }
  return undefined;
}

function droppedSubject(tokens: readonly Token[], from: number, p: number): boolean {
  if (from >= p || !['will', 'shall', 'going', 'need', 'plan', 'want', 'must'].includes(tokens[from]?.t ?? '')) return false;
  for (let k = from; k < p; k++) {
    const t = tokens[k]?.t ?? '';
    if (t === 'not' || t === 'never' || !(CHAIN.has(t) || ADVERBS.has(t))) return false;
  }
  return true;
}

const OFFER_WORDS = new Set(OFFER_WORDS_LIST);
const ME_TO_OWN_SET = new Set(ME_TO_OWN);
const LOGISTICS_SET = new Set(LOGISTICS);
const INTERNAL_AFTER = new Set(INTERNAL_RECIPIENTS);

function labelsManager(tokens: readonly Token[], sent: Sentence, colon: number): boolean {
  const who = tokens[colon - 1];
  const before = tokens[colon - 2];
  return (who?.t === 'me' || who?.t === 'i') && (colon - 1 === sent.from || before?.punct === true);
}

/** A word before "you" that is a verb ("rewrite your…" is handled by determiners). */
function isVerbBefore(tokens: readonly Token[], j: number): boolean {
  const prev = tokens[j - 1];
  return prev !== undefined && !prev.punct && /(ed|ing)$/.test(prev.t);
}

/**
 * Can the predicate at `p` belong to a subject whose own words end at `from`?
 * Right after them, or after a coordinator: "I'll learn it first and translate it".
 */
function carried(tokens: readonly Token[], from: number, p: number, form: VerbForm | undefined, clauseStartOk = false): boolean {
  if (form === 'past' || form === 's') return false;
  let k = p - 1;
  while (k >= from && ADVERBS.has(tokens[k]?.t ?? '')) k--;
  if (k < from) return true;
  if (clauseStartOk && HARD.has(tokens[k]?.t ?? '')) return true;
  if (!COORDINATORS.has(tokens[k]?.t ?? '')) return false;
  for (let i = from; i < k; i++) {
    const t = tokens[i]?.t ?? '';
    if (HARD.has(t) || t === 'instead' || t === 'rather' || t === 'without' || t === 'not' || t === 'never') return false;
  }
  return true;
}

/** The "I" at `j` governs the predicate at `p`: in what way? */
function firstPerson(tokens: readonly Token[], sent: Sentence, j: number, p: number, verbForm: VerbForm | undefined): Verdict | undefined {
  let form = verbForm;
  const at = (k: number) => tokens[k]?.t ?? '';
  const pre = at(j - 1);
  let from = j;
  let offer = false;
  let conditional = false;

  if (pre === 'not' && at(j - 2) === 'do' && at(j - 3) === 'why') {
    from = j - 3;
    offer = true; // "Why don't I…?"
  } else if (pre === 'about' && at(j - 2) === 'how') {
    from = j - 2;
    offer = true;
  } else if (pre === 'if' && (at(j - 2) === 'what' || OFFER_IF.has(at(j - 2)))) {
    from = j - 2;
    offer = true; // "What if I…?", "Would it help if I…?"
  } else if (pre === 'if' || pre === 'suppose' || pre === 'imagine' || pre === 'pretend') {
    conditional = true;
  } else if (OFFER_MODALS.has(pre)) {
    from = j - 1;
    offer = true; // "Should I…?", "Can I…?"
  } else if (INVERTED.has(pre) && sent.question) {
    return undefined; // "Am I taking over?", "Would I…?": a question, not a plan.
  }

  // The words between "I" and the verb.
  let k = j + 1;
  const chain: string[] = [];
  while (k < p) {
    const t = at(k);
    if (t === 'go' && at(k + 1) === 'ahead' && at(k + 2) === 'and') {
      chain.push('will');
      k += 3;
    } else if (t === 'be' && at(k + 1) === 'the' && at(k + 2) === 'one' && (at(k + 3) === 'to' || at(k + 3) === 'who')) {
      chain.push('going');
      k += 4;
    } else if (MOTION.has(t) && motionTo(tokens, k, p)) {
      // "I'm flying out to close it", "I'll pop over to smooth it over": going there to do it.
      chain.push('going');
      k++;
      while (MOTION_PARTICLES.has(at(k)) && k < p) k++;
    } else if (CHAIN.has(t) || ADVERBS.has(t)) {
      chain.push(t);
      k++;
    } else break;
  }
  if (chain.includes('not') || chain.includes('never')) return undefined;
  const aux = chain.filter((w) => !ADVERBS.has(w));
  const first = aux[0];
  const direct = k === p;
  if (!direct && !carried(tokens, k, p, form)) return undefined;

  let kind: 'intent' | 'offer' | 'plan' | undefined;
  if (first === undefined) kind = 'plan';
  else if (['used', 'was', 'were', 'did', 'had'].includes(first)) kind = undefined;
  else if ((first === 'have' || first === 'has') && aux[1] === 'to') kind = 'intent';
  else if ((first === 'have' || first === 'has') && aux.length === 1 && form === 'past' && doneForRep(tokens, p, sent)) {
    // "I've drafted a reply for you to send": the rep's work, already done for them.
    kind = 'intent';
    form = 'base';
  } else if (first === 'have' || first === 'has') kind = undefined;
  else if (first === 'would') kind = ['like', 'love', 'rather', 'prefer', 'be', 'going'].includes(aux[1] ?? '') ? 'intent' : undefined;
  else if (['can', 'could', 'might', 'may'].includes(first)) kind = 'offer';
  else if (first === 'am') {
    if (aux.some((w) => ['going', 'about', 'planning', 'ready', 'happy', 'glad'].includes(w)) || chain.some((w) => w === 'happy' || w === 'glad')) kind = 'intent';
    else if (direct && form === 'ing') kind = 'intent';
    else kind = undefined;
  } else kind = 'intent';
  if (!kind) return undefined;

  // The verb's form must fit: "I'll call", "I'm calling", "I call" (a plan); never "I called",
  // except in a polite offer: "Would it help if I rang their champion?".
  if (form === 'past' && offer && pre === 'if') form = 'base';
  if (form === 'past') return undefined;
  if (direct) {
    const last = aux[aux.length - 1];
    if (form === 'ing' && last !== 'be' && last !== 'am') return undefined;
    if (kind === 'plan' && form !== 'base' && form !== undefined) return undefined;
  }
  if (conditional && sent.question) return undefined;
  // "If I call their CFO, you lose the relationship": the cost of it named, not a plan.
  if (conditional && anyMatchIn(tokens, DOUBT_PATTERNS, p, sent.to, { buyers: new Set() })) return undefined;
  // "I could call their VP, but what would you learn?": named and set aside.
  if ((first === 'could' || first === 'might') && tokens.slice(p, sent.to).some((t) => t.t === 'but')) return undefined;
  if (kind === 'offer') offer = true;
  return { from: direct ? from : p, offer };
}

const MOTION = new Set(MOTION_VERBS);
const MOTION_PARTICLES = new Set(['out', 'over', 'in', 'down', 'up', 'across', 'round', 'around', 'there']);

/** "flying out to <p>": a verb of going, particles, then "to" right before the predicate. */
function motionTo(tokens: readonly Token[], k: number, p: number): boolean {
  let q = k + 1;
  while (q < p && MOTION_PARTICLES.has(tokens[q]?.t ?? '')) q++;
  return q === p - 1 && tokens[q]?.t === 'to';
}

/** "…for you", "…for you to send", "…myself" later in the sentence. */
function doneForRep(tokens: readonly Token[], p: number, sent: Sentence): boolean {
  for (let q = p + 1; q < sent.to; q++) {
    const t = tokens[q]?.t ?? '';
    if (t === 'myself' || (t === 'for' && tokens[q + 1]?.t === 'you')) return true;
  }
  return false;
}

const CHAIN = new Set([
  'will', 'shall', 'would', 'can', 'could', 'might', 'may', 'must', 'should', 'am', 'have', 'has', 'had', 'was',
  'were', 'did', 'do', 'need', 'want', 'plan', 'planning', 'intend', 'hope', 'mean', 'going', 'about', 'to', 'be',
  'like', 'love', 'rather', 'prefer', 'try', 'trying', 'able', 'ready', 'not', 'never', 'used', 'got',
]);

/** A "me" phrase: a rescue unless turned down in its own clause. */
function selfContained(tokens: readonly Token[], sent: Sentence, i: number, m: Match): Verdict | undefined {
  if (m.form !== undefined && m.form !== 'base') return undefined;
  const from = clauseStart(tokens, sent, i);
  if (anyMatchIn(tokens, DECLINE_PATTERNS, from, i, { buyers: new Set() })) return undefined;
  const offer = tokens.slice(from, i).some((t) => t.t === 'want' || t.t === 'should' || t.t === 'shall');
  return { from: i, offer };
}

/**
 * "Owner: me", "(owner: me)", "Owner of the renewal from today: me": a note's
 * label giving the manager the action. `deal` when the label itself names the
 * rep's deal or work ("owner of the renewal").
 */
function ownerLabel(tokens: readonly Token[], sent: Sentence, ctx: NounContext): { from: number; to: number; deal: boolean } | undefined {
  for (let k = sent.from; k < sent.to; k++) {
    if (!OWNER_LABEL_SET.has(tokens[k]?.t ?? '')) continue;
    for (let q = k + 1; q < Math.min(sent.to, k + 9); q++) {
      const t = tokens[q]?.t ?? '';
      if (t === ')' || t === '(' || t === '.' || t === ';' || t === ',') break;
      if (t !== ':' && t !== '-' && t !== '=') continue;
      const who = tokens[q + 1]?.t ?? '';
      if (who !== 'me' && who !== 'i' && who !== 'myself') break;
      // "me and Sam", "me / Sam": shared, not taken.
      const after = tokens[q + 2]?.t ?? '';
      if (after === 'and' || after === '/' || after === '&' || after === '+') break;
      let deal = false;
      for (let x = k + 1; x < q; x++) if (matchAt(tokens, x, q, OWNED_NOUN, ctx)) deal = true;
      return { from: k, to: q + 2, deal };
    }
  }
  return undefined;
}

const OWNER_LABEL_SET = new Set(OWNER_LABELS);
const OWNED_NOUN = compile('<work|buyer>');

/**
 * A transcript's turns: after "Rep:" or "AE:" at the start of a line or a
 * sentence, "I'll call their CFO" is the rep's own plan, which is the point;
 * "Manager:" or "Me:" hands the words back. Marks each token said by the rep.
 */
function repTurns(tokens: readonly Token[]): boolean[] {
  const out: boolean[] = [];
  let rep = false;
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    const prev = tokens[k - 1];
    const turnStart = k === 0 || prev?.t === '\n' || prev?.t === '.' || prev?.t === '?' || prev?.t === '!';
    if (tok && turnStart && !tok.punct) {
      // "Rep:", "Sales rep:", "[Rep]:"… one or two words, then a colon.
      const colon = tokens[k + 1]?.t === ':' ? k + 1 : tokens[k + 2]?.t === ':' ? k + 2 : -1;
      if (colon > 0) {
        const label = tokens.slice(k, colon).map((t) => t.t);
        const last = label[label.length - 1] ?? '';
        if (REP_SPEAKER_SET.has(last)) rep = true;
        else if (MANAGER_SPEAKER_SET.has(last)) rep = false;
      }
    }
    out.push(rep);
  }
  return out;
}

const REP_SPEAKER_SET = new Set(REP_SPEAKERS);
const MANAGER_SPEAKER_SET = new Set(MANAGER_SPEAKERS);

/** "The CFO call will be handled by me", "pricing is on me now": mine unless past or turned down. */
function ownedByMe(tokens: readonly Token[], sent: Sentence, i: number, m: Match): Verdict | undefined {
  // "The buyer is mine to worry about": a harmless verb after it.
  const then = tokens[m.end + 1]?.t ?? '';
  if (tokens[m.end]?.t === 'to' && (REACH_BENIGN.has(then) || LOGISTICS_SET.has(then))) return undefined;
  const from = clauseStart(tokens, sent, i);
  for (let k = from; k < i + 4 && k < sent.to; k++) {
    const t = tokens[k]?.t ?? '';
    if (['was', 'were', 'had', 'did', 'used', 'not', 'never', 'no'].includes(t)) return undefined;
  }
  return { from: i, offer: false };
}

/**
 * "'Leave it with me' is how we used to do it": the words are quoted to talk
 * about them, not said. A finding wholly inside quotation marks is a mention.
 */
function quoted(tokens: readonly Token[], sent: Sentence, i: number, end: number): boolean {
  let before = 0;
  for (let k = sent.from; k < i; k++) if (isQuote(tokens, k)) before++;
  if (before % 2 === 0) return false;
  for (let k = end; k < sent.to; k++) if (isQuote(tokens, k)) return true;
  return false;
}

function isQuote(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  if (!t?.punct || !QUOTES.has(t.t)) return false;
  // An apostrophe inside a word ("rep's") is not a quotation mark; the tokenizer keeps those in the word.
  return true;
}

/**
 * Which "him", "her", "them" point back at someone on the buyer's side: the
 * last person named before the pronoun was theirs ("Their COO and I are old
 * friends, I'll give her a ring"), not the rep or a colleague.
 */
function buyerPronouns(tokens: readonly Token[], ctx: NounContext): Set<number> {
  const out = new Set<number>();
  let last: 'buyer' | 'other' | undefined;
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    if (!tok || tok.punct) continue;
    const t = tok.t;
    const next = tokens[k + 1]?.t ?? '';
    if (['him', 'her', 'them'].includes(t) && !DETERMINERS.has(next)) {
      if (last === 'buyer') out.add(k);
      continue;
    }
    if (t === 'their' && (REACH_AFTER.has(next) || REACH_EXTERNAL.has(next))) last = 'buyer';
    else if (REACH_EXTERNAL.has(t) || ctx.buyers.has(t)) last = 'buyer';
    else if (tok.cap && t !== 'i' && (next === 'at' || next === 'from') && tokens[k + 2]?.cap) last = 'buyer';
    else if (t === 'you' || t === 'rep' || (tok.cap && t !== 'i' && k > 0 && !tokens[k - 1]?.punct && !REACH_AFTER.has(t))) last = 'other';
  }
  return out;
}

const QUOTES = new Set(['"', "'"]);
const SPEECH = new Set(SPEECH_LIST);

/** Inside quotation marks after "you said", "I told her"…, or right after "who says": words reported, not said now. */
function reported(tokens: readonly Token[], sent: Sentence, i: number): boolean {
  const before = tokens[i - 1];
  if (i > sent.from && before && !before.punct && ['says', 'said', 'saying'].includes(before.t)) return true;
  let open = -1;
  let count = 0;
  for (let k = sent.from; k < i; k++) {
    if (QUOTES.has(tokens[k]?.t ?? '') && tokens[k]?.punct) {
      count++;
      open = k;
    }
  }
  if (count % 2 === 0) return false;
  return tokens.slice(sent.from, open).some((t) => SPEECH.has(t.t));
}

function clauseStart(tokens: readonly Token[], sent: Sentence, i: number): number {
  for (let k = i - 1; k >= sent.from; k--) {
    const t = tokens[k]?.t ?? '';
    if (HARD.has(t) || t === ',') return k + 1;
  }
  return sent.from;
}

/** One past the end of the clause holding a finding: support must be said there. */
function clauseEnd(tokens: readonly Token[], sent: Sentence, from: number): number {
  for (let k = from; k < sent.to; k++) {
    const t = tokens[k]?.t ?? '';
    if (HARD.has(t) || t === 'but') return k;
  }
  return sent.to;
}
