/**
 * `repcoach listen` as a manager uses it (issue 12): figures for a transcript,
 * attached to a finished session (--session): its journal, the note's part
 * for the manager only, show and stats; --keep; the privacy rule (never the
 * rep's words in storage or in --json); files too large, missing or damaged.
 */
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { listen } from '../src/commands/listen.ts';
import { run } from '../src/commands/run.ts';
import { show } from '../src/commands/show.ts';
import { stats } from '../src/commands/stats.ts';
import { isEncryptedText } from '../src/crypto/envelope.ts';
import { setPassphraseSource } from '../src/crypto/keyring.ts';
import { readDataText } from '../src/crypto/vault.ts';
import { listSessions, loadSession } from '../src/store/store.ts';
import { UserError } from '../src/util/errors.ts';
import { resolvePaths } from '../src/util/paths.ts';
import { cli, enableTestEncryption, testContext } from './harness/data.ts';
import { tempDir } from './helpers.ts';
import { FLOW_PLAYBOOK_TEXT, T0, tickingClock } from './support/session.ts';

afterEach(() => setPassphraseSource(undefined));

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'transcripts');
/** Words only Sam says in the fixtures: none may be stored or printed in --json. */
const REP_WORDS = ['emailed the champion', 'gone quiet for two weeks', 'message the SE', 'who knows her'];

async function finishedSession(opts: { encrypted?: boolean } = {}) {
  const home = tempDir();
  const paths = resolvePaths({ REPCOACH_HOME: home });
  if (opts.encrypted) await enableTestEncryption(paths);
  writeFileSync(path.join(home, 'flow.yaml'), FLOW_PLAYBOOK_TEXT);
  writeFileSync(path.join(home, 'answers.yaml'), stringify({ outcome: 'A plan for Acme', focus: 'plan', actions: [{ what: 'Message the SE', owner: 'rep', due: '2026-11-20' }], confidence: 8 }));
  const ctx = { ...testContext(paths), cwd: home, now: tickingClock(T0) };
  await run(ctx, { playbook: path.join(home, 'flow.yaml'), rep: 'Sam Carter', manager: 'Maria Lopez', answers: path.join(home, 'answers.yaml'), input: false });
  const [s] = (await listSessions(paths)).sessions;
  if (!s) throw new Error('the run left no session');
  const loaded = await loadSession(s.file);
  const notePath = loaded.state.notePath;
  if (!notePath) throw new Error('the run wrote no note');
  return { home, paths, id: loaded.id, file: s.file, notePath, fresh: () => ({ ...testContext(paths), cwd: FIXTURES, now: tickingClock(T0 + 3_600_000) }) };
}

