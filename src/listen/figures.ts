/**
 * The figures of one conversation (issue 12): who talked how much, and the
 * manager's habits — questions, open questions, reflections, the longest
 * monologue, advice before inquiry, rescue language. Pure: cues in, figures
 * out. The JSON names of `speakers` and `manager` are a contract.
 */
import { UserError } from '../util/errors.ts';
import { detectRescue, type RescueOptions } from '../rescue/detect.ts';
import { isAdvice, isInquiry, isOpenQuestion, isQuestion, isReflection, splitSentences } from './habits.ts';
import { countWords, type Cue, type TranscriptFormat } from './model.ts';
import { assignRoles, speakerTotals, type Role } from './speakers.ts';
import { TARGETS } from './targets.ts';
import { durationText } from '../util/dates.ts';

interface SpeakerFigures {
  name: string;
  role: Role;
  seconds: number | null;
  words: number;
  /** Of all named speakers' talk, 0 to 1: by seconds where cues have times, by words otherwise. */
  share: number;
}

interface Moment {
  /** The manager's sentence, as said. */
  text: string;
  /** Seconds from the start (the cue's start); null where the format has no times. */
  at: number | null;
}

interface ManagerFigures {
  name: string;
  talkShare: number;
  sentences: number;
  questions: number;
  openQuestions: number;
  /** Questions a minute of the conversation; null without times. */
  questionsPerMinute: number | null;
  reflections: number;
  /** Reflections per question; null when no question was asked. */
  reflectionToQuestion: number | null;
  longestMonologueSeconds: number | null;
  /** Words of the longest turn, for transcripts without times. */
  longestMonologueWords: number;
  adviceBeforeInquiry: boolean;
  firstAdvice: Moment | null;
  firstInquiry: Moment | null;
  rescue: Moment[];
}

interface RepFigures {
  name: string;
  talkShare: number;
  longestStretchSeconds: number | null;
  longestStretchWords: number;
}

interface Warning {
  figure: 'talkShare' | 'longestMonologueSeconds' | 'adviceBeforeInquiry' | 'reflectionToQuestion' | 'rescue';
  message: string;
}

/**
 * What a session keeps of the figures (`listen --session`, the journal's listen
 * entry): the figures and the manager's flagged sentences, never the rep's words.
 */
export interface StoredFigures {
  shareBy: Figures['shareBy'];
  durationSeconds: Figures['durationSeconds'];
  speakers: Array<Pick<SpeakerFigures, 'name' | 'role' | 'seconds' | 'words' | 'share'>>;
  manager: Pick<
    ManagerFigures,
    | 'name'
    | 'talkShare'
    | 'questions'
    | 'openQuestions'
    | 'questionsPerMinute'
    | 'reflections'
    | 'reflectionToQuestion'
    | 'longestMonologueSeconds'
    | 'adviceBeforeInquiry'
    | 'firstAdvice'
    | 'rescue'
  >;
  rep: Pick<RepFigures, 'name' | 'talkShare' | 'longestStretchSeconds'> | null;
}

export interface Figures {
  format: TranscriptFormat;
  /** "seconds" when every cue has a start and an end, else "words". */
  shareBy: 'seconds' | 'words';
  durationSeconds: number | null;
  cues: number;
  speakers: SpeakerFigures[];
  /** Cues with no speaker: counted here, left out of shares. */
  unattributed: { cues: number; seconds: number | null; words: number };
  manager: ManagerFigures;
  rep: RepFigures | null;
  warnings: Warning[];
  /** What was guessed about who is who. */
  notes: string[];
}

export interface FigureOptions {
  manager: string | undefined;
  rep?: string | undefined;
  /** The file's name, for messages. */
  file: string;
  rescue?: RescueOptions | undefined;
}

interface Turn {
  speaker: string | null;
  cues: Cue[];
}

/** Consecutive cues of one speaker are one turn. */
function turnsOf(cues: readonly Cue[]): Turn[] {
  const turns: Turn[] = [];
  for (const c of cues) {
    const last = turns[turns.length - 1];
    if (last && last.speaker === c.speaker) last.cues.push(c);
    else turns.push({ speaker: c.speaker, cues: [c] });
  }
  return turns;
}

