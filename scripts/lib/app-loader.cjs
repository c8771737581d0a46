// What dist/cli.js requires for './app.js' (scripts/build.mjs): the bundle of
// every command, compiled with a V8 code cache, so each start does not parse
// its ~650 KB anew (the first question of a run comes on screen sooner; issue 7's
// budget, `npm run bench`). Without a usable cache it is simply required.
//
// The cache is code that will run, and V8 does not check what is inside one
// whose header looks right (a damaged cache crashes the process). So:
// - it lives in `$XDG_CACHE_HOME/repcoach` (default ~/.cache/repcoach), made only
//   when its parent exists, and used only while it is this user's alone (0700,
//   owned by them, not a link);
// - it is named by a hash of the bundle's text as read, so a new build never
//   runs an old build's code;
// - each file starts with a SHA-256 of the data after it, checked before use;
// - it is written to a temp file, fsynced, then renamed into place.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, 'app.js');
const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;

function cacheDir() {
  if (process.env.REPCOACH_NO_CODE_CACHE || uid === undefined) return undefined;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const dir = path.join(base, 'repcoach');
  try {
    // The parent is the user's own business: never made here (a sudo run would make it root's).
    if (!fs.statSync(base).isDirectory()) return undefined;
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if (err.code !== 'EEXIST') return undefined;
  }
  try {
    const st = fs.lstatSync(dir);
    return st.isDirectory() && st.uid === uid && (st.mode & 0o077) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** How many builds' caches are kept for one Node version, this one's included. */
const KEPT_BUILDS = 3;

const sha256 = (data) => crypto.createHash('sha256').update(data).digest();

/** The cache's data when the file is there, private, and its checksum holds. */
function readCache(cache) {
  try {
    const st = fs.lstatSync(cache);
    if (!st.isFile() || st.uid !== uid || (st.mode & 0o077) !== 0) return undefined;
    const raw = fs.readFileSync(cache);
    const data = raw.subarray(32);
    return raw.length > 32 && sha256(data).equals(raw.subarray(0, 32)) ? data : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(dir, cache, data) {
  const tmp = `${cache}.${process.pid}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeSync(fd, Buffer.concat([sha256(data), data]));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, cache);
    // Other builds' caches for this Node version go, but for the newest few: two installs side by side
    // (a global one and a clone) would otherwise throw out each other's on every start. Other Node
    // versions' stay (two Nodes may share the folder).
    const prefix = `app-${process.version}-`;
    const others = fs
      .readdirSync(dir)
      .filter((n) => n.startsWith(prefix) && n.endsWith('.cache') && path.join(dir, n) !== cache)
      .map((n) => ({ file: path.join(dir, n), mtimeMs: fs.statSync(path.join(dir, n)).mtimeMs }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const old of others.slice(KEPT_BUILDS - 1)) fs.rmSync(old.file, { force: true });
  } catch {
    // a cache is only a speed-up
    fs.rmSync(tmp, { force: true });
  }
}

function load() {
  const dir = cacheDir();
  if (!dir) return require(file);
  let source;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return require(file);
  }
  const cache = path.join(dir, `app-${process.version}-${sha256(source).toString('hex').slice(0, 32)}.cache`);
  const cachedData = readCache(cache);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(__dirname);
  require.cache[file] = mod;
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, __dirname);
  mod.loaded = true;
  if (cachedData === undefined || script.cachedDataRejected) {
    // Made at exit, when the functions this command ran are compiled too.
    process.once('exit', () => writeCache(dir, cache, script.createCachedData()));
  }
  return mod.exports;
}

module.exports = load();
