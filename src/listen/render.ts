/**
 * The figures as the terminal shows them, targets beside them (issue 12).
 * Pure: figures and a styler in, lines out. Every name and sentence from the
 * transcript goes through `safe` (no escape sequence reaches the terminal).
 */
import { durationText } from '../util/dates.ts';
import { plural } from '../util/sentence.ts';
import { padEndTo, padStartTo, textWidth } from '../util/width.ts';
import { pct, wholePercents, type Figures } from './figures.ts';
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
  // Whole percents adding up to 100, the same in the table and in the talk-share row.
  const percents = wholePercents(f.speakers.map((s) => s.share));
  const managerAt = f.speakers.findIndex((s) => s.role === 'manager');
  const managerShare = managerAt < 0 ? pct(m.talkShare) : `${percents[managerAt] ?? 0}%`;
  const repName = f.rep ? st.safe(shortName(f.rep.name, f.speakers.map((s) => s.name))) : 'the rep';
  const out: string[] = [];
  const length = f.durationSeconds === null ? '' : `, ${durationText(f.durationSeconds)}`;
  out.push(`${st.bold('Conversation mirror')} ${st.dim(`· ${st.safe(ctx.file)} (${formatName(f.format)}, ${plural(f.cues, 'cue')}${length})`)}`);
  if (ctx.session) for (const line of ctx.session.split('\n')) out.push(st.dim(line));
  for (const n of f.notes) out.push(st.dim(st.safe(n)));
  out.push('');

  out.push(st.bold('Who talked') + st.dim(f.shareBy === 'seconds' ? '  share of the time' : '  share of the words (this format has no times)'));
  // Terminal columns, not characters: a CJK name takes two a character.
  const width = Math.max(...f.speakers.map((s) => textWidth(st.safe(s.name))), 8);
  f.speakers.forEach((s, i) => {
    const time = s.seconds === null ? '' : `  ${durationText(s.seconds).padStart(7)}`;
    out.push(`  ${padEndTo(st.safe(s.name), width)}  ${s.role.padEnd(7)}  ${padStartTo(`${percents[i] ?? 0}%`, 4)}${time}  ${padStartTo(plural(s.words, 'word'), 11)}`);
  });
  if (f.unattributed.cues > 0) out.push(st.dim(`  ${plural(f.unattributed.cues, 'cue')} with no speaker (${plural(f.unattributed.words, 'word')}), left out of the shares`));
  out.push('');

  const mark = (ok: boolean | null) => (ok === null ? '' : ok ? st.good('ok') : st.warn('look'));
  const rows: [string, string, string, boolean | null][] = [];
  rows.push(['Your talk share', managerShare, `${pct(TARGETS.talkShareAim)} or less; warned above ${pct(TARGETS.talkShareWarn)}`, m.talkShare <= TARGETS.talkShareWarn]);
  rows.push(['Questions', `${m.questions}, ${m.openQuestions} open${m.questionsPerMinute === null ? '' : ` · ${m.questionsPerMinute}/min`}`, '', null]);
  const ratio = m.reflectionToQuestion;
  rows.push(['Reflections', `${m.reflections}${ratio === null ? '' : ` · ${ratio} per question`}`, '1:1 fair, 2:1 good (MITI 4)', ratio === null ? null : ratio >= TARGETS.reflectionToQuestionFair]);
  if (m.longestMonologueSeconds !== null) {
    rows.push(['Longest monologue', durationText(m.longestMonologueSeconds), `warned over ${durationText(TARGETS.monologueWarnSeconds)}`, m.longestMonologueSeconds <= TARGETS.monologueWarnSeconds]);
  } else {
    rows.push(['Longest monologue', plural(m.longestMonologueWords, 'word'), 'no times in this format', null]);
  }
  rows.push([`Advice before asking what ${repName} tried`, m.adviceBeforeInquiry ? 'yes' : 'no', 'aim: never', !m.adviceBeforeInquiry]);
  rows.push(['Rescue sentences', String(m.rescue.length), 'aim: none', m.rescue.length === 0]);
  if (f.rep) {
    rows.push([`${repName}’s longest stretch`, f.rep.longestStretchSeconds === null ? plural(f.rep.longestStretchWords, 'word') : durationText(f.rep.longestStretchSeconds), '', null]);
  }
  const w0 = Math.max(...rows.map((r) => textWidth(r[0])));
  const w1 = Math.max(...rows.map((r) => textWidth(r[1])));
  const w2 = Math.max(...rows.map((r) => textWidth(r[2])));
  out.push(st.bold('Your habits'));
  for (const [label, value, target, ok] of rows) {
    out.push(`  ${padEndTo(label, w0)}  ${padEndTo(value, w1)}  ${st.dim(padEndTo(target, w2))}  ${mark(ok)}`.trimEnd());
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

/**
 * The first name, where it says who is meant: the whole label for a numbered or
 * generic one ("Speaker 2", "Guest 1"), an e-mail address, a name not in Latin
 * letters, or a first name another speaker shares (Sam Lee beside Sam Carter).
 */
export function shortName(name: string, speakers: readonly string[]): string {
  const first = firstName(name);
  // Names in scripts that put the family name first (田中 太郎) are said whole.
  if (/\d|@/.test(name) || !/\p{Script=Latin}/u.test(name) || /^(speaker|participant|guest|caller|user|attendee)$/i.test(first)) return name;
  const shared = speakers.some((other) => other !== name && firstName(other).toLowerCase() === first.toLowerCase());
  return shared ? name : first;
}

function at(seconds: number | null): string {
  return seconds === null ? '' : `${durationText(seconds)}  `;
}
