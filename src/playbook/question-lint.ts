/**
 * lintQuestions: warnings about questions that coach badly (issues 5 and 10),
 * each at its file:line:column with a suggested rewrite. Wired into `playbook
 * validate` (warnings; errors with --strict).
 *
 * - closed questions where an open one would serve ("Did you…?", "Is there…?")
 * - leading questions that carry the manager's answer ("Don't you think…?", "…, right?")
 * - "why" questions that put the rep on the defensive
 * - advice dressed as a question ("Have you tried…?", "Why don't you…?")
 * - yes-no questions put to the rep: closed by nature, whatever their wording
 * - rescue language in a question the manager asks ("Want me to call their VP?")
 * - stages with no open question
 * - advice questions before the inquiry gate, or left in the rep's copy
 * - rescue phrases with an unknown <kind>
 *
 * Every question put to the rep is read, whatever its type (a choice's wording
 * can be closed too), and so are the questions a help text or tip tells the
 * manager to ask ("Ask \"what else?\""). Only the manager's own questions
 * (voice: manager, private) are left alone: they are the manager's notes.
 */
import type { Problem } from '../util/errors.ts';
import { atPath, type Path, type SourceDoc } from './parse.ts';
import type { Playbook, Question, Stage } from './schema.ts';
import { isManagerSelfCheck, visibleToRep } from './model.ts';
import { detectRescue } from '../rescue/detect.ts';
import { NOUNS } from '../rescue/lexicon.ts';

type Rule = { re: RegExp; rewrite: (rest: string) => string };

