/**
 * What the look-back commands ask of the index (cache.ts), each answer brought
 * up to date with the session files first. The caller gives the settings the
 * summaries depend on (the rescue lists).
 */
import { rm } from 'node:fs/promises';
import type { RescueOptions } from '../rescue/detect.ts';
import { rescueSettings } from '../mirror/settings.ts';
import type { Settings } from '../config/settings.ts';
import type { Paths } from '../util/paths.ts';
import { listSessionFiles } from '../store/store.ts';
import type { SearchDoc, SessionSummary } from '../model/summary.ts';
import { DamagedLineError, isItem, useIndex, type RawIndex } from './cache.ts';
import { indexFiles, newestFirst, parseSummaries, repNeedle, SEARCH_INDEX, SUMMARY_INDEX } from './kinds.ts';
import { isRollup, rollupOf, type Rollup } from './rollup.ts';

/** The settings the summaries depend on: their rescue figures use the rescue lists. */
export type IndexSettings = Pick<Settings, 'get'>;

function summaryInputs(settings: IndexSettings): { inputs: RescueOptions } {
  return { inputs: rescueSettings(settings) };
}

export interface Indexed<T> {
  /** Newest first. */
  items: T[];
  shared: Record<string, unknown>;
  unreadable: RawIndex['unreadable'];
  refreshed: number;
  notices: string[];
}



function indexed<T>(raw: RawIndex, items: T[]): Indexed<T> {
  return { items, shared: raw.shared, unreadable: raw.unreadable, refreshed: raw.refreshed, notices: raw.notices };
}

/** Every session's summary, newest first. */
export async function loadSummaries(paths: Paths, settings: IndexSettings): Promise<Indexed<SessionSummary>> {
  const { raw, value } = await useIndex(paths, SUMMARY_INDEX, (r) => parseSummaries(r.lines), summaryInputs(settings));
  return indexed(raw, value);
}

/**
 * The summaries that mention a session (its own, and those of the sessions
 * that reviewed its actions): all that its note needs, found without parsing
 * the rest. The id is plain ASCII, so it appears in a line exactly as written.
 */
export async function loadSummariesMentioning(paths: Paths, settings: IndexSettings, sessionId: string): Promise<Indexed<SessionSummary>> {
  const needle = JSON.stringify(sessionId);
  const { raw, value } = await useIndex(paths, SUMMARY_INDEX, (r) => parseSummaries(r.lines.filter((line) => line.includes(needle))), summaryInputs(settings));
  return indexed(raw, value);
}

/** The summaries of one rep's sessions (newest first), without parsing the others'. */
export async function loadSummariesOfRep(paths: Paths, settings: IndexSettings, slug: string): Promise<Indexed<SessionSummary>> {
  const needle = repNeedle(slug);
  const { raw, value } = await useIndex(paths, SUMMARY_INDEX, (r) => parseSummaries(r.lines.filter((line) => line.includes(needle))).filter((s) => s.rep.slug === slug), summaryInputs(settings));
  return indexed(raw, value);
}

/** The rollup (rollup.ts) of every session: what reps, history, stats and prep need, without the summaries. */
export async function loadRollup(paths: Paths, settings: IndexSettings): Promise<{ rollup: Rollup; unreadable: RawIndex['unreadable']; refreshed: number; notices: string[] }> {
  const { raw, value } = await useIndex(paths, SUMMARY_INDEX, (r) => {
    // A header that holds something else is not trusted: the rollup is worked out again.
    return isRollup(r.rollup) ? r.rollup : rollupOf(parseSummaries(r.lines));
  }, summaryInputs(settings));
  return { rollup: value, unreadable: raw.unreadable, refreshed: raw.refreshed, notices: raw.notices };
}

/**
 * Every session's answers as text, newest first; `shared` holds each
 * playbook version's question texts (QuestionTexts) by SearchDoc.questions.
 * With `mightMatch`, a line (raw, escaped JSON) it rejects is skipped without
 * being parsed.
 */
export async function loadSearchDocs(paths: Paths, mightMatch?: (line: string) => boolean): Promise<Indexed<SearchDoc>> {
  const { raw, value } = await useIndex(paths, SEARCH_INDEX, (r) => {
    const items: SearchDoc[] = [];
    for (const line of r.lines) {
      if (mightMatch && !mightMatch(line)) continue;
      const item: unknown = JSON.parse(line);
      if (!isItem(item)) throw new DamagedLineError('a line of the search index is not a session');
      items.push(item as SearchDoc);
    }
    return newestFirst(items);
  });
  return indexed(raw, value);
}

/**
 * Bring both index files up to date now, reading `changed` (session file names)
 * again even if their size and time look the same: after reps rename/merge
 * rewrote them, or discard/delete removed them (a removed file's rows go), so
 * no name, deal or answer of a deleted session stays behind in a cache.
 */
export async function refreshIndexes(paths: Paths, settings: IndexSettings, changed: readonly string[] = []): Promise<void> {
  // With no session left an index is never written again (refresh): remove it, or it keeps the last one's words.
  if (listSessionFiles(paths).length === 0) {
    for (const file of indexFiles(paths)) await rm(file, { force: true });
    return;
  }
  const reread = new Set(changed);
  await useIndex(paths, SUMMARY_INDEX, (r) => (isRollup(r.rollup) ? r.rollup : rollupOf(parseSummaries(r.lines))), { ...summaryInputs(settings), reread });
  await useIndex(paths, SEARCH_INDEX, () => undefined, { reread });
}