describe('listen --session', () => {
  it('attaches the figures to the journal, the note, show and stats, and never the rep’s words', async () => {
    const s = await finishedSession();
    const ctx = s.fresh();
    await listen(ctx, { file: 'zoom.vtt', session: s.id });
    expect(ctx.out()).toContain(`Session ${s.id} with Sam Carter`);
    expect(ctx.out()).toContain('now has the figures in its part for you only');

    const loaded = await loadSession(s.file);
    const entry = loaded.entries[loaded.entries.length - 1];
    expect(entry).toMatchObject({ type: 'listen', transcript: { name: 'zoom.vtt', format: 'webvtt' } });
    expect(loaded.state.listen?.figures.manager).toMatchObject({ name: 'Maria Lopez', talkShare: 0.4444, questions: 4, openQuestions: 3, adviceBeforeInquiry: false, rescue: [{ text: "Leave it with me, I'll call their VP.", at: 34 }] });
    const journal = readFileSync(s.file, 'utf8');
    for (const w of REP_WORDS) expect(journal).not.toContain(w);

    const note = readFileSync(s.notePath, 'utf8');
    const managerPart = note.slice(note.indexOf('## For the manager only'));
    expect(managerPart).toContain('### Conversation mirror');
    expect(managerPart).toContain('**Your talk share:** 44% of the time; Sam Carter 56%');
    expect(managerPart).toContain('0:34 “Leave it with me, I\'ll call their VP.”');
    expect(note.indexOf('### Conversation mirror')).toBeGreaterThan(note.indexOf('## For the manager only'));
    for (const w of REP_WORDS) expect(note).not.toContain(w);

    const shown = s.fresh();
    await show(shown, { session: s.id });
    expect(shown.out()).toContain('Conversation mirror');
    expect(shown.out()).toContain('Your talk share: 44%');
    const forRep = s.fresh();
    await show(forRep, { session: s.id, forRep: true });
    expect(forRep.out()).not.toContain('Conversation mirror');
    expect(forRep.out()).not.toContain('Leave it with me');

    const st = s.fresh();
    await stats(st, { rep: 'Sam', json: true });
    const json = JSON.parse(st.out()) as { conversation: { sessions: number; talkShare: number; questions: number; rescue: number } };
    expect(json.conversation).toMatchObject({ sessions: 1, talkShare: 0.4444, questions: 4, rescue: 1 });
    const all = s.fresh();
    await stats(all, {});
    expect(all.out()).toContain('Conversation mirror');
    expect(all.out()).toContain('with Sam Carter: 44% talk share');
  });

  it('a later transcript replaces the figures; a note edited by hand is left alone', async () => {
    const s = await finishedSession();
    writeFileSync(s.notePath, readFileSync(s.notePath, 'utf8') + '\nMy own line.\n');
    const ctx = s.fresh();
    await listen(ctx, { file: 'otter.txt', session: s.id });
    expect(ctx.out()).toContain('was edited by hand, so it is left as it is');
    expect(readFileSync(s.notePath, 'utf8')).not.toContain('Conversation mirror');
    await listen(s.fresh(), { file: 'plain.txt', session: s.id });
    const state = (await loadSession(s.file)).state;
    expect(state.listen?.transcript.name).toBe('plain.txt');
    expect(state.listen?.figures.shareBy).toBe('words');
  });

  it('with encryption on, the entry is encrypted and --keep keeps an encrypted copy readable by the manager only', async () => {
    const s = await finishedSession({ encrypted: true });
    const ctx = s.fresh();
    await listen(ctx, { file: 'teams.vtt', session: s.id, keep: true });
    const raw = readFileSync(s.file, 'utf8');
    expect(isEncryptedText(raw)).toBe(true);
    expect(raw).not.toContain('talkShare');
    expect((await loadSession(s.file)).state.listen?.figures.manager.talkShare).toBe(0.4444);
    expect(await readDataText(s.notePath)).toContain('### Conversation mirror');
    const dir = path.join(s.paths.data, 'transcripts');
    const [kept = ''] = readdirSync(dir);
    expect(kept).toMatch(new RegExp(`^${s.id}-[0-9a-f]{8}-teams\\.vtt$`));
    const keptFile = path.join(dir, kept);
    expect(statSync(keptFile).mode & 0o777).toBe(0o600);
    expect(isEncryptedText(readFileSync(keptFile, 'utf8'))).toBe(true);
    expect(await readDataText(keptFile)).toContain('<v Sam Carter>');
  });
});

describe('listen without --session', () => {
  it('stores nothing, copies nothing; names today’s session with that rep and how to attach', async () => {
    const s = await finishedSession();
    const before = readFileSync(s.file);
    const ctx = s.fresh();
    await listen(ctx, { file: 'zoom.vtt', manager: 'Maria' });
    expect(ctx.out()).toContain(`For session ${s.id} with Sam Carter (today). Attach the figures to it:\n  repcoach listen zoom.vtt --session ${s.id}`);
    expect(readFileSync(s.file).equals(before)).toBe(true);
    expect(existsSync(path.join(s.paths.data, 'transcripts'))).toBe(false);
    const st = s.fresh();
    await stats(st, {});
    expect(st.out()).not.toContain('Conversation mirror');
    const json = s.fresh();
    await stats(json, { json: true });
    expect(JSON.parse(json.out()).conversation).toMatchObject({ sessions: 0, talkShare: null, recent: [] });
  });

  it.each(['zoom.vtt', 'teams.vtt', 'meeting.srt', 'otter.txt', 'meet.json', 'plain.txt'])('--json of %s has the figures and never the rep’s words', async (file) => {
    const home = tempDir();
    const ctx = { ...testContext(resolvePaths({ REPCOACH_HOME: home })), cwd: FIXTURES };
    await listen(ctx, { file, manager: 'maria', json: true });
    const out = ctx.out();
    for (const w of REP_WORDS) expect(out).not.toContain(w);
    const json = JSON.parse(out) as { speakers: Array<{ role: string }>; manager: { questions: number; rescue: unknown[] }; session: unknown };
    expect(json.speakers.map((x) => x.role)).toEqual(['manager', 'rep']);
    expect(json.manager.questions).toBe(4);
    expect(json.manager.rescue).toHaveLength(1);
    expect(json.session).toBeNull();
  });

  it('the text report shows targets beside the figures and says habits, not a score', async () => {
    const ctx = { ...testContext(resolvePaths({ REPCOACH_HOME: tempDir() })), cwd: FIXTURES };
    await listen(ctx, { file: 'zoom.vtt', manager: 'Maria' });
    const out = ctx.out();
    expect(out).toMatch(/Your talk share\s+44%\s+45% or less; warned above 60%\s+ok/);
    expect(out).toMatch(/Longest monologue\s+0:16\s+warned over 2:00\s+ok/);
    expect(out).toMatch(/Reflections\s+1 · 0\.25 per question\s+1:1 fair, 2:1 good \(MITI 4\)\s+look/);
    expect(out).toContain('0:34  “Leave it with me, I\'ll call their VP.”');
    expect(out).toContain('conversation habits, not a score');
  });
});

