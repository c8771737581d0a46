/**
 * `repcoach listen <transcript>`: the conversation mirror (issue 12). Reads a
 * meeting transcript (Zoom, Teams, SRT, Otter, Meet JSON, "Name: text"),
 * works out the manager's conversation habits and shows them beside their
 * targets. `--session` attaches the figures (never the transcript) to a
 * session: the note's part for the manager, `show` and `stats` then carry
 * them. Everything is local; nothing is sent anywhere.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { println, type CommandContext } from '../config/context.ts';
import { openSettings, type Settings } from '../config/settings.ts';
import { sealerFor } from '../crypto/keyring.ts';
import { encodeDataText, readDataText } from '../crypto/vault.ts';
import type { Figures } from '../listen/figures.ts';
import { foldJournal, type ListenEntry, type ListenRecord } from '../model/journal.ts';
import { sessionDate } from '../model/summary.ts';
import { rescueSettings } from '../mirror/settings.ts';
import { findSession, openSession, type LoadedSession } from '../store/store.ts';
import { UserError } from '../util/errors.ts';
import { ensureDir, FILE_MODE, writeFileAtomic } from '../util/fs.ts';
import { safeText } from '../util/term.ts';
import { chalkFor, loadRows, printJson, todayOf } from './shared/lookback.ts';

export interface ListenOptions {
  file: string;
  manager?: string | undefined;
  rep?: string | undefined;
  session?: string | undefined;
  json?: boolean | undefined;
  /** Keep a copy of the transcript in the data folder (0600, encrypted when encryption is on). */
  keep?: boolean | undefined;
}

/** A two-hour meeting's transcript is well under 1 MB: anything past this is not one. */
export const MAX_TRANSCRIPT_BYTES = 20 * 1024 * 1024;

export async function listen(ctx: CommandContext, opts: ListenOptions): Promise<void> {
  const shown = opts.file;
  const file = path.resolve(ctx.cwd, opts.file);
  const bytes = await readTranscript(file, shown);
  const lib = await import('../listen/index.ts');
  const text = lib.decodeTranscript(bytes, shown);
  const transcript = await lib.parseTranscript(text, shown);
  const settings = await openSettings(ctx.paths);
  let session = opts.session ? await findSession(ctx.paths, opts.session) : undefined;
  const manager = opts.manager ?? session?.state.start.manager ?? settings.get('manager');
  // The session's rep is the rep, when the transcript names them.
  let rep = opts.rep;
  if (!rep && session) {
    const repName = session.state.start.rep.name;
    if (!transcript.cues.some((c) => c.speaker !== null && lib.nameMatches(repName, c.speaker))) {
      // Another rep's conversation must not go into this rep's note and figures.
      const speakers = [...new Set(transcript.cues.flatMap((c) => (c.speaker === null ? [] : [c.speaker])))];
      throw new UserError(
        `Session ${session.state.start.id} is with ${repName}, and no speaker in ${shown} is ${repName} (speakers: ${speakers.join(', ')}). Nothing was attached.`,
        `Check that this is that session's transcript; if it writes ${repName} another way, say which speaker they are: --rep "<name as the transcript writes it>".`,
      );
    }
    rep = repName;
  }
  const figures = lib.computeFigures(transcript.cues, transcript.format, { manager, rep, file: shown, rescue: rescueSettings(settings) });

  let attached = false;
  let noteLine: string | undefined;
  let kept: string | undefined;
  if (opts.keep) kept = await keepTranscript(ctx, bytes, text, shown, session?.state.start.id);
  if (session) {
    const entry: ListenEntry = {
      type: 'listen',
      at: ctx.now().toISOString(),
      transcript: { name: path.basename(shown), format: transcript.format, ...(kept ? { kept: path.relative(ctx.paths.data, kept) } : {}) },
      figures: stored(figures),
    };
    noteLine = await attach(ctx, session, entry, settings);
    attached = true;
  } else if (figures.rep) {
    session = await todaysSession(ctx, settings, figures.rep.name, lib.nameMatches);
  }

  const sessionJson = session
    ? { id: session.state.start.id, rep: session.state.start.rep.name, started: session.state.start.at, attached }
    : null;
  if (opts.json) {
    printJson(ctx, { file: shown, ...jsonFigures(figures), targets: lib.TARGETS, session: sessionJson, kept: kept ?? null, note: 'Conversation habits, not a score of the person.' });
    return;
  }
  const c = chalkFor(ctx);
  let sessionText: string | undefined;
  if (session) {
    const s = session.state.start;
    const when = sessionDate(s.at) === todayOf(ctx) ? 'today' : sessionDate(s.at);
    sessionText = attached
      ? `Session ${s.id} with ${safeText(s.rep.name)} (${when}): figures attached; see \`repcoach show ${s.id}\`.`
      : `For session ${s.id} with ${safeText(s.rep.name)} (today). Attach the figures to it:\n  repcoach listen ${safeText(shown)} --session ${s.id}`;
  }
  const lines = (await import('../listen/render.ts')).renderFigures(figures, { file: shown, session: sessionText }, {
    bold: (s) => c.bold(s),
    dim: (s) => c.dim(s),
    good: (s) => c.green(s),
    warn: (s) => c.yellow.bold(s),
    safe: safeText,
  });
  for (const l of lines) println(ctx.stdout, l);
  if (noteLine) println(ctx.stdout, c.dim(noteLine));
  if (kept) println(ctx.stdout, c.dim(`The transcript is kept at ${safeText(kept)} (readable by you only).`));
}

