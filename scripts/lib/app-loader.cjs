// What dist/cli.js requires for './app.js' (scripts/build.mjs): the bundle of
// every command, compiled with a V8 code cache, so each start does not parse
// its ~650 KB anew (the first question of a run comes on screen sooner; issue 7's
// budget, `npm run bench`). Without a usable cache it is simply required.
//
// The cache is code that will run: it lives in a folder of this user's alone
// (0700, owned by them, not a link), and a folder that is not is never used.
// It is keyed by the bundle's size and time and the Node version, written
// atomically, and a cache V8 rejects is replaced.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, 'app.js');

function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || (process.platform === 'win32' ? undefined : path.join(os.homedir(), '.cache'));
  return base ? path.join(base, 'repcoach') : undefined;
}

/** The folder, made if missing, when it is private to this user; else undefined. */
function privateDir(dir) {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    const uid = typeof process.getuid === 'function' ? process.getuid() : st.uid;
    if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

function load() {
  if (process.env.REPCOACH_NO_CODE_CACHE) return require(file);
  const dir = cacheDir() && privateDir(cacheDir());
  if (!dir) return require(file);
  let source;
  let st;
  try {
    source = fs.readFileSync(file, 'utf8');
    st = fs.statSync(file);
  } catch {
    return require(file);
  }
  const cache = path.join(dir, `app-${process.version}-${st.size}-${Math.floor(st.mtimeMs)}.cache`);
  let cachedData;
  try {
    const c = fs.lstatSync(cache);
    if (c.isFile() && (c.mode & 0o077) === 0) cachedData = fs.readFileSync(cache);
  } catch {
    // none yet
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData, importModuleDynamically: undefined });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(__dirname);
  require.cache[file] = mod;
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, __dirname);
  mod.loaded = true;
  if (cachedData === undefined || script.cachedDataRejected) {
    // Made at exit, when the functions this command ran are compiled too.
    process.once('exit', () => {
      try {
        const tmp = `${cache}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(tmp, cache);
        for (const old of fs.readdirSync(dir)) if (old.startsWith('app-') && path.join(dir, old) !== cache && old.endsWith('.cache')) fs.rmSync(path.join(dir, old), { force: true });
      } catch {
        // a cache is only a speed-up
      }
    });
  }
  return mod.exports;
}

module.exports = load();
