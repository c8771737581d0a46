#!/usr/bin/env node
// Generates a realistic repcoach store for measuring at scale:
//   node scripts/generate-store.mjs --home <dir> [--sessions 10000] [--reps 50] [--seed 1] [--years 4] [--no-index]
// The generator itself is TypeScript (scripts/lib/generate-store.ts) and uses the real journal
// format and engine; it is bundled here with esbuild, like scripts/build.mjs does for the schema.
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const usage = `Usage: node scripts/generate-store.mjs --home <dir> [options]

Writes N coaching sessions across M reps into <dir> (used as REPCOACH_HOME),
then builds the index, as the first look-back command would.

Options:
  --home <dir>        the store to create (required; its sessions folder must be empty)
  --sessions <n>      how many sessions (default 10000)
  --reps <n>          how many reps (default 50)
  --years <n>         how many years the sessions span, ending yesterday (default 4)
  --seed <n>          random seed: the same seed gives the same store (default 1)
  --no-index          leave the index to be built by the first command
  -h, --help          this text`;

let args;
try {
  args = parseArgs({
    options: {
      home: { type: 'string' },
      sessions: { type: 'string', default: '10000' },
      reps: { type: 'string', default: '50' },
      years: { type: 'string', default: '4' },
      seed: { type: 'string', default: '1' },
      'no-index': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
} catch (err) {
  console.error(`${err.message}\n\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const count = (name) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a whole number above 0.\n\n${usage}`);
    process.exit(2);
  }
  return n;
};
if (!args.home) {
  console.error(`--home is required.\n\n${usage}`);
  process.exit(2);
}
const home = path.resolve(args.home);
const sessionsDir = path.join(home, 'sessions');
if (existsSync(sessionsDir) && readdirSync(sessionsDir).length > 0) {
  console.error(`${sessionsDir} is not empty: give a new folder.`);
  process.exit(1);
}

const { outputFiles } = await build({
  entryPoints: [path.join(root, 'scripts/lib/generate-store.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  write: false,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
// Imported from a private temp file (not a data: URL) so the bundle's require() has a file to resolve from.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'repcoach-generate-'));
const bundle = path.join(tmp, 'generate-store.mjs');
writeFileSync(bundle, outputFiles[0].text, { mode: 0o600 });
let lib;
try {
  lib = await import(pathToFileURL(bundle).href);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const sessions = count('sessions');
const reps = count('reps');
const started = performance.now();
console.log(`Writing ${sessions} sessions across ${reps} reps into ${home} …`);
const result = lib.generateStore({
  home,
  sessions,
  reps: Math.min(reps, sessions),
  seed: count('seed'),
  years: count('years'),
  playbooksDir: path.join(root, 'playbooks'),
  now: new Date(),
  log: (line) => console.log(line),
});
console.log(`Wrote ${result.files} session files (${(result.bytes / 1048576).toFixed(1)} MiB) in ${Math.round(performance.now() - started)} ms.`);
if (!args['no-index']) {
  const t = await lib.buildIndexes(home);
  console.log(`Built the index in ${Math.round(t.summariesMs)} ms and the search index in ${Math.round(t.searchMs)} ms.`);
}
console.log(`Try: REPCOACH_HOME=${home} node dist/cli.js reps`);
