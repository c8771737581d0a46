/**
 * The markdown coaching note (docs/note-format.md). Pure: a session's state in,
 * markdown out. Answers are escaped so nothing a rep says can break the note's
 * structure: no heading, list, fence, table, front-matter fence or HTML can
 * come out of an answer.
 */
import { endSentence } from '../util/sentence.ts';
import { safeJson } from '../util/term.ts';
import { fill } from '../playbook/placeholders.ts';
import type { AnswerValue } from '../playbook/schema.ts';
import type { Finding, RescueOptions } from '../rescue/detect.ts';
import { rescueReport, type LedgerLine, type RescueReport } from '../mirror/report.ts';
import type { CommitmentOutcome } from '../model/commitments.ts';
import { collectActions, contextOf, isPrivate, quotableForRep, shownAnswers, visibleSteps, type Step } from '../model/engine.ts';
import type { ListenEntry, SessionState } from '../model/journal.ts';
import { durationText, localDay } from '../util/dates.ts';
import { actionLine, escapeLine, formatAnswer, inline, reviewLine } from './markdown.ts';
import { summaryMarkdown, summaryOf, type NoteSummary } from './summary.ts';
import { wholePercents } from '../listen/figures.ts';

export { actionLine, inline, reviewLine };

export interface NoteOptions {
  /** Leave out everything private to the manager (the rep's copy). */
  forRep?: boolean;
  /** Rescue phrases from settings, for the rescue check (issue 5). */
  rescue?: RescueOptions | undefined;
  /**
   * How this session's actions went, as reviewed in later sessions, by action
   * id (commitments.ts outcomesBySession): shown on each action.
   */
  outcomes?: ReadonlyMap<string, readonly CommitmentOutcome[]> | undefined;
}


