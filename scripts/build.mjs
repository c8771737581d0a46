// Bundles the CLI into dist/ with esbuild, as CommonJS:
// - dist/cli.js: the command line (src/cli/main.ts and commander), all that
//   `--version` and `--help` read;
// - dist/app.js: everything else (src/cli/app.ts), each command's code wrapped so
//   that it runs only when that command does, loaded through a V8 code cache
//   (scripts/lib/app-loader.cjs);
// - dist/lib/{yaml,zod}.js: the two large libraries (1 MB between them),
//   required only by the commands that need them (a playbook that is not a
//   built-in); dist/lib/conf.js, required when there is a settings file to read
//   or a setting to write; dist/lib/chrono-node/en.js, the due-date word parser,
//   required only when a due date is typed in words.
// CommonJS because Node 20 loads one CommonJS file much faster than the forty ES
// modules an ESM build splits the same code into: the first question of a run
// comes on screen some 20 ms sooner (`npm run bench`). The sources stay ES modules.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

/**
 * The libraries kept out of dist/app.js, each as the CommonJS module the program's
 * imports read: `import { z } from 'zod'` takes the named export (re-exported from
 * the package's ES module build, a quarter smaller than its CommonJS one), and
 * `import Conf from 'conf'` takes module.exports itself (Node's interop, which
 * esbuild follows for a package of "type": "module"), so conf's module.exports is
 * its class.
 */
const LIBRARIES = {
  yaml: "export * from 'yaml';",
  zod: "export * from 'zod';",
  conf: "module.exports = require('conf').default;",
  // Read only when a due date is typed in words ("next friday"): src/model/answers.ts.
  'chrono-node/en': "export * from 'chrono-node/en';",
  // Read only by `repcoach listen`, for WebVTT and SRT transcripts: src/listen/parse.ts.
  'webvtt-parser': "module.exports = require('webvtt-parser');",
};
const commonjs = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // ES module code asks for import.meta.url; in CommonJS it is the file's own URL.
  define: { 'import.meta.url': '__importMetaUrl' },
  // "use strict" first, so the bundle runs as strictly as the ES modules it came from.
  banner: { js: "'use strict';\nconst __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  // import() of another bundle becomes require(): Node would otherwise load it through
  // its ES module loader, which first scans all of a CommonJS file for its exports.
  supported: { 'dynamic-import': false },
  legalComments: 'none',
  logLevel: 'warning',
};
/**
 * conf without its schema validator (ajv and ajv-formats) and its migrations
 * (semver): src/settings.ts gives it neither, checking settings with zod, key by
 * key. They are six sevenths of conf's bundle (450 KB with them, 65 KB without),
 * and conf is loaded by every command that finds a settings file: with them the
 * first question came on screen 12 to 14 ms later (`npm run bench`). Should conf
 * ever be given a schema or migrations, its constructor says what is missing.
 */
