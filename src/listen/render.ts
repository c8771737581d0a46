/**
 * The figures as the terminal shows them, targets beside them (issue 12).
 * Pure: figures and a styler in, lines out. Every name and sentence from the
 * transcript goes through `safe` (no escape sequence reaches the terminal).
 */
import { durationText } from '../util/dates.ts';
import { pct, type Figures } from './figures.ts';
import { formatName } from './parse.ts';
import { TARGETS } from './targets.ts';

export interface Style {
  bold: (s: string) => string;
  dim: (s: string) => string;
  good: (s: string) => string;
  warn: (s: string) => string;
  safe: (s: string) => string;
}

export interface RenderContext {
  file: string;
  /** The session the figures are for, as a line ("Session … with Sam, today: figures attached."). */
  session?: string | undefined;
}

export function renderFigures(f: Figures, ctx: RenderContext, st: Style): string[] {
  const m = f.manager;
  const repName = f.rep ? st.safe(firstName(f.rep.name)) : 'the rep';
  const out: string[] = [];
  const length = f.durationSeconds === null ? '' : `, ${durationText(f.durationSeconds)}`;
  out.push(`${st.bold('Conversation mirror')} ${st.dim(`· ${st.safe(ctx.file)} (${formatName(f.format)}, ${f.cues} cues${length})`)}`);
  if (ctx.session) for (const line of ctx.session.split('\n')) out.push(st.dim(line));
  for (const n of f.notes) out.push(st.dim(st.safe(n)));
  out.push('');

  out.push(st.bold('Who talked') + st.dim(f.shareBy === 'seconds' ? '  share of the time' : '  share of the words (this format has no times)'));
  const width = Math.max(...f.speakers.map((s) => s.name.length), 8);
  for (const s of f.speakers) {
    const time = s.seconds === null ? '' : `  ${durationText(s.seconds).padStart(7)}`;
    out.push(`  ${st.safe(s.name).padEnd(width)}  ${s.role.padEnd(7)}  ${pct(s.share).padStart(4)}${time}  ${String(s.words).padStart(6)} words`);
  }
  if (f.unattributed.cues > 0) out.push(st.dim(`  ${f.unattributed.cues} ${f.unattributed.cues === 1 ? 'cue' : 'cues'} with no speaker (${f.unattributed.words} words), left out of the shares`));
  out.push('');

  const mark = (ok: boolean | null) => (ok === null ? '' : ok ? st.good('ok') : st.warn('look'));
  const rows: [string, string, string, boolean | null][] = [];
  rows.push(['Your talk share', pct(m.talkShare), `${pct(TARGETS.talkShareAim)} or less; warned above ${pct(TARGETS.talkShareWarn)}`, m.talkShare <= TARGETS.talkShareWarn]);
  rows.push(['Questions', `${m.questions}, ${m.openQuestions} open${m.questionsPerMinute === null ? '' : ` · ${m.questionsPerMinute}/min`}`, '', null]);
  const ratio = m.reflectionToQuestion;
  rows.push(['Reflections', `${m.reflections}${ratio === null ? '' : ` · ${ratio} per question`}`, '1:1 fair, 2:1 good (MITI 4)', ratio === null ? null : ratio >= TARGETS.reflectionToQuestionFair]);
  if (m.longestMonologueSeconds !== null) {
    rows.push(['Longest monologue', durationText(m.longestMonologueSeconds), `warned over ${durationText(TARGETS.monologueWarnSeconds)}`, m.longestMonologueSeconds <= TARGETS.monologueWarnSeconds]);
  } else {
    rows.push(['Longest monologue', `${m.longestMonologueWords} words`, 'no times in this format', null]);
  }
  rows.push([`Advice before asking what ${repName} tried`, m.adviceBeforeInquiry ? 'yes' : 'no', 'aim: never', !m.adviceBeforeInquiry]);
  rows.push(['Rescue sentences', String(m.rescue.length), 'aim: none', m.rescue.length === 0]);
  if (f.rep) {
    rows.push([`${repName}’s longest stretch`, f.rep.longestStretchSeconds === null ? `${f.rep.longestStretchWords} words` : durationText(f.rep.longestStretchSeconds), '', null]);
  }
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const w2 = Math.max(...rows.map((r) => r[2].length));
  out.push(st.bold('Your habits'));
  for (const [label, value, target, ok] of rows) {
    out.push(`  ${label.padEnd(w0)}  ${value.padEnd(w1)}  ${st.dim(target.padEnd(w2))}  ${mark(ok)}`.trimEnd());
  }
  if (m.adviceBeforeInquiry && m.firstAdvice) {
    out.push('', `${st.bold('Advice before inquiry')}  ${at(m.firstAdvice.at)}“${st.safe(m.firstAdvice.text)}”`);
    out.push(st.dim(`  Next time ask first: “What have you already tried?”`));
  }
  if (m.rescue.length > 0) {
    out.push('', st.bold('Rescue language said aloud'));
    for (const r of m.rescue) out.push(`  ${at(r.at)}“${st.safe(r.text)}”`);
    out.push(st.dim(`  The deal stays ${repName}’s: ask how they will handle it, rather than taking it on.`));
  }
  out.push('', st.dim('These are conversation habits, not a score of you or of anyone. The targets and their sources: docs/listen.md.'));
  return out;
}

/** "Sam Carter" → "Sam", "Carter, Sam" → "Sam": labels stay short. */
export function firstName(name: string): string {
  const comma = name.indexOf(',');
  const given = comma > 0 ? name.slice(comma + 1) : name;
  return given.trim().split(/\s+/)[0] || name;
}

function at(seconds: number | null): string {
  return seconds === null ? '' : `${durationText(seconds)}  `;
}
