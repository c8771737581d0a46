/**
 * The index (lookback/queries.ts) holds rep names, deals, actions and answers.
 * With encryption on it is encrypted like a note, and turning encryption on or
 * off converts it, so no clear-text copy is left in the data folder. An index
 * file that does not parse is moved to quarantine (never overwritten), the user
 * is told once, and the command answers from an index rebuilt from the sessions.
 */
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setEncryption } from '../src/commands/encryption.ts';
import { history } from '../src/commands/history.ts';
import { search } from '../src/commands/search.ts';
import { isEncryptedText } from '../src/crypto/envelope.ts';
import { setPassphraseSource } from '../src/crypto/keyring.ts';
import { readDataText } from '../src/crypto/vault.ts';
import { asciiJson, indexFile } from '../src/lookback/cache.ts';
import { SEARCH_INDEX, SUMMARY_INDEX } from '../src/lookback/kinds.ts';
import { loadSearchDocs, loadSummaries } from '../src/lookback/queries.ts';
import type { Paths } from '../src/util/paths.ts';
import { cli, passFile, settingsOf } from './harness/data.ts';
import { filesUnder, tempDir, tempPaths } from './helpers.ts';
import { action, outcomes, runSession, testContext } from './lookback-helpers.ts';

afterEach(() => setPassphraseSource(undefined));

/** Words the index holds, which no file may show in clear while encryption is on. */
const SECRETS = ['Wilhelmina Okafor', 'Zorblatt renewal', 'Quetzal pricing objection', 'Send the Quetzal deck', 'Lead with the Quetzal numbers', 'Ana Díaz'];

/** Files under `dir` whose bytes hold one of `texts`, in UTF-8 or as an escaped JSON string, in any case. */
function leaks(dir: string, texts: readonly string[]): string[] {
  const out: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file).toString('latin1').toLowerCase();
    for (const text of texts) {
      const forms = [Buffer.from(text, 'utf8').toString('latin1'), asciiJson(text).slice(1, -1)];
      if (forms.some((f) => bytes.includes(f.toLowerCase()))) out.push(`${file}: ${text}`);
    }
  }
  return out;
}

/** Three sessions through the real runner: the second reviews the first's commitment. */
async function store(paths: Paths): Promise<void> {
  const t = testContext(paths);
  await runSession(t, {
    rep: 'Wilhelmina Okafor',
    deal: 'Zorblatt renewal',
    answers: { outcome: 'Handle the Quetzal pricing objection', actions: [action('w1', 'Send the Quetzal deck', 'rep', '2026-03-06')], confidence: 6 },
  });
  t.clock.now = new Date(t.clock.now.getTime() + 3_600_000);
  await runSession(t, {
    rep: 'Wilhelmina Okafor',
    answers: { ...outcomes({ 'Quetzal deck': 'done' }, { 'Quetzal deck': 'Lead with the Quetzal numbers' }), outcome: 'Review the week', actions: [], confidence: 7 },
  });
  t.clock.now = new Date('2026-03-04T10:00:00Z');
  await runSession(t, { rep: 'Ana Díaz', answers: { outcome: 'Pipeline: the champion is quiet', actions: [], confidence: 8 } });
}

/** `history --json` and `search` as a user runs them: what they print. */
async function lookBack(paths: Paths, query = 'quetzal'): Promise<{ names: string[]; found: string; err: string }> {
  const h = testContext(paths, new Date('2026-03-10T10:00:00Z'));
  await history(h.ctx, { json: true });
  const s = testContext(paths, new Date('2026-03-10T10:00:00Z'));
  await search(s.ctx, { text: query });
  const names = (JSON.parse(h.out()) as { sessions: Array<{ rep: { name: string } }> }).sessions.map((r) => r.rep.name);
  return { names, found: s.out(), err: h.err() + s.err() };
}

const EXPECTED_NAMES = ['Ana Díaz', 'Wilhelmina Okafor', 'Wilhelmina Okafor'];

