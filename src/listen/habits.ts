/**
 * What a sentence of the manager's is: a question, an open one, advice, an
 * inquiry into what the rep has tried, a reflection. Pure and deliberately
 * plain rules (issue 12 defines them); docs/listen.md lists them.
 */

/**
 * What comes before a question without changing what it asks: "So," and "And",
 * and the fillers spoken before them ("Okay, so what happened?", "Right, and how…").
 */
const LEAD = /^(?:(?:so|and|okay|ok|right|well|alright|all right|great|good|now)\b,?\s*)+/i;
/** A polite frame around an open request: "Could you walk me through it?", "Can you tell me…?" */
const FRAME = /^(?:(?:could|can|would|will) you(?: please)?|please)\s+(?=tell me|walk me through|describe)/i;
const OPEN_START = /^(?:(?:what|how|who|where|when|which)\b|(?:tell me|walk me through|describe)\b)/i;
const TRAILING = /["'”’)\]\s]+$/;

export function isQuestion(sentence: string): boolean {
  return sentence.replace(TRAILING, '').endsWith('?');
}

function withoutLead(sentence: string): string {
  return sentence.trim().replace(/^["'“‘(]+/, '').replace(LEAD, '').replace(FRAME, '');
}

/** Begins with what, how, who, where, when, which, "tell me", "walk me through", "describe". */
function opensOpen(sentence: string): boolean {
  return OPEN_START.test(withoutLead(sentence));
}

export function isOpenQuestion(sentence: string): boolean {
  return isQuestion(sentence) && opensOpen(sentence);
}

/** Asking what the rep has already tried, done, thinks or plans: the question to ask before any advice. */
const INQUIRY_TOPIC = /\b(?:tried|try(?:ing)?|done|do so far|attempt\w*|approach\w*|plan\w*|thinking|think|thought|consider\w*|options?|ideas?|so far|already|next steps?|would you do|going to do|happened)\b/i;
const TO_THE_REP = /\byou(?:'ve|’ve|'re|’re|'d|’d|r)?\b/i;

/** "Have you tried anything yet?", "Did you already try?": a closed question, but the same inquiry. */
const CLOSED_INQUIRY = /\b(?:have|did) you (?:already )?(?:tried|try|done|do|attempted|attempt)(?: anything| something)?(?: else)?(?: so far| yet| already)?\s*\?["'”’)\]\s]*$/i;

export function isInquiry(sentence: string): boolean {
  if (CLOSED_INQUIRY.test(sentence)) return true;
  if (!opensOpen(sentence)) return false;
  const body = withoutLead(sentence);
  // "Tell me what you've tried." asks without a question mark.
  if (!isQuestion(sentence) && !/^(?:tell me|walk me through|describe)\b/i.test(body)) return false;
  return TO_THE_REP.test(body) && INQUIRY_TOPIC.test(body);
}

/** "I'd love to hear…", "I'd be curious…": the manager's wish to listen, not advice. */
const NOT_ADVICE = /\bi(?:'d|’d| would) (?:like|love|be (?:curious|interested|glad|happy)|want|appreciate|imagine|guess|wonder)\b/gi;
const ADVICE =
  /\b(?:you (?:should(?:n't|n’t)?|ought to|need to|must|might want to|may want to|have to|(?:'ve|’ve) got to|gotta)|(?:you could|could you) (?:try|call|email|send|ask|go|just|reach|loop|set|book|offer)|i(?:'d|’d)|i would|i suggest|i(?:'d|’d)? recommend|my advice|if i were you|what i(?:'d|’d| would) do|have you thought (?:of|about)|my suggestion|you might (?:try|want|consider)|here(?:'s|’s| is) what you|the best thing (?:to do|would be)|have you (?:tried|considered) (?!anything|something|so far)|why don(?:'t|’t) you|why not|what if you|try (?:to|calling|emailing|sending|asking)|just (?:call|email|send|ask|tell|go))\b/i;

export function isAdvice(sentence: string): boolean {
  if (isInquiry(sentence)) return false;
  const s = sentence.replace(NOT_ADVICE, '');
  return ADVICE.test(s);
}

/** Reflections that can be told from their words alone (MITI 4 counts more, by ear). */
const REFLECTION =
  /^(?:(?:so|and|okay|ok|right|yeah)\b,?\s*)*(?:it sounds like|sounds like|it seems (?:like|that)|what i(?:'m|’m| am) hearing|what i hear|you sound|you seem|what you(?:'re|’re| are) saying|you(?:'re|’re| are) saying|if i(?:'m|’m| am) hearing you|if i understand you|in other words|you(?:'re|’re| are) feeling|you feel)\b/i;

export function isReflection(sentence: string): boolean {
  return REFLECTION.test(sentence.trim().replace(/^["'“‘(]+/, ''));
}

export interface Span {
  text: string;
  /** Offset in the turn's text where the sentence begins. */
  offset: number;
}

/**
 * Sentences of a turn: each ends at ".", "?", "!" or "…" (with any closing
 * quote) followed by white space, or at the end of the turn.
 */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  const end = /[.?!…]+["'”’)\]]*(?=\s|$)/g;
  let from = 0;
  for (let m = end.exec(text); m; m = end.exec(text)) {
    const stop = m.index + m[0].length;
    push(out, text, from, stop);
    from = stop;
  }
  push(out, text, from, text.length);
  return out;
}

function push(out: Span[], text: string, from: number, to: number) {
  const piece = text.slice(from, to);
  const lead = piece.length - piece.trimStart().length;
  const t = piece.trim();
  if (/[\p{L}\p{N}]/u.test(t)) out.push({ text: t, offset: from + lead });
}
