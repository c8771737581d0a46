#!/usr/bin/env node
// `npm run bench`: start-up and scale budgets, measured as medians in one run and
// reported as ratios to a bare `node -e 0` measured in the same run. A script,
// not a test: CI times nothing. Writes the figures to bench-results.json.
//
//   node scripts/bench.mjs [--runs 10] [--sessions 10000] [--reps 50] [--out bench-results.json] [--startup-only yes]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'dist', 'cli.js');
const args = parseArgs(process.argv.slice(2));
const runs = Number(args.runs ?? 10);
const sessions = Number(args.sessions ?? 10000);
const reps = Number(args.reps ?? 50);
const out = path.resolve(args.out ?? path.join(root, 'bench-results.json'));
const hasTime = existsSync('/usr/bin/time');
const hasScript = spawnSync('script', ['--version']).status === 0;

if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first.');
  process.exit(1);
}

function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i += 2) o[argv[i].replace(/^--/, '')] = argv[i + 1];
  return o;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Run a command to completion; wall time in ms and peak RSS in MB (via /usr/bin/time when present). */
function timeCommand(cmd, cmdArgs, env) {
  const argv = hasTime ? ['/usr/bin/time', ['-f', '%M', cmd, ...cmdArgs]] : [cmd, cmdArgs];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv[1], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(-500)}`);
  const kb = hasTime ? Number(r.stderr.toString().trim().split('\n').pop()) : NaN;
  return { ms, mb: kb / 1024 };
}

/** Time from start until `marker` appears on a pseudo-terminal (util-linux `script` provides it). */
function timeToScreen(cmdLine, marker, env) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', cmdLine, '/dev/null'], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let seen = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`"${marker}" did not appear; saw: ${seen.slice(-300)}`));
    }, 15000);
    child.stdout.on('data', (d) => {
      seen += d.toString();
      if (seen.includes(marker)) {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve({ ms, mb: NaN });
      }
    });
  });
}

async function measure(name, fn) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await fn());
  const ms = median(samples.map((s) => s.ms));
  const mbs = samples.map((s) => s.mb).filter((x) => Number.isFinite(x));
  return { name, ms, peakMb: mbs.length ? Math.max(...mbs) : null, samples: samples.map((s) => Math.round(s.ms)) };
}

const results = [];
const home = mkdtempSync(path.join(os.tmpdir(), 'repcoach-bench-'));
try {
  const env = { REPCOACH_HOME: home, NO_COLOR: '1' };
  const floor = await measure('node -e 0', () => timeCommand(process.execPath, ['-e', '0'], env));
  results.push(floor);
  results.push(await measure('repcoach --version', () => timeCommand(process.execPath, [cli, '--version'], env)));
  results.push(await measure('repcoach --help', () => timeCommand(process.execPath, [cli, '--help'], env)));
  // The rescue check on one sentence (issue 13): a coaching one, so the command exits 0.
  const sentence = path.join(home, 'sentence.txt');
  writeFileSync(sentence, 'What have you already tried with their CFO this week?\n');
  results.push(await measure('repcoach check (one sentence)', () => timeCommand(process.execPath, [cli, 'check', sentence], env)));
  // The conversation mirror on a two-hour Zoom transcript of about 2,500 cues (issue 12): under 1 s.
  const { generateTranscript } = await import('./lib/generate-transcript.mjs');
  const transcript = path.join(home, 'two-hours.vtt');
  writeFileSync(transcript, generateTranscript({ cues: 2500, seconds: 7200, format: 'zoom' }));
  results.push(await measure('repcoach listen (2 h, 2,500 cues)', () => timeCommand(process.execPath, [cli, 'listen', transcript, '--manager', 'Maria'], env)));
  if (hasScript) {
    // A rep of its own each time: each sample is killed at the first question, and a rep's
    // unfinished session would be offered for resuming (issue 10) before it.
    let sample = 0;
    const line = () => `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} run --rep "Bench ${++sample}" --manager Bench`;
    results.push(await measure('first question on screen', () => timeToScreen(line(), '[1/', env)));
  } else {
    console.error('`script` (util-linux) is missing: skipping the first-question measurement.');
  }

  const generator = path.join(root, 'scripts', 'generate-store.mjs');
  if (args['startup-only']) {
    // Start-up figures alone: no store is generated.
  } else if (existsSync(generator)) {
    const store = mkdtempSync(path.join(os.tmpdir(), 'repcoach-bench-store-'));
    try {
      const g = spawnSync(process.execPath, [generator, '--home', store, '--sessions', String(sessions), '--reps', String(reps)], { stdio: 'inherit' });
      if (g.status !== 0) throw new Error('the store generator failed');
      const senv = { REPCOACH_HOME: store, NO_COLOR: '1' };
      // The first command builds the index; that cost is reported once, then every run is warm.
      results.push(await measureOnce('index build (first command on a new store)', () => timeCommand(process.execPath, [cli, 'history'], senv)));
      // prep needs a rep of the generated store: the first one `reps --json` lists.
      const repsJson = spawnSync(process.execPath, [cli, 'reps', '--json'], { env: { ...process.env, ...senv }, encoding: 'utf8' });
      const firstRep = JSON.parse(repsJson.stdout).reps[0]?.name;
      if (!firstRep) throw new Error(`no rep in the generated store: ${repsJson.stderr}`);
      const storeCommands = [
        ['reps', ['reps']],
        ['prep', ['prep', firstRep]],
        ['history', ['history']],
        ['search', ['search', 'champion']],
        ['stats', ['stats']],
      ];
      for (const [name, a] of storeCommands) {
        results.push(await measure(`${name} (${sessions} sessions)`, () => timeCommand(process.execPath, [cli, ...a], senv)));
      }
      // A first export creates every file (each run into a folder of its own); exporting again
      // into the same folder compares and leaves unchanged notes alone.
      let fresh = 0;
      results.push(
        await measure(`export --all, new folder (${sessions} sessions)`, () =>
          timeCommand(process.execPath, [cli, 'export', '--all', '--out', path.join(store, `export-${fresh++}`)], senv),
        ),
      );
      const again = path.join(store, 'export-0');
      results.push(await measure(`export --all, again (${sessions} sessions)`, () => timeCommand(process.execPath, [cli, 'export', '--all', '--out', again], senv)));
    } finally {
      rmSync(store, { recursive: true, force: true });
    }
  } else {
    console.error('scripts/generate-store.mjs is missing: skipping the store measurements.');
  }

  async function measureOnce(name, fn) {
    const s = await fn();
    return { name, ms: s.ms, peakMb: Number.isFinite(s.mb) ? s.mb : null, samples: [Math.round(s.ms)] };
  }

  const budgets = {
    'repcoach --version': { ratio: 1.5 },
    'repcoach --help': { ratio: 1.5 },
    'first question on screen': { ratio: 2 },
    'repcoach check (one sentence)': { ratio: 2 },
  };
  let failed = 0;
  console.log(`\n${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${runs} runs each (median)\n`);
  console.log(`${'measure'.padEnd(44)} ${'ms'.padStart(8)} ${'× node'.padStart(8)} ${'peak MB'.padStart(8)}  budget`);
  for (const r of results) {
    r.ratio = r.ms / floor.ms;
    let budget = '';
    let ok = true;
    if (budgets[r.name]) {
      ok = r.ratio <= budgets[r.name].ratio;
      budget = `≤ ${budgets[r.name].ratio} × node`;
    } else if (r.name.startsWith('repcoach listen')) {
      ok = r.ms < 1000;
      budget = '< 1000 ms';
    } else if (r.name.startsWith('export --all')) {
      ok = r.ms < 5000;
      budget = '< 5000 ms';
    } else if (r.name.includes('sessions)')) {
      ok = r.ms < 1000;
      budget = '< 1000 ms';
    }
    if (r.peakMb !== null && r.name.includes('sessions)') && r.peakMb >= 200) ok = false;
    if (r.name.includes('sessions)')) budget += ', < 200 MB';
    r.ok = ok;
    if (!ok) failed++;
    const mb = r.peakMb === null ? '—' : r.peakMb.toFixed(0);
    console.log(`${r.name.padEnd(44)} ${r.ms.toFixed(1).padStart(8)} ${r.ratio.toFixed(2).padStart(8)} ${mb.padStart(8)}  ${budget}${budget ? (ok ? '  ok' : '  OVER') : ''}`);
  }
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, runs, results }, null, 2) + '\n');
  console.log(`\nFigures written to ${out}`);
  if (failed) {
    console.log(`${failed} over budget.`);
    process.exitCode = 1;
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}