describe('the index with encryption on', () => {
  it('holds nothing in clear text after runs, history and search, which still answer', async () => {
    const paths = tempPaths();
    const pass = passFile(tempDir());
    await setEncryption(testContext(paths).ctx, true, { passphraseFile: pass });
    await store(paths);
    const seen = await lookBack(paths);
    expect(seen.names).toEqual(EXPECTED_NAMES);
    expect(seen.found).toContain('Handle the Quetzal pricing objection');
    expect(seen.found).toContain('Lead with the Quetzal numbers');
    expect(seen.err).toBe('');

    for (const kind of [SUMMARY_INDEX, SEARCH_INDEX]) expect(isEncryptedText(readFileSync(indexFile(paths, kind), 'utf8')), kind.file).toBe(true);
    // The secrets are in the index (so the scan below could find them), but only encrypted.
    expect(await readDataText(indexFile(paths, SEARCH_INDEX))).toContain('Quetzal pricing objection');
    expect(await readDataText(indexFile(paths, SUMMARY_INDEX))).toContain(asciiJson('Ana Díaz'));
    expect(leaks(paths.data, SECRETS)).toEqual([]);
    // Read as it was written: nothing to bring up to date.
    expect((await loadSummaries(paths, await settingsOf(paths))).refreshed).toBe(0);
  });

  it('turning encryption off leaves plain indexes that work without a passphrase', async () => {
    const paths = tempPaths();
    const pass = passFile(tempDir());
    await setEncryption(testContext(paths).ctx, true, { passphraseFile: pass });
    await store(paths);
    await lookBack(paths);

    const off = await setEncryption(testContext(paths).ctx, false, { passphraseFile: pass });
    expect(off).toMatchObject({ sessions: 3, notes: 3, indexes: 2, warnings: [] });
    for (const kind of [SUMMARY_INDEX, SEARCH_INDEX]) expect(readFileSync(indexFile(paths, kind), 'utf8')).toMatch(/^\{"format":"repcoach-index","kind":"(summaries|search)"/);
    expect(filesUnder(paths.data).filter((f) => isEncryptedText(readFileSync(f, 'utf8')))).toEqual([]);

    // No passphrase from here on: nothing needs one.
    setPassphraseSource(undefined);
    expect((await loadSummaries(paths, await settingsOf(paths))).refreshed).toBe(0);
    expect((await loadSearchDocs(paths)).refreshed).toBe(0);
    const seen = await lookBack(paths);
    expect(seen.names).toEqual(EXPECTED_NAMES);
    expect(seen.found).toContain('Handle the Quetzal pricing objection');
  });

  it('turning encryption on converts plain indexes already there, and leaves no clear copy', async () => {
    const paths = tempPaths();
    await store(paths);
    await lookBack(paths);
    expect(leaks(paths.data, SECRETS).filter((l) => l.includes('index.json'))).not.toEqual([]);

    const on = await setEncryption(testContext(paths).ctx, true, { passphraseFile: passFile(tempDir()) });
    expect(on).toMatchObject({ sessions: 3, notes: 3, indexes: 2, warnings: [] });
    expect(leaks(paths.data, SECRETS)).toEqual([]);
    expect((await loadSearchDocs(paths)).refreshed).toBe(0);
    const seen = await lookBack(paths);
    expect(seen.names).toEqual(EXPECTED_NAMES);
    expect(seen.found).toContain('Lead with the Quetzal numbers');
  });

  it('a plain index found while encryption is on is written again encrypted', async () => {
    const paths = tempPaths();
    const pass = passFile(tempDir());
    await setEncryption(testContext(paths).ctx, true, { passphraseFile: pass });
    await store(paths);
    await lookBack(paths);
    // As a copy restored from an old backup would be.
    const file = indexFile(paths, SEARCH_INDEX);
    writeFileSync(file, await readDataText(file));
    expect(leaks(paths.data, SECRETS)).not.toEqual([]);
    const seen = await lookBack(paths);
    expect(seen.found).toContain('Handle the Quetzal pricing objection');
    expect(leaks(paths.data, SECRETS)).toEqual([]);
  });

  it('through the CLI, with the passphrase in a file: run, history and search, nothing in clear', () => {
    const home = path.join(tempDir(), 'home');
    const outside = tempDir();
    const env = { REPCOACH_PASSPHRASE_FILE: passFile(outside) };
    expect(cli(home, ['encryption', 'on'], { env }).status).toBe(0);
    const answers = path.join(outside, 'answers.json');
    const base = { topic: 'Zorblatt renewal', situation: 'Quiet since the demo', already_tried: 'Two emails', cause: 'No champion', options: 'Call the sponsor', without_me: 'Ask the CFO', best_option: 'Call the sponsor', learned: 'Ask earlier', confidence: 7 };
    writeFileSync(answers, JSON.stringify({ ...base, outcome: 'Handle the Quetzal pricing objection', actions: [{ what: 'Send the Quetzal deck', owner: 'rep' }] }));
    const run = cli(home, ['run', '--rep', 'Wilhelmina Okafor', '--answers', answers, '--no-input'], { env });
    expect(run.status, run.stderr).toBe(0);

    const h = cli(home, ['history'], { env });
    expect(h.status, h.stderr).toBe(0);
    expect(h.stdout).toContain('Wilhelmina Okafor');
    const s = cli(home, ['search', 'quetzal'], { env });
    expect(s.status, s.stderr).toBe(0);
    expect(s.stdout).toContain('Handle the Quetzal pricing objection');
    const r = cli(home, ['reps'], { env });
    expect(r.stdout).toContain('Wilhelmina Okafor');

    expect(filesUnder(home).map((f) => path.basename(f))).toEqual(expect.arrayContaining(['index.json', 'search-index.json']));
    expect(leaks(home, ['Wilhelmina Okafor', 'Zorblatt renewal', 'Quetzal pricing objection', 'Send the Quetzal deck'])).toEqual([]);
    // Without the passphrase the index cannot be read either.
    const locked = cli(home, ['history'], { env: { REPCOACH_PASSPHRASE_FILE: passFile(tempDir(), 'not the passphrase') } });
    expect(locked.status).not.toBe(0);
    expect(locked.stdout).not.toContain('Wilhelmina');
  });
});

/** The quarantine folder's files and their bytes. */
function quarantined(paths: Paths): Buffer[] {
  return filesUnder(paths.quarantine).map((f) => readFileSync(f));
}

describe('an index file that does not parse', () => {
  it('is moved to quarantine byte for byte, told once on stderr, and the command still answers (CLI)', async () => {
    const paths = tempPaths();
    await store(paths);
    const before = cli(paths.data, ['history']);
    expect(before.status).toBe(0);
    const damaged = Buffer.concat([Buffer.from('{"format":"repcoach-index","kind":"summaries", cut off'), Buffer.from([0xff, 0xfe, 0x0a, 0x00])]);
    writeFileSync(indexFile(paths, SUMMARY_INDEX), damaged);

    const after = cli(paths.data, ['history']);
    expect(after.status).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    const notices = after.stderr.split(`${indexFile(paths, SUMMARY_INDEX)} could not be read`).length - 1;
    expect(notices, after.stderr).toBe(1);
    expect(after.stderr).toMatch(/its first line is not valid JSON\). It was moved to .*quarantine.*nothing is lost/s);
    const moved = quarantined(paths);
    expect(moved).toHaveLength(1);
    expect(moved[0]?.equals(damaged)).toBe(true);
    // Rebuilt: the next command says nothing and moves nothing.
    expect(readFileSync(indexFile(paths, SUMMARY_INDEX), 'utf8')).toMatch(/^\{"format":"repcoach-index"/);
    const again = cli(paths.data, ['history']);
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(before.stdout);
    expect(quarantined(paths)).toHaveLength(1);
  });

  it('a damaged line found only when it is read (search) sets the file aside too', async () => {
    const paths = tempPaths();
    await store(paths);
    const good = await lookBack(paths);
    const file = indexFile(paths, SEARCH_INDEX);
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('Quetzal pricing objection'));
    expect(at).toBeGreaterThan(0);
    // The header still parses; the line still holds the word searched for, so it is parsed, and fails.
    lines[at] = (lines[at] ?? '').slice(0, -1);
    const damaged = lines.join('\n');
    writeFileSync(file, damaged);
    // Another session changed meanwhile: the index is saved again, but only after its lines were read.
    const ana = readdirSync(paths.sessions).find((n) => n.startsWith('20260304'));
    utimesSync(path.join(paths.sessions, ana ?? ''), new Date(), new Date(Date.now() + 5000));

    const seen = await lookBack(paths);
    expect(seen.found).toBe(good.found);
    expect(seen.err.split('could not be read').length - 1).toBe(1);
    expect(seen.err).toContain(`${file} could not be read (line ${at + 1} is not valid)`);
    expect(quarantined(paths).map((b) => b.toString('utf8'))).toEqual([damaged]);
    expect((await lookBack(paths)).err).toBe('');
  });

  it('a summary that is not one is caught where the summaries are read (the rollup), and the file set aside as it was', async () => {
    const paths = tempPaths();
    await store(paths);
    const good = await loadSummaries(paths, await settingsOf(paths));
    const file = indexFile(paths, SUMMARY_INDEX);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = '{"valid":"JSON, but not a summary"}';
    const damaged = lines.join('\n');
    writeFileSync(file, damaged);
    // Another session changed meanwhile: the index has to be saved again, but not over the damaged one.
    const [, last] = readdirSync(paths.sessions).filter((n) => n.endsWith('.jsonl')).sort();
    const touched = path.join(paths.sessions, last ?? '');
    utimesSync(touched, new Date(), new Date(Date.now() + 5000));
    const r = await loadSummaries(paths, await settingsOf(paths));
    expect(r.items).toEqual(good.items);
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0]).toContain('(line 2 is not valid)');
    expect(quarantined(paths).map((b) => b.toString('utf8'))).toEqual([damaged]);
    expect((await loadSummaries(paths, await settingsOf(paths))).notices).toEqual([]);
  });

  it('an encrypted index that fails its integrity check is set aside, and rebuilt encrypted', async () => {
    const paths = tempPaths();
    const pass = passFile(tempDir());
    await setEncryption(testContext(paths).ctx, true, { passphraseFile: pass });
    await store(paths);
    const good = await lookBack(paths);
    const file = indexFile(paths, SUMMARY_INDEX);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = (lines[1] ?? '').replace(/^(.{40})(.)/, (_m, a: string, c: string) => a + (c === 'A' ? 'B' : 'A'));
    const damaged = lines.join('\n');
    writeFileSync(file, damaged);

    const seen = await lookBack(paths);
    expect(seen.names).toEqual(good.names);
    expect(seen.err).toMatch(/index\.json could not be read \(it is damaged or was changed: record 1 failed its integrity check\)/);
    expect(quarantined(paths).map((b) => b.toString('utf8'))).toEqual([damaged]);
    expect(isEncryptedText(readFileSync(file, 'utf8'))).toBe(true);
    expect(leaks(paths.data, SECRETS)).toEqual([]);
  });

  it('an index from another version is rebuilt without being set aside', async () => {
    const paths = tempPaths();
    await store(paths);
    const file = indexFile(paths, SUMMARY_INDEX);
    writeFileSync(file, readFileSync(file, 'utf8').replace(`"version":${SUMMARY_INDEX.version}`, '"version":1'));
    const r = await loadSummaries(paths, await settingsOf(paths));
    expect(r.refreshed).toBe(3);
    expect(r.notices).toEqual([]);
    expect(readdirSync(paths.data)).not.toContain('quarantine');
  });
});