export function renderNote(state: SessionState, opts: NoteOptions = {}): string {
  const { start } = state;
  const pb = start.snapshot;
  const ctx = contextOf(state);
  const visible = visibleSteps(pb, state.answers);
  const answers = shownAnswers(visible, state.answers);
  // Private questions live in the manager's part at the end, never among the rep's answers.
  const steps = visible.filter((s) => !isPrivate(s));
  const actions = collectActions(steps, answers);
  const quotable = opts.forRep ? quotableForRep(visible, answers) : answers;

  const front: Record<string, unknown> = {
    rep: start.rep.name,
    ...(start.manager ? { manager: start.manager } : {}),
    date: localDay(start.at),
    playbook: pb.id,
    playbook_version: start.playbook.version,
    ...(start.deal ? { deal: start.deal } : {}),
    status: state.status,
    duration_minutes: Math.round(state.activeMs / 60000),
    session: start.id,
    ...(pb.tags?.length ? { tags: pb.tags } : {}),
  };
  if (opts.forRep) front['copy'] = 'rep';

  const out: string[] = ['---', ...frontMatter(front), '---', ''];
  out.push(`# Coaching note: ${inline(start.rep.name)}, ${localDay(start.at)}`, '');
  const facts = [`**Playbook:** ${inline(pb.title)} (v${inline(start.playbook.version)})`];
  if (start.deal) facts.push(`**Deal:** ${inline(start.deal)}`);
  if (start.manager) facts.push(`**Manager:** ${inline(start.manager)}`);
  out.push(facts.join(' · '), '');
  if (state.status !== 'done') out.push(`> **Unfinished:** this session is ${state.status}; answers so far are below.`, '');
  out.push(...summaryMarkdown(summaryOf({ playbook: pb, steps, answers, actions, rep: start.rep.name, manager: start.manager, deal: start.deal })));

  // A commitment agreed in a question only the manager may read stays the manager's (ActionItem.private).
  const reviews = [...state.reviews.values()].filter((r) => !(opts.forRep && r.item.private));
  const passes = [...(state.reviewPasses?.values() ?? [])].filter((p) => !(opts.forRep && p.item.private));
  if (reviews.length > 0 || passes.length > 0) {
    out.push('## Since last time', '');
    for (const r of reviews) out.push(reviewLine(r, { rep: ctx.rep, manager: start.manager }));
    // Issue 10: left open without an outcome; they come back next time.
    for (const p of passes) {
      out.push(`- [ ] ${inline(p.item.what)}${p.item.due ? `, due ${p.item.due}` : ''} (agreed ${localDay(p.agreed)}): ${p.reason === 'not-due' ? 'not due yet' : 'not reviewed, left for next time'}.`);
    }
    out.push('');
  }

  if (start.topics?.length) {
    // The rep's own words (the agenda they sent back, issue 10): in the rep's copy too.
    out.push(`## ${inline(start.rep.name)}’s topics`, '');
    for (const t of start.topics) out.push(`- ${escapeLine(t)}`);
    out.push('');
  }

  if (actions.length > 0) {
    out.push('## Actions', '');
    for (const a of actions) out.push(actionLine(a, { rep: ctx.rep, manager: start.manager }, opts.outcomes?.get(a.id)));
    out.push('');
  }

  let currentStage = -1;
  for (const step of steps) {
    if (step.stageIndex !== currentStage) {
      currentStage = step.stageIndex;
      const letter = step.stage.letter ?? step.stage.title.charAt(0).toUpperCase();
      out.push(`## ${inline(letter)} · ${inline(step.stage.title)}`, '');
    }
    out.push(`### ${inline(fill(step.question.text, ctx, quotable))}`, '');
    out.push(...answerBlock(step, state), '');
  }
  if (!opts.forRep) out.push(...managerPart(state, answers, visible.filter(isPrivate), rescueReport(state, opts.rescue, visible)));
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

/**
 * The note's opening summary alone (`repcoach show <id> --summary`): from the rep's
 * part of the note, the same in both copies (summary.ts).
 */
export function noteSummary(state: SessionState): NoteSummary {
  const pb = state.start.snapshot;
  const visible = visibleSteps(pb, state.answers);
  const answers = shownAnswers(visible, state.answers);
  // The same rep's part as renderNote's: keep this filter the one renderNote uses for private steps.
  const steps = visible.filter((s) => !isPrivate(s));
  return summaryOf({ playbook: pb, steps, answers, actions: collectActions(steps, answers), rep: state.start.rep.name, manager: state.start.manager, deal: state.start.deal });
}

/**
 * YAML front matter. Every string is written double-quoted in JSON syntax, which
 * YAML reads back exactly: no rep called "yes", "null" or "---" can change type
 * or break the block, in YAML 1.1 and 1.2 readers alike.
 */
export function frontMatter(fields: Record<string, unknown>): string[] {
  // JSON strings are YAML strings; its \u escapes keep overrides and C1 controls inert (issue 15).
  return Object.entries(fields).map(([key, value]) => `${key}: ${safeJson(value)}`);
}

// ---------------------------------------------------------------------------
// The manager's part (issue 5): the rescue check, the self-check, private notes

/** `answers`: the shown answers (shownAnswers), for the placeholders of question texts. */
function managerPart(state: SessionState, answers: ReadonlyMap<string, AnswerValue>, privateSteps: Step[], report: RescueReport): string[] {
  const ctx = contextOf(state);
  const rep = inline(ctx.rep);
  const out = ['---', '', '## For the manager only', '', `*Not in ${rep}’s copy: the rescue check, your self-check and private notes.*`, ''];

  out.push('### Rescue check', '');
  const a = report.actions;
  if (a.total === 0) out.push('**Actions:** none recorded.', '');
  else {
    const parts = [`${a.rep} ${rep}’s`, `${a.manager} yours`, ...(a.both ? [`${a.both} shared`] : [])];
    const back = a.handedBack ? ` (${a.handedBack} handed back to ${rep})` : '';
    out.push(`**Actions:** ${a.total} in all: ${parts.join(', ')}${back}.`, '');
  }
  const abi = report.adviceBeforeInquiry;
  if (abi) {
    const text = (id: string) => questionText(state, answers, id);
    const gate = text(abi.gate);
    const advice = abi.advice.map((id) => `“${inline(text(id))}”`).join(', ');
    const why =
      abi.why === 'gate-skipped' ? 'was skipped' : abi.why === 'gate-unanswered' ? 'was not answered' : 'was answered only afterwards';
    out.push(`**Advice before inquiry:** you recorded suggestions (${advice}) before hearing ${rep}’s own options: “${inline(gate)}” ${why}.`, '');
  }
  if (report.ledger.length > 0) {
    out.push('**Actions you took on that look like a rescue:**', '');
    for (const line of report.ledger) out.push(ledgerLine(line, rep));
    out.push('');
  }
  if (report.language.length > 0) {
    out.push('**Rescue language in your own words:**', '');
    for (const line of report.language) {
      for (const f of line.findings) {
        out.push(`- In “${inline(line.questionText)}”: ${excerpt(line.text, f)} ${inline(f.title)}: ${inline(lowerFirst(f.reason))} *Instead:* ${inline(f.alternative)}`);
      }
    }
    out.push('');
  }
  if (report.ledger.length === 0 && report.language.length === 0) {
    // "Typed": a transcript's rescue language said aloud is the conversation mirror's, below.
    out.push('No rescue language in what you typed or in the actions you took on.', '');
  }

  if (state.listen) out.push(...conversationMirror(state.listen, rep));

  if (report.selfCheck.length > 0) {
    out.push('### Self-check', '');
    for (const line of report.selfCheck) out.push(`- ${inline(fill(line.text, ctx, answers))} ${line.skipped ? '*Skipped.*' : `**${inline(line.answer ?? '')}**`}`);
    out.push('');
  }

  // A private stage under its own title; the manager-only questions of shared stages together, under one heading.
  let group: number | undefined;
  for (const step of [...privateSteps.filter((s) => !s.stage.private), ...privateSteps.filter((s) => s.stage.private)]) {
    const key = step.stage.private ? step.stageIndex : -1;
    if (key !== group) {
      group = key;
      out.push(step.stage.private ? `### ${inline(step.stage.title)}` : '### Private notes', '');
    }
    out.push(`#### ${inline(fill(step.question.text, ctx, answers))}`, '');
    out.push(...answerBlock(step, state), '');
  }
  return out;
}

/** The figures `repcoach listen --session` attached (issue 12): habits, not a score. */
function conversationMirror(entry: ListenEntry, rep: string): string[] {
  const m = entry.figures.manager;
  const r = entry.figures.rep;
  // Whole percents that add up to 100 across the speakers (wholePercents), as `listen` shows them.
  const percents = wholePercents(entry.figures.speakers.map((s) => s.share));
  const shareOf = (role: 'manager' | 'rep', fallback: number) => {
    const i = entry.figures.speakers.findIndex((s) => s.role === role);
    return `${i < 0 ? Math.round(fallback * 100) : (percents[i] ?? 0)}%`;
  };
  const by = entry.figures.shareBy === 'seconds' ? 'of the time' : 'of the words';
  const out = ['### Conversation mirror', '', `*From the transcript ${inline(entry.transcript.name)}: conversation habits, not a score.*`, ''];
  out.push(`- **Your talk share:** ${shareOf('manager', m.talkShare)} ${by}${r ? `; ${rep} ${shareOf('rep', r.talkShare)}` : ''} (aim for 45% or less; warned above 60%).`);
  out.push(`- **Questions:** ${m.questions}, ${m.openQuestions} open${m.questionsPerMinute === null ? '' : `, ${m.questionsPerMinute} a minute`}.`);
  out.push(`- **Reflections:** ${m.reflections}${m.reflectionToQuestion === null ? '' : `, ${m.reflectionToQuestion} per question (1:1 fair, 2:1 good)`}.`);
  if (m.longestMonologueSeconds !== null) out.push(`- **Your longest monologue:** ${durationText(m.longestMonologueSeconds)} (warned over 2:00).`);
  if (r && r.longestStretchSeconds !== null) out.push(`- **${rep}’s longest stretch:** ${durationText(r.longestStretchSeconds)}.`);
  // A quoted sentence keeps its own full stop: none after the closing quote.
  out.push(`- **Advice before asking what ${rep} had tried:** ${!m.adviceBeforeInquiry ? 'no.' : m.firstAdvice ? `yes: “${inline(m.firstAdvice.text)}”` : 'yes.'}`);
  if (m.rescue.length > 0) {
    out.push(`- **Rescue language said aloud:**`);
    for (const x of m.rescue) out.push(`  - ${x.at === null ? '' : `${durationText(x.at)} `}“${inline(x.text)}”`);
  }
  out.push('');
  return out;
}

function ledgerLine(line: LedgerLine, rep: string): string {
  const taken = line.original ?? line.action;
  const head = `- “${inline(taken.what)}” (${inline(line.findings[0]?.title.toLowerCase() ?? 'taken on')})`;
  switch (line.decision?.choice) {
    case 'hand-back':
      return `${head}: handed back to ${rep} as “${inline(line.action.what)}”.`;
    case 'support':
      return `${head}: kept as support.`;
    case 'rescue':
      return endSentence(`${head}: kept as a deliberate rescue${line.decision.reason ? `, because: ${inline(line.decision.reason)}` : ''}`);
    default:
      return `${head}: not reviewed. *Instead:* ${inline(line.findings[0]?.alternative ?? '')} Or hand it back: “${inline(line.suggestion)}”.`;
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function questionText(state: SessionState, answers: ReadonlyMap<string, AnswerValue>, id: string): string {
  const q = state.start.snapshot.stages.flatMap((s) => s.questions).find((x) => x.id === id);
  return q ? fill(q.text, contextOf(state), answers) : id;
}

/** The flagged words in bold, with a little of what surrounds them. */
function excerpt(text: string, f: Finding): string {
  const before = text.slice(Math.max(0, f.start - 40), f.start);
  const after = text.slice(f.end, f.end + 40);
  const pre = (f.start > 40 ? '…' : '') + inline(before) + (/\s$/.test(before) ? ' ' : '');
  const post = (/^\s/.test(after) ? ' ' : '') + inline(after) + (f.end + 40 < text.length ? '…' : '');
  return `“${pre}**${inline(f.words)}**${post}”`;
}

function answerBlock(step: Step, state: SessionState): string[] {
  const id = step.question.id;
  if (state.skipped.has(id)) return ['*Skipped.*'];
  const value = state.answers.get(id);
  if (value === undefined) return ['*Not answered yet.*'];
  return formatAnswer(step.question, value, { rep: state.start.rep.name, manager: state.start.manager });
}