const round = (x: number, places = 4) => Math.round(x * 10 ** places) / 10 ** places;

/**
 * How long a turn's speaker spoke: the sum of its cues' times, so a pause or a
 * sound left out between two cues ("[music]") is not talk, and no turn is
 * longer than its speaker's talk time.
 */
function turnSeconds(t: Turn): number | null {
  let sum = 0;
  for (const c of t.cues) {
    if (c.start === null || c.end === null) return null;
    sum += Math.max(0, c.end - c.start);
  }
  return sum;
}

/** Sentences of a turn, each with the start of the cue it begins in. */
function turnSentences(t: Turn): { text: string; at: number | null }[] {
  let text = '';
  const starts: { offset: number; at: number | null }[] = [];
  for (const c of t.cues) {
    if (text !== '') text += ' ';
    starts.push({ offset: text.length, at: c.start });
    text += c.text;
  }
  return splitSentences(text).map((s) => {
    let at: number | null = null;
    for (const st of starts) if (st.offset <= s.offset) at = st.at;
    return { text: s.text, at };
  });
}

export function computeFigures(cues: readonly Cue[], format: TranscriptFormat, opts: FigureOptions): Figures {
  const timed = cues.length > 0 && cues.every((c) => c.start !== null && c.end !== null);
  const words = new Map<Cue, number>(cues.map((c) => [c, countWords(c.text)]));
  const totals = speakerTotals(cues, timed, (c) => words.get(c) ?? 0);
  if (totals.length === 0) {
    throw new UserError(
      `No one is named in ${opts.file}: its cues carry no speakers, so there is no telling the manager from the rep.`,
      'Export the transcript with speaker names (Zoom: "Add participant names"; Teams and Meet name speakers by default).',
    );
  }
  const who = assignRoles(totals, opts.manager, opts.rep, opts.file);
  const weight = (s: { seconds: number | null; words: number }) => (timed ? (s.seconds ?? 0) : s.words);
  const whole = totals.reduce((a, s) => a + weight(s), 0);
  const speakers: SpeakerFigures[] = totals.map((s) => ({
    name: s.name,
    role: who.roles.get(s.name) ?? 'other',
    seconds: s.seconds === null ? null : round(s.seconds, 3),
    words: s.words,
    share: whole > 0 ? round(weight(s) / whole) : 0,
  }));
  const unnamed = cues.filter((c) => c.speaker === null);
  const unattributed = {
    cues: unnamed.length,
    seconds: timed ? round(unnamed.reduce((a, c) => a + (c.end ?? 0) - (c.start ?? 0), 0), 3) : null,
    words: unnamed.reduce((a, c) => a + (words.get(c) ?? 0), 0),
  };
  const durationSeconds = timed ? round(Math.max(...cues.map((c) => c.end ?? 0)) - Math.min(...cues.map((c) => c.start ?? 0)), 3) : null;

  const turns = turnsOf(cues);
  const managerTurns = turns.filter((t) => t.speaker === who.manager);
  const repTurns = turns.filter((t) => t.speaker !== null && t.speaker === who.rep);
  const longest = (ts: Turn[]) => {
    const secs = ts.map(turnSeconds).filter((x): x is number => x !== null);
    const ws = ts.map((t) => t.cues.reduce((a, c) => a + (words.get(c) ?? 0), 0));
    return { seconds: timed ? round(Math.max(0, ...secs), 3) : null, words: Math.max(0, ...ws) };
  };

  let questions = 0;
  let open = 0;
  let reflections = 0;
  let sentences = 0;
  let firstAdvice: { text: string; at: number | null; n: number } | null = null;
  let firstInquiry: { text: string; at: number | null; n: number } | null = null;
  const rescue: Moment[] = [];
  for (const t of managerTurns) {
    for (const s of turnSentences(t)) {
      sentences++;
      if (isQuestion(s.text)) questions++;
      if (isOpenQuestion(s.text)) open++;
      if (isReflection(s.text)) reflections++;
      if (!firstInquiry && isInquiry(s.text)) firstInquiry = { ...s, n: sentences };
      if (!firstAdvice && isAdvice(s.text)) firstAdvice = { ...s, n: sentences };
      if (detectRescue(s.text, opts.rescue ?? {}).length > 0) rescue.push({ text: s.text, at: s.at === null ? null : round(s.at, 3) });
    }
  }
  const adviceBeforeInquiry = firstAdvice !== null && (firstInquiry === null || firstAdvice.n < firstInquiry.n);
  const managerShare = speakers.find((s) => s.role === 'manager')?.share ?? 0;
  const repSpeaker = speakers.find((s) => s.role === 'rep');
  const mLongest = longest(managerTurns);
  const rLongest = longest(repTurns);
  const moment = (m: { text: string; at: number | null } | null): Moment | null => (m ? { text: m.text, at: m.at === null ? null : round(m.at, 3) } : null);
  const manager: ManagerFigures = {
    name: who.manager,
    talkShare: managerShare,
    sentences,
    questions,
    openQuestions: open,
    questionsPerMinute: durationSeconds ? round(questions / (durationSeconds / 60), 2) : null,
    reflections,
    reflectionToQuestion: questions > 0 ? round(reflections / questions, 2) : null,
    longestMonologueSeconds: mLongest.seconds,
    longestMonologueWords: mLongest.words,
    adviceBeforeInquiry,
    firstAdvice: moment(firstAdvice),
    firstInquiry: moment(firstInquiry),
    rescue,
  };
  const rep: RepFigures | null = repSpeaker
    ? { name: repSpeaker.name, talkShare: repSpeaker.share, longestStretchSeconds: rLongest.seconds, longestStretchWords: rLongest.words }
    : null;
  return {
    format,
    shareBy: timed ? 'seconds' : 'words',
    durationSeconds,
    cues: cues.length,
    speakers,
    unattributed,
    manager,
    rep,
    warnings: warningsFor(manager),
    notes: who.notes,
  };
}