const ADVICE: Rule[] = [
  { re: /^have you (?:tried|considered|thought (?:about|of)|looked at|asked)\s+(.*)$/i, rewrite: () => 'What else could you try?' },
  { re: /^did you (?:try|think (?:about|of)|consider)\s+(.*)$/i, rewrite: () => 'What have you already tried, and what else could you try?' },
  { re: /^why (?:don't|do not|didn't|did not) you\s+(.*)$/i, rewrite: () => 'What options do you see?' },
  { re: /^why not\s+(.*)$/i, rewrite: () => 'What options do you see?' },
  { re: /^(?:wouldn't|would not|won't) it be (?:better|easier|best)\s+(.*)$/i, rewrite: () => 'Which option gives you the best chance, and why?' },
  { re: /^would it (?:be better|make sense|help) to\s+(.*)$/i, rewrite: () => 'Which option gives you the best chance, and why?' },
  { re: /^(?:shouldn't|couldn't|can't|should not|could not|cannot) you\s+(.*)$/i, rewrite: () => 'What could you do next?' },
  { re: /^(?:don't|do not) you think (?:you|we) (?:should|ought to|need to)\s+(.*)$/i, rewrite: () => 'What do you think you should do?' },
  { re: /^(?:what|how) about\s+(.*)$/i, rewrite: () => 'What else could you try?' },
];

/** Questions that carry the asker's answer: the rep is invited to agree, not to think. */
const LEADING: Rule[] = [
  { re: /^(?:don't|do not|wouldn't|would not) you (?:think|feel|believe|agree|say)\b\s*(.*)$/i, rewrite: () => 'What do you make of it?' },
  { re: /^would you (?:agree|say)\b\s*(.*)$/i, rewrite: () => 'How do you see it?' },
  { re: /^(?:is it|isn't it|wouldn't it be) (?:fair|true|right) to say\b\s*(.*)$/i, rewrite: () => 'How would you describe it?' },
  { re: /^surely\b\s*(.*)$/i, rewrite: () => 'What do you make of it?' },
  {
    re: /^(?:isn't|aren't|wasn't|weren't|doesn't|don't|didn't|hasn't|haven't|hadn't|won't|wouldn't|can't|couldn't|shouldn't)\s+(.*)$/i,
    rewrite: () => 'Ask it without your answer in it: e.g. “What do you make of it?”',
  },
  {
    re: /^(.*),\s*(?:right|correct|yes|no|true|surely|(?:isn't|aren't|wasn't|weren't|don't|doesn't|didn't|haven't|hasn't|won't|wouldn't|can't|couldn't|shouldn't) (?:it|that|they|you|he|she|we|there)(?: so)?)$/i,
    rewrite: () => 'Ask it without your answer in it: e.g. “What do you make of it?”',
  },
];

/** "someone inside the account who still wants it" → "Who inside the account still wants it?" */
function askWho(rest: string): string {
  const who = /^(.*?)\s+(?:who|that)\s+(.*)$/i.exec(rest);
  return who ? `Who ${who[1]} ${who[2]}?` : `Who ${rest}?`;
}

/** The rewrite when no better one can be made from the question's own words. */
const GENERIC = 'Ask it open, with “what” or “how”: e.g. “What happened?”, “How do you see it?”';

const CLOSED: Rule[] = [
  { re: /^did you\s+(.*)$/i, rewrite: (r) => `What happened when you tried to ${r}?` },
  { re: /^do you think\s+(.*)$/i, rewrite: () => 'What do you think is really going on?' },
  { re: /^do you have\s+(.*)$/i, rewrite: (r) => `Tell me about ${r}.` },
  { re: /^(?:is|are) there (?:someone|anyone|somebody|anybody)\s+(.*)$/i, rewrite: askWho },
  { re: /^(?:is|are) there (?:something|anything)\s+(?!(?:you|we|they|he|she|i)\b)(.*)$/i, rewrite: (r) => `What is ${r}?` },
  { re: /^(?:is|are) there (?:a|an|any)\s+(.*)$/i, rewrite: (r) => `Which ${r}, if any?` },
  { re: /^(?:is|are) there\s+(?!(?:something|anything)\b)(.*)$/i, rewrite: (r) => `What ${r} do you see?` },
  { re: /^have you\s+(.*)$/i, rewrite: () => 'What have you done so far, and what came of it?' },
  { re: /^(?:can|could) you\s+(.*)$/i, rewrite: (r) => `How could you ${r}?` },
  { re: /^will you\s+(.*)$/i, rewrite: (r) => `How and when will you ${r}?` },
  { re: /^would you (?:like|want|prefer) to\s+(.*)$/i, rewrite: (r) => `How would you like to ${r}?` },
  { re: /^would you\s+(.*)$/i, rewrite: (r) => `What would it take to ${r}?` },
  { re: /^(?:should|shall) (?:you|we)\s+(.*)$/i, rewrite: (r) => `What would happen if you ${r}?` },
  { re: /^(?:do|does|did|is|are|was|were|have|has|had|can|could|will|would|should|shall|am|may|might|must)\s+(.*)$/i, rewrite: () => GENERIC },
];

const WHY: Rule[] = [
  { re: /^why did you\s+(.*)$/i, rewrite: (r) => `What led you to ${r}?` },
  { re: /^why do you\s+(.*)$/i, rewrite: (r) => `What makes you ${r}?` },
  { re: /^why (?:is|are|was|were|has|have)\s+(.*)$/i, rewrite: () => 'What do you think is causing it?' },
  { re: /^why\b(.*)$/i, rewrite: () => 'What led to that?' },
];

/**
 * Asking for a story is open even in a closed frame: "Could you walk me through
 * it?". Only the asking sentence itself counts: "Did you share the deck?" is
 * still closed.
 */
const OPEN_INVITATION =
  /^(?:(?:can|could|would|will) you (?:please )?)?(?:walk me through|talk me through|take me through|tell me|describe|explain|share|say more|help me understand|give me|list|name)\b/i;

type Kind = 'advice' | 'leading' | 'why' | 'closed';

interface Verdict {
  kind: Kind;
  rewrite: string;
}

function firstMatch(rules: readonly Rule[], sentence: string): Verdict['rewrite'] | undefined {
  for (const rule of rules) {
    const m = rule.re.exec(sentence);
    if (m) return rule.rewrite((m[1] ?? '').trim());
  }
  return undefined;
}

/** What is wrong with a question's wording, if anything. Pure; exported for table tests. */
export function judgeQuestion(text: string): Verdict | undefined {
  const sentences = questionSentences(text);
  if (sentences.length === 0) return undefined;
  for (const [kind, rules] of [['advice', ADVICE], ['leading', LEADING], ['why', WHY]] as const) {
    for (const s of sentences) {
      const rewrite = firstMatch(rules, s);
      if (rewrite !== undefined) return { kind, rewrite };
    }
  }
  // Closed only when every question in the text is closed: "Did it work? What happened?" is open.
  const closed = sentences.map((s) => (OPEN_INVITATION.test(s) ? undefined : firstMatch(CLOSED, s)));
  if (closed.every((c) => c !== undefined)) return { kind: 'closed', rewrite: closed[0] ?? '' };
  return undefined;
}

/** The questions in a text, without a leading "{{rep}}," or "So," or a trailing ", {{rep}}". */
function questionSentences(text: string): string[] {
  return (text.replace(/[’‘]/g, "'").match(/[^.?!]*\?/g) ?? [])
    .map((s) =>
      s
        .trim()
        .replace(/^["“(]+/, '')
        .replace(/^(?:\{\{\s*rep\s*\}\}|so|and|but|ok|okay|now|then|honestly|looking back|tell me)\s*[,:]?\s+/i, '')
        .replace(/\s*,?\s*\{\{\s*rep\s*\}\}\s*\?$/, '?')
        .replace(/\?$/, '')
        .trim(),
    )
    .filter((s) => s !== '');
}

/**
 * Questions a help text or tip tells the manager to ask, in quotes: `Ask
 * "what else?"`. A quote named as the thing to avoid ("instead of…", "not…")
 * is an example of what not to say, and is left alone.
 */
function quotedQuestions(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/["“]([^"”]*\?)["”]/g)) {
    const before = text.slice(0, m.index).split(/[.!?;:]\s/).pop() ?? '';
    if (/\b(?:avoid|instead of|rather than|not|never|don't|do not|catch yourself|hear yourself|tempted|temptation|resist|turn it into)\b/i.test(before)) continue;
    out.push(m[1] ?? '');
  }
  return out;
}

const MESSAGES: Record<Kind | 'yes-no', string> = {
  advice: 'advice dressed as a question: it hands the rep your idea instead of drawing out theirs',
  leading: 'a leading question carries your answer; the rep is asked to agree, not to think',
  why: 'a "why" question can put the rep on the defensive',
  closed: 'a closed question invites a yes or a no; an open one gets the rep thinking',
  'yes-no': 'a yes-no question put to the rep is closed by nature. Ask it open (type: text), or make it your own check after the rep has left (voice: manager, private: true)',
};

function asksTheRep(stage: Stage, q: Question): boolean {
  return !stage.private && !q.private && q.voice !== 'manager';
}

const OPEN_TYPES = new Set(['text', 'long-text', 'actions']);

export function lintQuestions(pb: Playbook, source: SourceDoc): Problem[] {
  const problems: Problem[] = [];
  const warn = (path: Path, message: string) => problems.push(atPath(source, path, message, 'warning'));
  const rescue = { phrases: pb.rescue?.phrases, support: pb.rescue?.support };
  // In a self-check the one answering is the manager: a yes-no there is their own check.
  const selfCheck = isManagerSelfCheck(pb);

  pb.stages.forEach((stage, si) => {
    let asked = 0;
    let open = 0;
    const stagePath: Path = ['stages', si];
    for (const key of ['tip', 'goal'] as const) {
      for (const said of quotedQuestions(stage[key] ?? '')) {
        const v = judgeQuestion(said);
        if (v) warn([...stagePath, key], `the ${key} tells you to ask “${said}”: ${MESSAGES[v.kind]}. Try: “${v.rewrite}”`);
      }
    }
    stage.questions.forEach((q, qi) => {
      const qp: Path = [...stagePath, 'questions', qi];
      if (!asksTheRep(stage, q)) return;
      asked++;
      const verdict = judgeQuestion(q.text);
      // A yes-no is closed by its type: one warning for it, not a second for its wording.
      const yesNo = q.type === 'yes-no';
      if (verdict && !(verdict.kind === 'closed' && yesNo)) {
        warn([...qp, 'text'], `${MESSAGES[verdict.kind]}. Try: “${verdict.rewrite}”`);
      } else if (yesNo && !selfCheck) {
        warn([...qp, 'type'], `${MESSAGES['yes-no']}${verdict && verdict.rewrite !== GENERIC ? `, e.g. “${verdict.rewrite}”` : ''}.`);
      }
      const [offer] = detectRescue(q.text, rescue);
      if (offer) warn([...qp, 'text'], `the question has you taking the deal over (“${offer.words}”): ${offer.alternative}`);
      for (const said of quotedQuestions(q.help ?? '')) {
        const v = judgeQuestion(said);
        if (v) warn([...qp, 'help'], `the help tells you to ask “${said}”: ${MESSAGES[v.kind]}. Try: “${v.rewrite}”`);
      }
      if (OPEN_TYPES.has(q.type) && (!verdict || verdict.kind === 'why')) open++;
    });
    if (asked > 0 && open === 0) {
      warn([...stagePath, 'title'], `the stage "${stage.title}" has no open question for the rep. Add one, e.g. “What else could you try?” or “What do you make of it?”`);
    }
  });

  // Inquiry before advice: suggestions come after the rep has said what they already tried.
  const all = pb.stages.flatMap((s, si) => s.questions.map((q, qi) => ({ q, stage: s, path: ['stages', si, 'questions', qi] as Path })));
  const gateAt = all.findIndex((x) => x.q.gate === 'inquiry');
  all.forEach((x, i) => {
    if (!x.q.advice) return;
    if (gateAt === -1) {
      warn([...x.path, 'advice'], `"${x.q.id}" records your suggestions, but no question is the inquiry gate. Mark the one that asks what the rep has already tried with "gate: inquiry".`);
    } else if (i < gateAt) {
      const gate = all[gateAt]?.q.id ?? '';
      warn([...x.path, 'advice'], `"${x.q.id}" records your suggestions before the inquiry gate "${gate}". Move it after "${gate}": ask what the rep has already tried before offering advice.`);
    }
    // Issue 10: the manager's own ideas are the manager's (visibleToRep keeps them out by default); sharing them is a choice to question.
    if (visibleToRep(x.stage, x.q)) {
      warn([...x.path, 'advice'], `"${x.q.id}" records your own suggestions, yet "private: false" shows them in the rep's copy of the note. Remove it, or write "private: true".`);
    }
  });

  // A <kind> the rescue lists do not know never matches: say so.
  const kinds = [...Object.keys(NOUNS), 'work', 'np', 'boost'];
  for (const list of ['phrases', 'support'] as const) {
    pb.rescue?.[list]?.forEach((phrase, i) => {
      for (const m of phrase.matchAll(/<([^>]*)>/g)) {
        const unknown = (m[1] ?? '').split('|').map((k) => k.trim()).filter((k) => !kinds.includes(k));
        if (unknown.length) warn(['rescue', list, i], `unknown kind <${unknown.join('|')}> in a rescue phrase; use one of ${kinds.map((k) => `<${k}>`).join(', ')}`);
      }
    });
  }
  return problems;
}
