/**
 * Writing many notes (or JSON records) into a folder, for `repcoach export`:
 * the run's renderer and file names, sessions that share a name written
 * oldest first (so the same session always gets the same name), each file
 * atomic, each folder synced once at the end.
 *
 * Worker threads were tried for 10,000 notes: on two cores they gained little
 * and each thread's heap pushed the peak memory over 200 MB, so notes are
 * rendered on one thread and only the file writes go to the thread pool.
 */
import { safeJson } from '../util/term.ts';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RescueOptions } from '../rescue/detect.ts';
import type { CommitmentOutcome } from '../model/commitments.ts';
import type { SessionState } from '../model/journal.ts';
import { sessionRecord } from './record.ts';
import { loadSession } from '../store/store.ts';
import { ensureDir, syncDir, writeFileAtomicInBulk } from '../util/fs.ts';
import { renderNote } from './render.ts';
import { notePathFor } from './write.ts';

export type BulkFormat = 'markdown' | 'json';

/** One session to write: its note's name relative to the folder (noteName), and how its actions went later. */
export interface Planned {
  id: string;
  /** Its journal (journalOf: the file a summary names, not always `<id>.jsonl`). */
  journal: string;
  name: string;
  outcomes: ReadonlyMap<string, readonly CommitmentOutcome[]> | undefined;
}

interface BulkJob {
  out: string;
  format: BulkFormat;
  forRep: boolean;
  rescue: RescueOptions | undefined;
  /** Sessions sharing a name, oldest first; groups are independent of each other. */
  groups: Planned[][];
  /** Files already in the folder. */
  existing: string[];
}

/** Writes in flight while the next notes are rendered: enough to keep the thread pool busy, few enough to stay light. */
const IN_FLIGHT = 8;

/** `rescue`: the rescue phrases from settings, for the manager's rescue check (not in the rep's copy). */
export function exportText(state: SessionState, format: BulkFormat, forRep: boolean, outcomes: Planned['outcomes'], rescue?: RescueOptions): string {
  return format === 'json'
    ? safeJson(sessionRecord(state, { outcomes, forRep, note: null, rescue }), 2) + '\n'
    : renderNote(state, { forRep, outcomes, rescue });
}

/**
 * Write every group of a job; returns the files written. Folders are not synced here.
 * Notes are rendered one after another on this thread while up to IN_FLIGHT files
 * are being created on the thread pool. A session that shares its name with an
 * earlier one waits for every write before it: which name it gets depends on the
 * files already there.
 */
async function writeGroups(job: BulkJob): Promise<string[]> {
  const ext = job.format === 'json' ? '.json' : '.md';
  const existing = new Set(job.existing);
  const written: string[] = [];
  const writing = new Set<Promise<void>>();
  let failed: unknown;
  const settle = async () => {
    await Promise.allSettled(writing);
    if (failed !== undefined) throw failed;
  };
  for (const group of job.groups) {
    for (const [i, p] of group.entries()) {
      if (i > 0) await settle();
      const loaded = await loadSession(p.journal);
      const text = exportText(loaded.state, job.format, job.forRep, p.outcomes, job.rescue);
      let file = path.join(job.out, p.name);
      let current = existing.has(file) ? readText(file) : undefined;
      // A different file holds the name: this session's older note, or another session's (then the name takes the id).
      if (current !== undefined && current !== text) {
        const own = await notePathFor(job.out, loaded.state, ext);
        if (own !== file) current = existing.has(own) ? readText(own) : undefined;
        file = own;
      }
      existing.add(file);
      written.push(file);
      // Exporting again: a note that is already there as it would be written is left alone.
      if (current === text) continue;
      const w = writeFileAtomicInBulk(file, text, { replacing: current !== undefined }).then(
        () => void writing.delete(w),
        (err: unknown) => {
          writing.delete(w);
          failed ??= err;
        },
      );
      writing.add(w);
      if (writing.size >= IN_FLIGHT) await Promise.race(writing);
      if (failed !== undefined) await settle();
    }
  }
  await settle();
  return written;
}

/** The file's text; undefined when it cannot be read (then it is written anew). */
function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Write `planned` (oldest first) into `out`; returns the files written. */
export async function writeAll(
  out: string,
  planned: readonly Planned[],
  format: BulkFormat,
  forRep: boolean,
  rescue?: RescueOptions,
): Promise<string[]> {
  const groups = new Map<string, Planned[]>();
  for (const p of planned) {
    const group = groups.get(p.name);
    if (group) group.push(p);
    else groups.set(p.name, [p]);
  }
  const existing: string[] = [];
  for (const folder of new Set([...groups.keys()].map((name) => path.dirname(name)))) {
    const dir = path.join(out, folder);
    try {
      for (const n of readdirSync(dir)) existing.push(path.join(dir, n));
    } catch {
      // Not there yet: nothing to replace.
    }
    await ensureDir(dir);
  }
  const written = await writeGroups({ out, format, forRep, rescue, existing, groups: [...groups.values()] });
  for (const dir of new Set(written.map((f) => path.dirname(f)))) await syncDir(dir);
  return written;
}