function warningsFor(m: ManagerFigures): Warning[] {
  const out: Warning[] = [];
  if (m.talkShare > TARGETS.talkShareWarn) {
    out.push({ figure: 'talkShare', message: `You talked ${pct(m.talkShare)} of the time: above ${pct(TARGETS.talkShareWarn)}; aim for ${pct(TARGETS.talkShareAim)} or less.` });
  }
  if (m.longestMonologueSeconds !== null && m.longestMonologueSeconds > TARGETS.monologueWarnSeconds) {
    out.push({ figure: 'longestMonologueSeconds', message: `Your longest stretch without a pause for the rep was ${durationText(m.longestMonologueSeconds)}: over ${durationText(TARGETS.monologueWarnSeconds)}.` });
  }
  if (m.adviceBeforeInquiry) {
    out.push({ figure: 'adviceBeforeInquiry', message: 'You gave advice before asking what the rep had already tried.' });
  }
  if (m.rescue.length > 0) {
    out.push({ figure: 'rescue', message: `${m.rescue.length} ${m.rescue.length === 1 ? 'sentence' : 'sentences'} took the deal over (rescue language).` });
  }
  if (m.questions > 0 && m.reflectionToQuestion !== null && m.reflectionToQuestion < TARGETS.reflectionToQuestionFair) {
    out.push({ figure: 'reflectionToQuestion', message: `${m.reflections} ${m.reflections === 1 ? 'reflection' : 'reflections'} to ${m.questions} ${m.questions === 1 ? 'question' : 'questions'}: below 1:1.` });
  }
  return out;
}

export const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * Whole percents of shares that add up to one, adding up to 100 (the largest
 * remainders round up): 37.5% and 62.5% are 38% and 62%, not 38% and 63%.
 */
export function wholePercents(shares: readonly number[]): number[] {
  const exact = shares.map((s) => s * 100);
  const out = exact.map(Math.floor);
  const total = exact.reduce((a, b) => a + b, 0);
  const missing = Math.round(total) - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < missing && k < order.length; k++) {
    const i = order[k]?.[1];
    if (i !== undefined) out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