describe('files listen refuses', () => {
  const ctxIn = (dir: string) => ({ ...testContext(resolvePaths({ REPCOACH_HOME: tempDir() })), cwd: dir });

  it('over 20 MB, with its size', async () => {
    const dir = tempDir();
    const big = path.join(dir, 'huge.vtt');
    writeFileSync(big, 'WEBVTT\n');
    truncateSync(big, 21 * 1024 * 1024);
    const e = await listen(ctxIn(dir), { file: 'huge.vtt', manager: 'Maria' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toBe('huge.vtt is 21.0 MB: repcoach reads transcripts of up to 20 MB.');
  });

  it.each([
    ['missing.vtt', null, /^No file missing\.vtt\./],
    ['bad.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA: hi\n\n00:00:03.000 --> 00:00:0\nA: ho\n', /^bad\.vtt:6:\d+: bad timing line/],
    ['empty.srt', '', /^empty\.srt: the file is empty/],
  ])('%s', async (name, content, message) => {
    const dir = tempDir();
    if (content !== null) writeFileSync(path.join(dir, name), content);
    const e = await listen(ctxIn(dir), { file: name, manager: 'Maria' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toMatch(message);
  });

  it("a session whose rep is not in the transcript: refused, nothing attached; --rep says who they are", async () => {
    const s = await finishedSession();
    const dir = tempDir();
    writeFileSync(path.join(dir, 'other.vtt'), 'WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nMaria Lopez: What have you tried?\n\n00:00:05.000 --> 00:00:09.000\nJosé Núñez: Two calls.\n');
    const e = await listen({ ...s.fresh(), cwd: dir }, { file: 'other.vtt', session: s.id }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toBe(`Session ${s.id} is with Sam Carter, and no speaker in other.vtt is Sam Carter (speakers: Maria Lopez, José Núñez). Nothing was attached.`);
    expect((await loadSession(s.file)).entries.some((x) => x.type === 'listen')).toBe(false);
    // The manager says the transcript's José is the session's rep: attached.
    await listen({ ...s.fresh(), cwd: dir }, { file: 'other.vtt', session: s.id, rep: 'José' });
    expect((await loadSession(s.file)).entries.filter((x) => x.type === 'listen')).toHaveLength(1);
  });

  it('--rep naming the manager says so', async () => {
    const e = await listen(ctxIn(FIXTURES), { file: 'zoom.vtt', manager: 'Maria', rep: 'Maria' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toMatch(/^"Maria" is Maria Lopez, the manager in zoom\.vtt: the rep is someone else\./);
  });

  it('a session that does not exist', async () => {
    const e = await listen(ctxIn(FIXTURES), { file: 'zoom.vtt', manager: 'Maria', session: '20991231-0000-zzzz' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
  });

  it('the built command: exit 1 and the file and line, no stack trace', () => {
    const home = tempDir();
    const bad = path.join(home, 'teams.vtt');
    writeFileSync(bad, 'WEBVTT\r\n\r\nabc/1-0\r\n00:00:01.000 --> 00:00:02.000\r\n<v Ana>hi</v>\r\n\r\nabc/2-0\r\n00:00:xx.000 --> 00:00:04.000\r\n<v Ben>yo</v>\r\n');
    const r = cli(path.join(home, 'data'), ['listen', bad, '--manager', 'Ana']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${bad}:8:`);
    expect(r.stderr).toContain('bad timing line');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const png = path.join(home, 'call.mp4');
    writeFileSync(png, Buffer.from([0, 1, 2, 3, 0x89, 0x50, 0x4e, 0x47]));
    const b = cli(path.join(home, 'data'), ['listen', png]);
    expect(b.status).toBe(1);
    expect(b.stderr).toContain('this is not a text file');
    const ok = cli(path.join(home, 'data'), ['listen', path.join(FIXTURES, 'meet.json'), '--manager', 'Maria', '--json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ format: 'meet-json', manager: { talkShare: 0.4444 } });
  });
});
