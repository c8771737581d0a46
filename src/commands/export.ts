/**
 * `repcoach export`: sessions as markdown notes (the run's renderer and file
 * names: exporting again replaces, never duplicates) or JSON records, into a
 * folder or to stdout; `--ics` writes the open commitments' due dates as
 * calendar events.
 */
import { plural } from '../util/sentence.ts';
import path from 'node:path';
import { UsageError, UserError } from '../util/errors.ts';
import { commitIfEnabled } from '../note/git.ts';
import { renderCalendar, type CalendarEvent } from '../note/ics.ts';
import { exportText, writeAll, type Planned } from '../note/bulk.ts';
import { noteName } from '../note/write.ts';
import type { RescueOptions } from '../rescue/detect.ts';
import { rescueSettings } from '../mirror/settings.ts';
import { findRep } from '../report/reps.ts';
import { isOpen, lastReviewed, outcomesOfAll, ownerText, type Commitment } from '../model/commitments.ts';
import { sessionRecord } from '../note/record.ts';
import { journalOf, loadSession } from '../store/store.ts';
import { sessionDate, type SessionSummary } from '../model/summary.ts';
import { notesDir, openSettings, type Settings } from '../config/settings.ts';
import { dateRange, inRange } from '../util/dates.ts';
import { isInside, writeFileAtomic } from '../util/fs.ts';
import { readMarker } from '../crypto/keyring.ts';
import { safeJson, safeText } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';
import { loadLookback } from './shared/lookback.ts';

declare const __VERSION__: string | undefined;

export interface ExportOptions {
  sessions: string[];
  rep?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  all?: boolean;
  out?: string | undefined;
  format?: string | undefined;
  stdout?: boolean;
  ics?: string | undefined;
  forRep?: boolean;
}

const FORMATS = ['markdown', 'json'] as const;
type Format = (typeof FORMATS)[number];

