/**
 * The index is a cache of the session files: rebuilt when missing, damaged or
 * of another version; a changed file is read again, a removed one dropped; it
 * never answers with what the files no longer say.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexFile, isFresh, parseIndex, restampIndex } from '../src/lookback/cache.ts';
import { SEARCH_INDEX, SUMMARY_INDEX } from '../src/lookback/kinds.ts';
import { loadSearchDocs, loadSummaries } from '../src/lookback/queries.ts';
import { serializeEntry } from '../src/model/journal.ts';
import { openSettings } from '../src/config/settings.ts';
import { tempPaths } from './helpers.ts';
import { action, runSession, testContext } from './lookback-helpers.ts';
import { settingsOf } from './harness/data.ts';

describe('isFresh', () => {
  it.each([
    [['a', 10, 5], { size: 10, mtimeMs: 5 }, true],
    [['a', 10, 5], { size: 11, mtimeMs: 5 }, false],
    [['a', 10, 5], { size: 10, mtimeMs: 6 }, false],
    [undefined, { size: 10, mtimeMs: 5 }, false],
  ] as const)('%j against %j: %s', (row, file, fresh) => {
    expect(isFresh(row, file)).toBe(fresh);
  });
});

describe('parseIndex', () => {
  const v = `"version":${SUMMARY_INDEX.version}`;
  const ok = `{"format":"repcoach-index","kind":"summaries",${v},"files":[["a.jsonl",1,2]]}\n{"id":"a"}\n`;
  // Damage is set aside (quarantined); another version is simply rebuilt.
  it.each([
    ['a good index', ok, 1, undefined],
    ['another version', ok.replace(v, '"version":0'), 0, undefined],
    ['made with other inputs (settings)', ok.replace(v, `${v},"inputs":{"phrases":["park it with me"],"support":[]}`), 0, undefined],
    ['empty', '', 0, 'it is empty'],
    ['no line break', ok.slice(0, ok.indexOf('\n')), 0, 'it has no line break after its header'],
    ['not JSON', 'garbage\n{}\n', 0, 'its first line is not valid JSON'],
    ['JSON, not an index', 'null\n{}\n', 0, 'it is not a repcoach index'],
    ['another kind', ok.replace('summaries', 'search'), 0, 'it is an index of "search", not of summaries'],
    ['no list of files', ok.replace('"files":[["a.jsonl",1,2]]', '"files":{}'), 0, 'its header has no list of files'],
    ['fewer lines than files', ok.split('\n')[0] + '\n', 0, 'line 2 is not valid'],
    ['a bad file row', ok.replace('["a.jsonl",1,2]', '["a.jsonl","1",2]'), 0, 'file 1 in its header is not valid'],
  ])('%s → %d entries, damage: %s', (_name, text, n, damage) => {
    const parsed = parseIndex(text, SUMMARY_INDEX);
    expect(parsed.entries.size).toBe(n);
    expect(parsed.damage).toBe(damage);
  });

  it('checks every item line only when asked', () => {
    const cut = ok.replace('{"id":"a"}', '{"id":"a"');
    expect(parseIndex(cut, SUMMARY_INDEX).damage).toBeUndefined();
    expect(parseIndex(cut, SUMMARY_INDEX, { checkLines: true }).damage).toBe('line 2 is not valid');
    const item = ok.replace('{"id":"a"}', '{"id":"a","started":"2026-03-02T09:00:00Z","rep":{"name":"Sam","slug":"sam"}}');
    expect(parseIndex(item, SUMMARY_INDEX, { checkLines: true }).damage).toBeUndefined();
    // A file that could not be read has null as its line.
    const unreadable = ok.replace('["a.jsonl",1,2]', '["a.jsonl",1,2,"not a journal"]').replace('{"id":"a"}', 'null');
    expect(parseIndex(unreadable, SUMMARY_INDEX, { checkLines: true }).damage).toBeUndefined();
  });
});

describe('restampIndex', () => {
  const text = '{"format":"repcoach-index","kind":"summaries","version":' + SUMMARY_INDEX.version + ',"files":[["a.jsonl",10,5],["b.jsonl",20,6],["c.jsonl",30,7,"unreadable"]]}\n{"id":"a"}\n{"id":"b"}\nnull\n';
  it('gives re-encoded files their new size and time, only where the row still describes the file as it was', () => {
    const moved = new Map([
      ['a.jsonl', { before: { size: 10, mtimeMs: 5 }, after: { size: 99, mtimeMs: 50 } }],
      ['b.jsonl', { before: { size: 21, mtimeMs: 6 }, after: { size: 98, mtimeMs: 51 } }],
    ]);
    const r = restampIndex(text, moved);
    expect(r.rows).toBe(1);
    expect(r.text.split('\n').slice(1)).toEqual(text.split('\n').slice(1));
    expect(parseIndex(r.text, SUMMARY_INDEX).entries.get('a.jsonl')?.row).toEqual(['a.jsonl', 99, 50]);
    expect(parseIndex(r.text, SUMMARY_INDEX).entries.get('b.jsonl')?.row).toEqual(['b.jsonl', 20, 6]);
  });

  it.each([['nothing moved', text], ['not an index', 'garbage\n'], ['no line break', 'x']])('%s: the text as it is', (_n, input) => {
    expect(restampIndex(input, new Map())).toEqual({ text: input, rows: 0 });
  });
});

describe('refreshing the index', () => {
  async function store() {
    const paths = tempPaths();
    const t = testContext(paths);
    const a = await runSession(t, { rep: 'Sam Lee', answers: { outcome: 'Win Acme', actions: [action('x1', 'Call the CFO')], confidence: 6 } });
    t.clock.now = new Date(t.clock.now.getTime() + 3_600_000);
    const b = await runSession(t, { rep: 'Ana Díaz', answers: { outcome: 'Pipeline review', actions: [], confidence: 7 } });
    return { paths, a, b };
  }

  it('is rebuilt when the rescue lists in settings change, so the stored rescue figures follow them', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    await runSession(t, { rep: 'Sam Lee', answers: { outcome: 'Win Acme', actions: [action('m1', 'Park it with me', 'manager')], confidence: 6 } });
    // [taken on, kept, handed back, flags]
    expect((await loadSummaries(paths, await settingsOf(paths))).items[0]?.rescue).toEqual([1, 1, 0, 0]);
    expect((await loadSummaries(paths, await settingsOf(paths))).refreshed).toBe(0);
    await (await openSettings(paths)).set('rescuePhrases', ['park it with me']);
    const after = await loadSummaries(paths, await settingsOf(paths));
    expect(after.refreshed).toBe(1);
    expect(after.items[0]?.rescue).toEqual([1, 1, 0, 1]);
    expect((await loadSummaries(paths, await settingsOf(paths))).refreshed).toBe(0);
  });

  it('builds the index on first use, then reads no session file while nothing changed', async () => {
    const { paths } = await store();
    // The second run already indexed the first session (to find its commitments); start afresh.
    rmSync(indexFile(paths, SUMMARY_INDEX));
    const first = await loadSummaries(paths, await settingsOf(paths));
    expect(first.refreshed).toBe(2);
    expect(first.items.map((s) => s.rep.name)).toEqual(['Ana Díaz', 'Sam Lee']);
    const second = await loadSummaries(paths, await settingsOf(paths));
    expect(second.refreshed).toBe(0);
    expect(second.items).toEqual(first.items);
    // ASCII on disk, exact once read.
    expect(readFileSync(indexFile(paths, SUMMARY_INDEX), 'utf8')).toMatch(/^\p{ASCII}*$/u);
  });

  it('reads again a session file that changed, and only that one', async () => {
    const { paths, a } = await store();
    await loadSummaries(paths, await settingsOf(paths));
    const file = path.join(paths.sessions, `${a.id}.jsonl`);
    // A hand edit that keeps the size but changes the time is seen too.
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replaceAll('Call the CFO', 'Call the CEO'));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const after = await loadSummaries(paths, await settingsOf(paths));
    expect(after.refreshed).toBe(1);
    expect(after.items.find((s) => s.id === a.id)?.actions[0]?.what).toBe('Call the CEO');
  });

  it('drops a removed session, and sets a damaged index aside before rebuilding it', async () => {
    const { paths, a, b } = await store();
    await loadSummaries(paths, await settingsOf(paths));
    rmSync(path.join(paths.sessions, `${a.id}.jsonl`));
    expect((await loadSummaries(paths, await settingsOf(paths))).items.map((s) => s.id)).toEqual([b.id]);
    writeFileSync(indexFile(paths, SUMMARY_INDEX), '{"format":"repcoach-index", garbage');
    const rebuilt = await loadSummaries(paths, await settingsOf(paths));
    expect(rebuilt.refreshed).toBe(1);
    expect(rebuilt.items.map((s) => s.id)).toEqual([b.id]);
    expect(rebuilt.notices).toHaveLength(1);
    expect(rebuilt.notices[0]).toContain(`${indexFile(paths, SUMMARY_INDEX)} could not be read (it has no line break after its header)`);
    const [moved] = readdirSync(paths.quarantine);
    expect(readFileSync(path.join(paths.quarantine, moved ?? ''), 'utf8')).toBe('{"format":"repcoach-index", garbage');
  });

  it('reports an unreadable session file and keeps answering for the rest', async () => {
    const { paths, b } = await store();
    writeFileSync(path.join(paths.sessions, '20260101-0000-bad1.jsonl'), 'not a journal\n');
    const r = await loadSummaries(paths, await settingsOf(paths));
    expect(r.items.map((s) => s.id)).toContain(b.id);
    expect(r.unreadable).toHaveLength(1);
    expect(r.unreadable[0]?.file).toContain('20260101-0000-bad1.jsonl');
    // Remembered as unreadable: not read again until it changes.
    expect((await loadSummaries(paths, await settingsOf(paths))).refreshed).toBe(0);
  });

  it('sees an entry appended to a journal (a session continued elsewhere)', async () => {
    const { paths, b } = await store();
    const docs = await loadSearchDocs(paths);
    expect(docs.items.find((d) => d.id === b.id)?.answers.map(([q]) => q)).toEqual(['outcome']);
    appendFileSync(path.join(paths.sessions, `${b.id}.jsonl`), serializeEntry({ type: 'answer', at: new Date().toISOString(), question: 'learned', value: 'Listen first' }));
    const again = await loadSearchDocs(paths);
    expect(again.refreshed).toBe(1);
    expect(again.items.find((d) => d.id === b.id)?.answers).toContainEqual(['learned', 'Listen first']);
    expect(indexFile(paths, SEARCH_INDEX)).not.toBe(indexFile(paths, SUMMARY_INDEX));
  });

  it('answers from the session files when the index cannot be written', async () => {
    const { paths } = await store();
    // A folder where the index file should be: reading and replacing it both fail, even for root.
    rmSync(indexFile(paths, SUMMARY_INDEX), { force: true });
    mkdirSync(path.join(indexFile(paths, SUMMARY_INDEX), 'blocker'), { recursive: true });
    const r = await loadSummaries(paths, await settingsOf(paths));
    expect(r.items.map((s) => s.rep.name)).toEqual(['Ana Díaz', 'Sam Lee']);
    expect(r.refreshed).toBe(2);
    // Not an index file that failed to parse: nothing to set aside.
    expect(r.notices).toEqual([]);
    expect(existsSync(paths.quarantine)).toBe(false);
  });

});
