/**
 * The two indexes the look-back commands read (cache.ts keeps them): the
 * summaries (`index.json`: what reps, prep, history and stats need, with the
 * rollup over them) and the search documents (`search-index.json`: answers as
 * text). The derivations, and the playbook and rescue code they need, load
 * only when a session has to be read.
 */
import path from 'node:path';
import type { RescueOptions } from '../rescue/detect.ts';
import type { Paths } from '../util/paths.ts';
import type { SessionSummary } from '../model/summary.ts';
import { asciiJson, DamagedLineError, indexFile, isItem, type IndexKind, type RollupUpdate } from './cache.ts';
import { isRollup, rollupOf, updateRollup, type Rollup } from './rollup.ts';

// The derivations (and the playbook code they need) load only when something has to be read.
export const SUMMARY_INDEX: IndexKind = {
  name: 'summaries',
  file: 'index.json',
  // Version 4: each summary carries its rescue figures, worked out with the rescue lists in settings.
  // Version 5: session dates are local days, as in the notes (they were UTC days).
  // Version 6: the rollup keeps each rep's playbook titles, so it can be brought up to date one rep at a time.
  // Version 7: a summary's id is its file's (not its start line's), and a journal named otherwise says its file.
  // Version 8: an action agreed in a question only the manager may read is marked private (issue 10).
  // Version 9: follow-through counts each commitment at its latest outcome, the manager's own apart (issue 10).
  // Version 10: a summary carries the conversation's figures from its transcript (listen, issue 12).
  version: 10,
  derive: async (loaded, inputs) => {
    const { summarize } = await import('../model/derive.ts');
    // Only finished sessions have rescue figures: a run's own new session is summarised before its
    // first question, and must not load the rescue check for it.
    const point = loaded.state.status === 'done' ? (await import('../mirror/trend.ts')).rescuePoint(loaded.state, inputs as RescueOptions) : undefined;
    // Known by the id its file name gives (as locks and notes know it), and by its file when that is named otherwise.
    const name = path.basename(loaded.file);
    const summary = { ...summarize(loaded.state, loaded.damage !== undefined, point), id: loaded.id };
    return { item: name === `${loaded.id}.jsonl` ? summary : { ...summary, file: name } };
  },
  rollup: (lines, update) => (update && updatedRollup(update, lines)) ?? rollupOf(parseSummaries(lines)),
};

/**
 * The stored rollup with the parts of the reps whose sessions changed worked out
 * again from their summaries alone (updateRollup); undefined when it must be worked
 * out from every summary (none stored, or most reps touched). A session paused since
 * the index was written then costs one rep's summaries, not 10,000.
 */
function updatedRollup(update: RollupUpdate, lines: readonly string[]): Rollup | undefined {
  if (!isRollup(update.previous)) return undefined;
  const affected = new Set(parseSummaries([...update.before, ...update.after]).map((s) => s.rep.slug));
  if (affected.size * 2 > Object.keys(update.previous.reps).length) return undefined;
  const needles = [...affected].map(repNeedle);
  return updateRollup(update.previous, affected, parseSummaries(lines.filter((line) => needles.some((n) => line.includes(n)))));
}

/**
 * What every summary line of a rep holds: its rep as asciiJson wrote it. Finds the
 * rep's lines (and perhaps a few more, to be left out once parsed) without
 * parsing the others.
 */
export function repNeedle(slug: string): string {
  return asciiJson({ slug }).slice(1, -1);
}

export const SEARCH_INDEX: IndexKind = {
  name: 'search',
  file: 'search-index.json',
  // Version 2: every question's text (not only those the session showed), and the manager's private notes apart (issue 10).
  version: 2,
  derive: async (loaded) => {
    const { searchDoc } = await import('../model/derive.ts');
    // The self-check's texts load the rescue code: only for a session that has self-check answers.
    return searchDoc(loaded.state, loaded.state.selfCheck?.size ? await import('../mirror/self-check.ts') : undefined);
  },
};

/** Both index files (what turning encryption on or off converts). */
export function indexFiles(paths: Paths): string[] {
  return [SUMMARY_INDEX, SEARCH_INDEX].map((kind) => indexFile(paths, kind));
}

export function newestFirst<T extends { started: string; id: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.started < b.started ? 1 : a.started > b.started ? -1 : a.id < b.id ? 1 : -1));
}

export function parseSummaries(lines: readonly string[]): SessionSummary[] {
  // One parse of all lines is quicker than 10,000 small ones.
  const items = JSON.parse(`[${lines.join(',')}]`) as unknown[];
  if (items.length !== lines.length || !items.every(isItem)) throw new DamagedLineError('a line of the index is not a summary');
  return newestFirst(items as SessionSummary[]);
}
