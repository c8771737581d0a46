/**
 * lintQuestions: warnings about questions that coach badly (issue 5), each at
 * its file:line:column with a suggested rewrite. Wired into `playbook
 * validate` (warnings; errors with --strict).
 *
 * - closed questions where an open one would serve ("Did you…?")
 * - "why" questions that put the rep on the defensive
 * - advice dressed as a question ("Have you tried…?", "Why don't you…?")
 * - stages with no open question
 * - advice questions before the inquiry gate
 * - rescue phrases with an unknown <kind>
 *
 * Only questions put to the rep are read: manager-voice and private questions
 * are the manager's own notes.
 */
import type { Problem } from '../errors.ts';
import { atPath, type Path, type SourceDoc } from '../playbook/parse.ts';
import type { Playbook, Question, Stage } from '../playbook/schema.ts';
import { NOUNS } from './lexicon.ts';

const ADVICE: Array<{ re: RegExp; rewrite: (rest: string) => string }> = [
  { re: /^have you (?:tried|considered|thought (?:about|of)|looked at|asked)\s+(.*)$/, rewrite: () => 'What else could you try?' },
  { re: /^did you (?:try|think (?:about|of)|consider)\s+(.*)$/, rewrite: () => 'What have you already tried, and what else could you try?' },
  { re: /^why (?:don't|do not|didn't|did not) you\s+(.*)$/, rewrite: () => 'What options do you see?' },
  { re: /^why not\s+(.*)$/, rewrite: () => 'What options do you see?' },
  { re: /^(?:wouldn't|would not|won't) it be (?:better|easier|best)\s+(.*)$/, rewrite: () => 'Which option gives you the best chance, and why?' },
  { re: /^would it (?:be better|make sense|help) to\s+(.*)$/, rewrite: () => 'Which option gives you the best chance, and why?' },
  { re: /^(?:shouldn't|couldn't|can't|should not|could not|cannot) you\s+(.*)$/, rewrite: () => 'What could you do next?' },
  { re: /^(?:don't|do not) you think (?:you|we) should\s+(.*)$/, rewrite: () => 'What do you think you should do?' },
  { re: /^(?:what|how) about\s+(.*)$/, rewrite: () => 'What else could you try?' },
];

const CLOSED: Array<{ re: RegExp; rewrite: (rest: string) => string }> = [
  { re: /^did you\s+(.*)$/, rewrite: (r) => `What happened when you tried to ${r}?` },
  { re: /^do you think\s+(.*)$/, rewrite: () => 'What do you think is really going on?' },
  { re: /^do you have\s+(.*)$/, rewrite: (r) => `Tell me about ${r}.` },
  { re: /^(?:is|are) there\s+(.*)$/, rewrite: (r) => `What ${r} do you see?` },
  { re: /^(?:can|could) you\s+(.*)$/, rewrite: (r) => `How could you ${r}?` },
  { re: /^will you\s+(.*)$/, rewrite: (r) => `How and when will you ${r}?` },
  { re: /^would you\s+(.*)$/, rewrite: (r) => `What would it take to ${r}?` },
  { re: /^(?:should|shall) (?:you|we)\s+(.*)$/, rewrite: (r) => `What would happen if you ${r}?` },
  {
    re: /^(?:do|does|did|is|are|was|were|have|has|had|can|could|will|would|should|shall|am|may|might|must)\s+(.*)$/,
    rewrite: () => 'Ask it open, with “what” or “how”: e.g. “What happened?”, “How do you see it?”',
  },
];

const WHY: Array<{ re: RegExp; rewrite: (rest: string) => string }> = [
  { re: /^why did you\s+(.*)$/, rewrite: (r) => `What led you to ${r}?` },
  { re: /^why do you\s+(.*)$/, rewrite: (r) => `What makes you ${r}?` },
  { re: /^why (?:is|are|was|were|has|have)\s+(.*)$/, rewrite: () => 'What do you think is causing it?' },
  { re: /^why\b(.*)$/, rewrite: () => 'What led to that?' },
];

/** Asking for a story is open even with a question mark: "Could you walk me through it?" */
const OPEN_INVITATIONS = /\b(?:walk me through|talk me through|tell me|describe|explain|take me through|share)\b/;

type Kind = 'advice' | 'why' | 'closed';

interface Verdict {
  kind: Kind;
  rewrite: string;
}

/** What is wrong with a question's wording, if anything. Pure; exported for table tests. */
export function judgeQuestion(text: string): Verdict | undefined {
  const sentences = questionSentences(text);
  if (sentences.length === 0) return undefined;
  for (const s of sentences) {
    for (const rule of ADVICE) {
      const m = rule.re.exec(s);
      if (m) return { kind: 'advice', rewrite: rule.rewrite(m[1] ?? '') };
    }
  }
  for (const s of sentences) {
    for (const rule of WHY) {
      const m = rule.re.exec(s);
      if (m) return { kind: 'why', rewrite: rule.rewrite((m[1] ?? '').trim()) };
    }
  }
  if (OPEN_INVITATIONS.test(text.toLowerCase())) return undefined;
  // Closed only when every question in the text is closed: "Did it work? What happened?" is open.
  const closed = sentences.map((s) => CLOSED.map((r) => ({ r, m: r.re.exec(s) })).find((x) => x.m));
  if (closed.every((c) => c !== undefined)) {
    const first = closed[0];
    if (first?.m) return { kind: 'closed', rewrite: first.r.rewrite((first.m[1] ?? '').trim()) };
  }
  return undefined;
}

/** The questions in a text, lower-case, without a leading "{{rep}}," or "So,". */
function questionSentences(text: string): string[] {
  return (text.match(/[^.?!]*\?/g) ?? [])
    .map((s) =>
      s
        .trim()
        .toLowerCase()
        .replace(/[’‘]/g, "'")
        .replace(/^(?:\{\{\s*rep\s*\}\}|so|and|ok|okay|now|then|honestly)\s*[,:]?\s+/, '')
        .replace(/\s*,?\s*\{\{\s*rep\s*\}\}\s*\?$/, '?')
        .replace(/\?$/, '')
        .trim(),
    )
    .filter((s) => s !== '');
}

const MESSAGES: Record<Kind, string> = {
  advice: 'advice dressed as a question: it hands the rep your idea instead of drawing out theirs',
  why: 'a "why" question can put the rep on the defensive',
  closed: 'a closed question invites a yes or a no; an open one gets the rep thinking',
};

function asksTheRep(stage: Stage, q: Question): boolean {
  return !stage.private && !q.private && q.voice !== 'manager';
}

const OPEN_TYPES = new Set(['text', 'long-text', 'actions']);

export function lintQuestions(pb: Playbook, source: SourceDoc): Problem[] {
  const problems: Problem[] = [];
  const warn = (path: Path, message: string) => problems.push(atPath(source, path, message, 'warning'));

  pb.stages.forEach((stage, si) => {
    let asked = 0;
    let open = 0;
    stage.questions.forEach((q, qi) => {
      if (!asksTheRep(stage, q)) return;
      asked++;
      const verdict = q.type === 'text' || q.type === 'long-text' ? judgeQuestion(q.text) : undefined;
      if (verdict) warn(['stages', si, 'questions', qi, 'text'], `${MESSAGES[verdict.kind]}. Try: “${verdict.rewrite}”`);
      if (OPEN_TYPES.has(q.type) && (!verdict || verdict.kind === 'why')) open++;
    });
    if (asked > 0 && open === 0) {
      warn(['stages', si, 'title'], `the stage "${stage.title}" has no open question for the rep. Add one, e.g. “What else could you try?” or “What do you make of it?”`);
    }
  });

  // Inquiry before advice: suggestions come after the rep has said what they already tried.
  const all = pb.stages.flatMap((s, si) => s.questions.map((q, qi) => ({ q, path: ['stages', si, 'questions', qi] as Path })));
  const gateAt = all.findIndex((x) => x.q.gate === 'inquiry');
  all.forEach((x, i) => {
    if (!x.q.advice) return;
    if (gateAt === -1) {
      warn([...x.path, 'advice'], `"${x.q.id}" records your suggestions, but no question is the inquiry gate. Mark the one that asks what the rep has already tried with "gate: inquiry".`);
    } else if (i < gateAt) {
      const gate = all[gateAt]?.q.id ?? '';
      warn([...x.path, 'advice'], `"${x.q.id}" records your suggestions before the inquiry gate "${gate}". Move it after "${gate}": ask what the rep has already tried before offering advice.`);
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