async function readTranscript(file: string, shown: string): Promise<Buffer> {
  let size: number;
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw new UserError(`${shown} is a folder, not a transcript.`, 'Pass the transcript file the meeting app exported (.vtt, .srt, .txt or .json).');
    size = st.size;
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`No file ${shown}.`, 'Pass the transcript file the meeting app exported (.vtt, .srt, .txt or .json).');
    throw new UserError(`${shown} cannot be read: ${(err as Error).message}.`);
  }
  if (size > MAX_TRANSCRIPT_BYTES) {
    throw new UserError(
      `${shown} is ${(size / 1024 / 1024).toFixed(1)} MB: repcoach reads transcripts of up to 20 MB.`,
      'A two-hour meeting’s transcript is well under 1 MB: check that this is the transcript, not the recording.',
    );
  }
  try {
    return await readFile(file);
  } catch (err) {
    throw new UserError(`${shown} cannot be read: ${(err as Error).message}.`);
  }
}

/** What a session keeps: the figures and the manager's flagged sentences, never a word of the rep's. */
export function stored(f: Figures): ListenRecord {
  const m = f.manager;
  return {
    shareBy: f.shareBy,
    durationSeconds: f.durationSeconds,
    speakers: f.speakers.map((s) => ({ name: s.name, role: s.role, seconds: s.seconds, words: s.words, share: s.share })),
    manager: {
      name: m.name,
      talkShare: m.talkShare,
      questions: m.questions,
      openQuestions: m.openQuestions,
      questionsPerMinute: m.questionsPerMinute,
      reflections: m.reflections,
      reflectionToQuestion: m.reflectionToQuestion,
      longestMonologueSeconds: m.longestMonologueSeconds,
      adviceBeforeInquiry: m.adviceBeforeInquiry,
      firstAdvice: m.adviceBeforeInquiry ? m.firstAdvice : null,
      rescue: m.rescue,
    },
    rep: f.rep ? { name: f.rep.name, talkShare: f.rep.talkShare, longestStretchSeconds: f.rep.longestStretchSeconds } : null,
  };
}

/** The figures as --json gives them: the manager's sentences may appear, the rep's never do. */
function jsonFigures(f: Figures) {
  return {
    format: f.format,
    shareBy: f.shareBy,
    durationSeconds: f.durationSeconds,
    cues: f.cues,
    speakers: f.speakers,
    unattributed: f.unattributed,
    manager: f.manager,
    rep: f.rep,
    warnings: f.warnings,
    notes: f.notes,
  };
}

/**
 * Append the figures to the session's journal (under its lock, encrypted as
 * the journal is), and write its note again when it is still as repcoach
 * wrote it; a note edited by hand is left alone. Returns a line about the note.
 */
async function attach(ctx: CommandContext, loaded: LoadedSession, entry: ListenEntry, settings: Settings): Promise<string | undefined> {
  const { session, loaded: fresh } = await openSession(ctx.paths, loaded.file);
  try {
    await session.append(entry);
    const notePath = fresh.state.notePath;
    if (!notePath || fresh.state.status !== 'done') return undefined;
    const { renderNote } = await import('../note/render.ts');
    const rescue = rescueSettings(settings);
    let text: string;
    try {
      text = await readDataText(notePath);
    } catch {
      return `The note ${safeText(notePath)} was not found: the figures are in \`repcoach show ${fresh.id}\`.`;
    }
    if (text !== renderNote(fresh.state, { rescue })) {
      return `The note ${safeText(notePath)} was edited by hand, so it is left as it is: the figures are in \`repcoach show ${fresh.id}\`.`;
    }
    const after = foldJournal([...fresh.entries, entry]);
    after.notePath = notePath;
    await writeFileAtomic(notePath, encodeDataText(renderNote(after, { rescue }), await session.sealer()));
    return `The note ${safeText(notePath)} now has the figures in its part for you only.`;
  } finally {
    await session.close();
  }
}

/** The newest session held today with this rep (by name, leniently), if any. */
async function todaysSession(ctx: CommandContext, settings: Settings, repName: string, matches: (a: string, b: string) => boolean): Promise<LoadedSession | undefined> {
  const rollup = await loadRows(ctx, settings);
  const today = todayOf(ctx);
  const row = rollup.rows.find((r) => !r.selfCheck && sessionDate(r.started) === today && matches(repName, rollup.reps[r.rep]?.name ?? ''));
  if (!row) return undefined;
  try {
    return await findSession(ctx.paths, row.id);
  } catch {
    return undefined;
  }
}

/**
 * --keep: the transcript's bytes in the data folder's transcripts/, readable
 * by the manager only, encrypted when encryption is on.
 */
async function keepTranscript(ctx: CommandContext, bytes: Buffer, text: string, shown: string, sessionId: string | undefined): Promise<string> {
  const dir = path.join(ctx.paths.data, 'transcripts');
  await ensureDir(dir);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
  const base = path.basename(shown).replace(/[^\p{L}\p{N}._-]+/gu, '-');
  const target = path.join(dir, `${sessionId ?? sessionDate(ctx.now().toISOString())}-${hash}-${base}`);
  const sealer = await sealerFor(ctx.paths);
  const data = sealer ? encodeDataText(text, sealer) : bytes;
  await writeFileAtomic(target, data, { mode: FILE_MODE });
  return target;
}