const confWithoutSchema = {
  name: 'conf-without-schema',
  setup(b) {
    b.onResolve({ filter: /^(ajv\/dist\/2020\.js|ajv-formats|semver)$/ }, (args) => ({ path: args.path, namespace: 'conf-without-schema' }));
    b.onLoad({ filter: /.*/, namespace: 'conf-without-schema' }, (args) => ({
      contents: `const absent = () => { throw new Error(${JSON.stringify(`${args.path} is left out of repcoach's build of conf: give conf no schema or migrations (scripts/build.mjs)`)}); };
export class Ajv2020 { constructor() { absent(); } }
export default { default: absent, satisfies: absent, clean: absent, eq: absent, gt: absent, lte: absent };`,
      loader: 'js',
    }));
  },
};
/**
 * What conf needs only to write (atomically, with the exit and signal handlers
 * it installs), loaded on the first write: every command that finds a settings
 * file reads it through conf, and most never write (the first question comes on
 * screen some 4 ms sooner, `npm run bench`).
 */
const confWritesLazily = {
  name: 'conf-writes-lazily',
  setup(b) {
    b.onResolve({ filter: /^atomically$/ }, (args) => ({ path: args.path, namespace: 'conf-writes-lazily' }));
    // The real package, for the stand-in's require(): its own name would resolve to the stand-in again.
    b.onResolve({ filter: /^atomically-itself$/ }, () => ({ path: fileURLToPath(import.meta.resolve('atomically')) }));
    b.onLoad({ filter: /^atomically$/, namespace: 'conf-writes-lazily' }, () => ({
      contents: "let real; export function writeFileSync(...args) { real ??= require('atomically-itself'); return real.writeFileSync(...args); }",
      resolveDir: root,
      loader: 'js',
    }));
  },
};
const root = fileURLToPath(new URL('..', import.meta.url));
for (const [name, contents] of Object.entries(LIBRARIES)) {
  const plugins = name === 'conf' ? [confWithoutSchema, confWritesLazily] : [];
  await build({ ...commonjs, stdin: { contents, resolveDir: root, loader: 'js' }, outfile: `dist/lib/${name}.js`, plugins });
}
const libraries = {
  name: 'libraries',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LIBRARIES).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: `./lib/${args.path}.js`, external: true }));
  },
};
// main.ts's `import('./app.ts')` becomes scripts/lib/app-loader.cjs, bundled into dist/cli.js:
// it loads dist/app.js with a V8 code cache.
const app = {
  name: 'app',
  setup(b) {
    b.onResolve({ filter: /^\.\/app\.ts$/ }, () => ({ path: fileURLToPath(new URL('./lib/app-loader.cjs', import.meta.url)) }));
  },
};
const version = { ...commonjs.define, __VERSION__: JSON.stringify(pkg.version) };
await build({ ...commonjs, entryPoints: { cli: 'src/cli/bin.ts' }, outdir: 'dist', define: version, plugins: [app] });
await build({ ...commonjs, entryPoints: { app: 'src/cli/app.ts' }, outdir: 'dist', define: version, plugins: [libraries] });
// The package is "type": "module"; the files in dist/ are CommonJS.
writeFileSync(new URL('../dist/package.json', import.meta.url), JSON.stringify({ type: 'commonjs' }) + '\n');

// Build-time work done with the program's own modules: the JSON Schema for
// editors (from the same zod schema as the types), and the built-in playbooks
// parsed and validated once, so a run need not load the YAML and schema
// libraries to read them (src/playbook/load.ts, prebuilt()).
const { outputFiles } = await build({
  stdin: {
    contents: "export { playbookJsonSchema } from './src/playbook/schema.ts'; export { parsePlaybook } from './src/playbook/parse.ts'; export { hashText } from './src/playbook/load.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
// Imported from a real file (not a data: URL) so that the bundle's require() shim can resolve.
const helper = path.join(mkdtempSync(path.join(os.tmpdir(), 'repcoach-build-')), 'build-helper.mjs');
writeFileSync(helper, outputFiles[0].text);
const mod = await import(pathToFileURL(helper).href);
rmSync(path.dirname(helper), { recursive: true, force: true });
mkdirSync(new URL('../schema', import.meta.url), { recursive: true });
writeFileSync(new URL('../schema/playbook.schema.json', import.meta.url), JSON.stringify(mod.playbookJsonSchema(), null, 2) + '\n');

const playbooksDir = new URL('../playbooks/', import.meta.url);
const builtins = {};
for (const name of readdirSync(playbooksDir).filter((n) => n.endsWith('.yaml')).sort()) {
  const text = readFileSync(new URL(name, playbooksDir), 'utf8');
  builtins[mod.hashText(text)] = mod.parsePlaybook(text, `playbooks/${name}`);
}
writeFileSync(new URL('../dist/builtin-playbooks.json', import.meta.url), JSON.stringify(builtins) + '\n');