export async function exportNotes(ctx: CommandContext, opts: ExportOptions): Promise<void> {
  const format = (opts.format ?? 'markdown') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be markdown or json, not ${JSON.stringify(opts.format)}.`);
  if (opts.out !== undefined && opts.stdout) throw new UsageError('Choose one of --out <folder> and --stdout.');
  if (opts.out === undefined && !opts.stdout && opts.ics === undefined) {
    throw new UsageError('Where to? Give --out <folder>, --stdout, or --ics <file>.', 'For example: repcoach export --all --out ~/notes/coaching');
  }
  const range = dateRange(opts, ctx.now());
  if (opts.sessions.length === 0 && !opts.all && opts.rep === undefined && range.since === undefined && range.until === undefined) {
    throw new UsageError('Which sessions? Give session ids, --rep <name>, --since/--until, or --all.', 'For example: repcoach export --rep "Sam Lee" --out ./notes');
  }

  const settings = await openSettings(ctx.paths);
  const encrypted = Boolean(await readMarker(ctx.paths));
  if (encrypted && opts.out !== undefined) {
    // An export is plain text by purpose (to paste, to share); written over the encrypted notes it would undo encryption.
    const out = path.resolve(ctx.cwd, opts.out);
    for (const own of [notesDir(settings, ctx.paths), ctx.paths.data]) {
      if (isInside(own, out)) {
        throw new UsageError(
          `Encryption is on: exporting into ${own} would put plain-text notes where the encrypted ones are.`,
          'Export to another folder (the notes there are not encrypted), or read a note with `repcoach show <id>`.',
        );
      }
    }
  }
  const plan = await planExport(ctx, settings, opts, range);
  const info = (text: string) => println(opts.stdout ? ctx.stderr : ctx.stdout, text);
  // Issue 15: with encryption on, say plainly that what leaves repcoach is not encrypted.
  if (encrypted) println(ctx.stderr, 'Note: encryption is on, but exported files and output are not encrypted (files are readable by you only): keep them somewhere as private.');
  // The manager's rescue check uses their own phrases too, as the run's note did; the rep's copy has none.
  const rescue = opts.forRep ? undefined : rescueSettings(settings);

  if (opts.stdout) await writeToStdout(ctx, plan.sessions, format, Boolean(opts.forRep), rescue);

  if (opts.out !== undefined) {
    const out = path.resolve(ctx.cwd, opts.out);
    const written = await writeAll(out, plan.sessions, format, Boolean(opts.forRep), rescue);
    info(`Exported ${plural(written.length, format === 'json' ? 'record' : 'note')} to ${out}`);
    if (out === notesDir(settings, ctx.paths)) {
      await commitIfEnabled(
        settings.get('notes.git'),
        out,
        written,
        `Export ${written.length} coaching ${written.length === 1 ? 'note' : 'notes'}`,
        (w) => println(ctx.stderr, `warning: ${safeText(w)}`),
        { env: ctx.env, author: settings.get('manager') },
      );
    }
  }

  if (opts.ics !== undefined) {
    const file = path.resolve(ctx.cwd, opts.ics);
    await writeFileAtomic(file, renderCalendar(plan.events, { now: ctx.now(), productVersion: version(), name: 'Coaching follow-ups' }));
    info(`Wrote ${plan.events.length} follow-up ${plan.events.length === 1 ? 'event' : 'events'} to ${file}`);
  }
}

/**
 * Which sessions, oldest first (the order notes were first written in, so the
 * same session always gets the same name), and the calendar events. Only this
 * plan outlives the call: the summaries of the whole store can be freed
 * before thousands of notes are rendered.
 */
async function planExport(
  ctx: CommandContext,
  settings: Settings,
  opts: ExportOptions,
  range: { since?: string | undefined; until?: string | undefined },
): Promise<{ sessions: Planned[]; events: CalendarEvent[] }> {
  const { summaries, commitments } = await loadLookback(ctx, settings);
  const selected = select(summaries, opts, range);
  selected.sort((a, b) => (a.started < b.started ? -1 : a.started > b.started ? 1 : a.id < b.id ? -1 : 1));
  const outcomes = outcomesOfAll(commitments);
  const ext = opts.format === 'json' ? '.json' : '.md';
  return {
    sessions: selected.map((s) => ({ id: s.id, journal: journalOf(ctx.paths, s), name: noteName(s.rep.slug, s.started, s.playbook.id, ext), outcomes: outcomes.get(s.id) })),
    events: opts.ics === undefined ? [] : calendarEvents(selected, commitments, Boolean(opts.forRep)),
  };
}

function version(): string {
  return typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
}

function select(summaries: readonly SessionSummary[], opts: ExportOptions, range: { since?: string | undefined; until?: string | undefined }): SessionSummary[] {
  // Newest first: the name as last given wins.
  const reps = new Map<string, SessionSummary['rep']>();
  for (const s of summaries) if (!reps.has(s.rep.slug)) reps.set(s.rep.slug, s.rep);
  const rep = opts.rep === undefined ? undefined : findRep(opts.rep, [...reps.values()]);
  let chosen: SessionSummary[];
  if (opts.sessions.length > 0) {
    chosen = [];
    for (const ref of opts.sessions) {
      const matches = summaries.filter((s) => s.id === ref || s.id.startsWith(ref));
      const exact = matches.find((s) => s.id === ref);
      if (exact) chosen.push(exact);
      else if (matches.length === 1 && matches[0]) chosen.push(matches[0]);
      else if (matches.length > 1) throw new UserError(`"${ref}" matches ${matches.length} sessions.`, 'Give more of the id.');
      else throw new UserError(`No session "${ref}".`, 'Run `repcoach history` to see the ids.');
    }
    chosen = [...new Map(chosen.map((s) => [s.id, s])).values()];
  } else {
    chosen = [...summaries];
  }
  return chosen.filter((s) => (!rep || s.rep.slug === rep.slug) && inRange(sessionDate(s.started), range));
}

async function writeToStdout(ctx: CommandContext, planned: readonly Planned[], format: Format, forRep: boolean, rescue: RescueOptions | undefined): Promise<void> {
  const write = (text: string) => new Promise<void>((resolve) => (ctx.stdout.write(text) ? resolve() : ctx.stdout.once('drain', resolve)));
  if (format === 'json') await write('{\n"sessions": [\n');
  let first = true;
  for (const p of planned) {
    const loaded = await loadSession(p.journal);
    if (format === 'json') await write(`${first ? '' : ',\n'}${safeJson(sessionRecord(loaded.state, { outcomes: p.outcomes, forRep, note: null, rescue }))}`);
    else await write(`${first ? '' : '\n'}${exportText(loaded.state, format, forRep, p.outcomes, rescue)}`);
    first = false;
  }
  if (format === 'json') await write('\n]\n}\n');
}

/**
 * One all-day event per open commitment with a due date, from the selected
 * sessions. `forRep`: the rep's calendar (`--for-rep`): the manager's own
 * commitments (ActionItem.private) and the coaching tip are left out, and the
 * owner is said from the rep's side.
 */
export function calendarEvents(selected: readonly SessionSummary[], commitments: readonly Commitment[], forRep = false): CalendarEvent[] {
  const ids = new Set(selected.map((s) => s.id));
  return commitments
    .filter((c) => ids.has(c.session) && isOpen(c.status) && c.item.due !== undefined && !(forRep && c.item.private))
    .sort((a, b) => (a.item.due ?? '').localeCompare(b.item.due ?? '') || a.key.localeCompare(b.key))
    .map((c) => {
      const description = forRep
        ? [
            `${c.item.what}`,
            `Owner: ${c.item.owner === 'rep' ? 'you' : c.item.owner === 'both' ? 'you and your manager' : 'your manager'}. Agreed on ${sessionDate(c.agreed)}.`,
            lastReviewed(c) ?? 'Not reviewed yet.',
          ]
        : [
            `${c.item.what}`,
            `Owner: ${ownerText(c)}. Agreed with ${c.rep.name} on ${sessionDate(c.agreed)} (session ${c.session}).`,
            lastReviewed(c) ?? 'Not reviewed yet.',
            `Ask ${c.rep.name} how it went; don't take it over.`,
          ];
      return {
        uid: `${c.session}-${c.item.id}@repcoach`,
        date: c.item.due ?? '',
        summary: forRep ? c.item.what : `${c.rep.name}: ${c.item.what}`,
        description: description.join('\n'),
        categories: ['Coaching', c.rep.name],
      };
    });
}
