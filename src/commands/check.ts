/**
 * `repcoach check [file | -]`: flag rescue language in any text (an email
 * draft to the rep, a note, a plan). Exit 0 when nothing is flagged, 3 when
 * something is (ExitCode.flagged), so scripts and hooks can use it.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Chalk } from 'chalk';
import { ExitCode, UsageError, UserError } from '../util/errors.ts';
import { readTextFile, resolvePlaybook } from '../playbook/load.ts';
import { detectRescue, type RescueOptions } from '../rescue/detect.ts';
import { markFindings } from '../rescue/format.ts';
import { rescueSettings } from '../mirror/settings.ts';
import { openSettings } from '../config/settings.ts';
import { safeJson, safeText } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';

export interface CheckOptions {
  /** A path, "-" for standard input, or undefined (standard input when it is not a terminal). */
  file?: string | undefined;
  json: boolean;
  /** Add this playbook's own rescue lists. */
  playbook?: string | undefined;
  /** The deal or the buyer's company: "I'll call Acme" is then going to the buyer. */
  deal?: string | undefined;
  /** Where "-" reads from; the process's standard input unless a test says otherwise. */
  stdin?: NodeJS.ReadableStream | undefined;
}

/** Enough for any email or note; more is almost certainly the wrong file. */
const MAX_BYTES = 1024 * 1024;

/**
 * How wide text is on screen. string-width costs some 30 ms to load, more than
 * the rest of `check` on one sentence (issue 13: within 2x of `node -e 0`), and
 * plain ASCII takes one column a character, so it is loaded only for other text.
 */
async function columns(text: string): Promise<(s: string) => number> {
  if (/^[\x20-\x7e\r\n]*$/.test(text)) return (s) => s.length;
  const { textWidth } = await import('../util/width.ts');
  return textWidth;
}

/** Returns the exit code: 0 when nothing is flagged, 3 when something is. */
export async function check(ctx: CommandContext, opts: CheckOptions): Promise<number> {
  const { text, source } = await readInput(ctx, opts);
  const options = await checkOptions(ctx, opts);
  const findings = detectRescue(text, options);
  const located = findings.map((f) => ({ ...f, ...lineAndColumn(text, f.start) }));

  if (opts.json) {
    const out = located.map(({ line, column, start, end, words, category, title, reason, alternative, offer }) => ({
      line,
      column,
      start,
      end,
      words,
      category,
      title,
      reason,
      alternative,
      offer,
    }));
    println(ctx.stdout, safeJson({ source, flagged: out.length, findings: out }, 2));
    return out.length > 0 ? ExitCode.flagged : ExitCode.ok;
  }

  const c = new Chalk({ level: ctx.color });
  const lines = text.split('\n');
  const textWidth = await columns(located.length > 0 && ctx.color === 0 ? text : '');
  for (const f of located) {
    const lineText = (lines[f.line - 1] ?? '').replace(/\r$/, '');
    // A finding never spans lines: a line break ends a sentence.
    const here = { start: f.column - 1, end: f.column - 1 + (f.end - f.start) };
    println(ctx.stdout, `${c.bold(`${safeText(source)}:${f.line}:${f.column}`)}  ${c.magenta.bold(f.title)}${f.offer ? c.dim(' (an offer)') : ''}`);
    const gutter = `${String(f.line).padStart(4)} │ `;
    if (ctx.color > 0) {
      println(ctx.stdout, c.dim(gutter) + markFindings(lineText, [here], (w) => c.red.bold.underline(w)));
    } else {
      // Without colour, a row of carets under the words.
      const visible = safeText(lineText);
      println(ctx.stdout, gutter + visible);
      // Columns, not code units: carets stay under the words after an emoji or a CJK name.
      const lead = textWidth(safeText(lineText.slice(0, f.column - 1)));
      const width = Math.max(1, textWidth(safeText(f.words)));
      println(ctx.stdout, `${' '.repeat(4)} │ ${' '.repeat(lead)}${'^'.repeat(width)}`);
    }
    println(ctx.stdout, `  ${c.bold('Why:')} ${safeText(f.reason)}`);
    println(ctx.stdout, `  ${c.green.bold('Instead:')} ${safeText(f.alternative)}`);
    println(ctx.stdout);
  }
  const n = located.length;
  println(
    ctx.stdout,
    n === 0
      ? c.green(`No rescue language found in ${safeText(source)}.`)
      : c.yellow(`${n} possible ${n === 1 ? 'rescue' : 'rescues'} in ${safeText(source)}: keep the deal with the rep.`),
  );
  return n > 0 ? ExitCode.flagged : ExitCode.ok;
}

async function checkOptions(ctx: CommandContext, opts: CheckOptions): Promise<RescueOptions> {
  const settings = await openSettings(ctx.paths);
  const fromSettings = rescueSettings(settings);
  const lists = opts.playbook ? (await resolvePlaybook(opts.playbook, ctx.paths, ctx.cwd, ctx.env)).playbook.rescue : undefined;
  return {
    phrases: [...(fromSettings.phrases ?? []), ...(lists?.phrases ?? [])],
    support: [...(fromSettings.support ?? []), ...(lists?.support ?? [])],
    buyers: opts.deal?.trim() ? [opts.deal.trim()] : [],
  };
}

async function readInput(ctx: CommandContext, opts: CheckOptions): Promise<{ text: string; source: string }> {
  if (opts.file === '-' || (opts.file === undefined && !ctx.stdinIsTTY)) {
    return { text: await readStream(opts.stdin ?? process.stdin), source: '<stdin>' };
  }
  if (opts.file === undefined) {
    throw new UsageError(
      'What should be checked? Give a file, or pipe the text in.',
      'For example: repcoach check draft-email.txt   or   pbpaste | repcoach check -',
    );
  }
  const file = path.resolve(ctx.cwd, opts.file);
  // Issue 10: a text to check is no playbook; a missing one is not helped by `playbook list`.
  const missing = await stat(file).then(
    () => false,
    (err: NodeJS.ErrnoException) => err.code === 'ENOENT' || err.code === 'ENOTDIR',
  );
  if (missing) {
    throw new UserError(
      `File not found: ${file}.`,
      `Check the path, or give the text on standard input: repcoach check - < draft.txt   or   pbpaste | repcoach check -`,
    );
  }
  return { text: await readTextFile(file, 'text file', MAX_BYTES), source: opts.file };
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_BYTES) throw new UserError(`The text on standard input is over ${MAX_BYTES / 1024} KiB; check a smaller piece.`);
    chunks.push(buf);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)).replace(/^\uFEFF/, '');
  } catch {
    throw new UserError('The text on standard input is not UTF-8.', 'Save it as UTF-8 and try again.');
  }
}

/** 1-based line and column (in characters) of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}
