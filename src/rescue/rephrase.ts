/**
 * Handing an action back: the same step, with the rep as its subject.
 * "I'll call their VP myself" → "Sam calls their VP". Pure; the manager can
 * edit the result before it is recorded.
 */
import { forms } from './verbs.ts';

/** Verbs an action may start with (base forms); multi-word ones keep their particle. */
const VERBS = new Set([
  'agree', 'answer', 'approve', 'arrange', 'ask', 'book', 'build', 'call', 'chase', 'check', 'clean', 'close',
  'collect', 'compile', 'confirm', 'connect', 'contact', 'craft', 'deal', 'decide', 'demo', 'do', 'document', 'draft',
  'drive', 'edit', 'email', 'e-mail', 'escalate', 'find', 'finish', 'fix', 'follow', 'forward', 'gather', 'get',
  'give', 'go', 'handle', 'hop', 'identify', 'introduce', 'join', 'jump', 'lead', 'line', 'list', 'log', 'loop',
  'make', 'manage', 'map', 'meet', 'message', 'negotiate', 'organise', 'organize', 'outline', 'own', 'phone', 'pick',
  'ping', 'pitch', 'plan', 'polish', 'prep', 'prepare', 'present', 'push', 'put', 'qualify', 'reach', 'rebuild',
  'record', 'redo', 'redraft', 'redline', 'reply', 'rescue', 'research', 'resend', 'reschedule', 'respond', 'review',
  'rework', 'rewrite', 'ring', 'run', 'salvage', 'save', 'schedule', 'secure', 'send', 'set', 'share', 'smooth',
  'sort', 'speak', 'step', 'submit', 'take', 'talk', 'text', 'tidy', 'tighten', 'translate', 'try', 'update', 'visit',
  'write',
]);

/** Base form of a word if it is one of VERBS in any form ("calling" → "call"). */
function baseOf(word: string): string | undefined {
  const w = word.toLowerCase();
  if (VERBS.has(w)) return w;
  for (const v of VERBS) {
    const f = forms(v);
    if (w === f.ing || w === f.s) return v;
  }
  return undefined;
}

const LEADING = [
  /^(?:(?:ok|okay|fine|honestly|right|so),?\s+)+/i,
  // Issue 10: a hand-over preamble before the step itself: "Leave it with me: I'll sort pricing".
  /^(?:leave|hand|pass|give|send) (?:it|this|that)(?: one)?(?: over)? (?:with|to) me(?:\s*[:,;.!—–-]+\s*|\s+(?:and|to)\s+)/i,
  /^(?:don['’]t|do not|no need to) worry(?: about (?:it|this|that))?\s*[:,;.!—–-]*\s*/i,
  /^(?:me|i|manager|owner:\s*me)\s*:\s*/i,
  /^(?:i\s*(?:'ll|’ll| will| shall)|i\s*(?:'m|’m| am) (?:going to|gonna|happy to)|i (?:can|could|must|should|need to|want to|plan to|intend to)|i\s*(?:'d|’d| would) like to|let me|me to|happy to|going to|will)(?:\s+|$)/i,
  /^(?:just|personally|quickly|also|then|first|go ahead and|try and)\s+/i,
];

const TAKEOVER = String.raw`(?:i\s*(?:'ll|’ll| will)|let me)\s+(?:just\s+)?(?:sort|handle|deal with|take care of|fix|run|own)\s+(?:it|this|that|them)(?:\s+(?:out|from there|myself))?`;
const TRAILING = new RegExp(
  String.raw`\s*[,;:.—–-]*\s*(?:and\s+)?(?:leave (?:it|this|that|the rest) (?:with|to) me|i(?:'ve|’ve| have) got (?:it|this)|${TAKEOVER})\s*$`,
  'i',
);
const HAND_OVER_THEN_TAKEOVER = new RegExp(
  String.raw`^(?:send|forward|give|pass|cc|copy|loop)\s+me(?:\s+(?:in(?:to)?\s+)?on|\s+in(?:to)?)?\s+(.+?)(?:\s*[,;:—–-]+\s*|\s+and\s+)(?:then\s+)?${TAKEOVER}$`,
  'i',
);

const MAX_ACTION_CHARS = 500;

/** "The rep (name) does it": `what` rephrased with `rep` as the subject. */
export function handBack(what: string, rep: string): string {
  // An action is a line or two; a pasted essay is cut, so no pattern below meets a long run of punctuation.
  let text = what.replace(/\s+/g, ' ').trim().slice(0, MAX_ACTION_CHARS).replace(/[.!]+$/, '');
  const name = rep.trim() || 'The rep';

  for (let changed = true; changed; ) {
    changed = false;
    for (const re of LEADING) {
      const next = text.replace(re, '');
      if (next !== text) {
        text = next;
        changed = true;
      }
    }
  }
  // "Send me the thread, I'll sort it": the rep handles what the manager asked to be given.
  text = text.replace(HAND_OVER_THEN_TAKEOVER, 'handle $1');
  // A hand-over at the end says the rescue again and is no step of the rep's: "…, leave it with me".
  text = text.replace(TRAILING, '');
  // "I'm calling their VP", "I call their VP": the verb is found in any form below.
  text = text.replace(/^i\s*(?:'m|’m| am)\s+/i, '').replace(/^i\s+(?=\S)/i, '');

  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  text = text
    .replace(new RegExp(`\\s*\\b(?:myself|personally|for you|for ${escaped}|on (?:your|${escaped}['’]s) behalf|off (?:your|his|her|their|${escaped}['’]s) (?:plate|hands)|instead of (?:you|him|her|them|${escaped}))\\b`, 'gi'), '')
    .replace(/\byours\b/gi, 'theirs')
    .replace(/\byour\b/gi, 'their')
    .trim();

  // "Leave it with me" names no step of its own.
  text = text.replace(/^(?:leave|hand|pass|give|send) (?:it|this|that)(?: one)?(?: over)? (?:with|to) me$/i, '');
  // "Leave the pricing with me": the rep handles what the manager would have kept.
  text = text.replace(/^leave (.+?) (?:with|to) me$/i, 'handle $1');
  // Taking over becomes leading: the rep now runs what the manager would have.
  text = text.replace(/^take over\b/i, 'lead').replace(/^(?:jump|hop|get) on\b/i, 'lead');
  if (/^lead$/i.test(text)) text = 'lead it';

  const first = /^(\S+)(.*)$/.exec(text);
  const verb = first ? baseOf(first[1] ?? '') : undefined;
  if (!first || !verb) return text ? `${name} owns this: ${text}` : `${name} owns the next step`;
  const rest = (first[2] ?? '').replace(/\b(and|then|,)\s+(?:(then)\s+)?(\S+)/gi, (m: string, joiner: string, then: string | undefined, word: string) => {
    const base = VERBS.has(word.toLowerCase()) ? word.toLowerCase() : undefined;
    return base ? `${joiner} ${then ? then + ' ' : ''}${forms(base).s}` : m;
  });
  return `${name} ${forms(verb).s}${rest}`.replace(/\s+,/g, ',');
}
