// `npm run soak [-- --kills N] [--seed N] [--encrypted]`: the crash harness
// (test/harness/crash.ts) over hundreds of SIGKILLs of the built binary in a
// tmux pane. Prints the number of kills and of answers lost (which must be 0);
// exits 1 if any answer was lost or any file was found half-written.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const kills = Number(option('--kills', '500'));
const seed = option('--seed', undefined);
const encrypted = args.includes('--encrypted');
if (!Number.isInteger(kills) || kills < 1) {
  console.error('usage: npm run soak -- [--kills N] [--seed N] [--encrypted]');
  process.exit(2);
}

// The harness is TypeScript: bundle it (with the src modules it checks files with) and load it.
const { outputFiles } = await build({
  entryPoints: [path.join(repo, 'test/harness/crash.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __soakRequire } from 'node:module'; const require = __soakRequire(import.meta.url);" },
});
const dir = mkdtempSync(path.join(os.tmpdir(), 'repcoach-soak-'));
const file = path.join(dir, 'crash.mjs');
writeFileSync(file, outputFiles[0].text);
process.env.REPCOACH_REPO = repo;
const { runCrashHarness } = await import(pathToFileURL(file).href);
rmSync(dir, { recursive: true, force: true });

const started = Date.now();
const report = await runCrashHarness({
  kills,
  encrypted,
  ...(seed === undefined ? {} : { seed: Number(seed) }),
  log: (line) => console.log(`  ${line}`),
});
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(`seed ${report.seed}${encrypted ? ', encrypted' : ''}, ${seconds} s`);
console.log(`kill moments: ${Object.entries(report.kinds).map(([k, n]) => `${k} ${n}`).join(', ')}`);
console.log(`answers confirmed ${report.confirmed}, checked ${report.checks} times; sessions finished ${report.sessionsFinished}`);
console.log(`kills that left a temp file (cleaned up on the next start): ${report.tempLeftovers}`);
for (const p of report.problems.slice(0, 20)) console.log(`problem: ${p}`);
if (report.problems.length > 0) console.log(`(data kept in ${report.home})`);
console.log(`kills: ${report.kills}`);
console.log(`answers lost: ${report.lost}`);
process.exitCode = report.lost === 0 && report.problems.length === 0 ? 0 : 1;
