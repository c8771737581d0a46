// Bundles the CLI into dist/ with esbuild: one small entry chunk, and each
// command in a chunk of its own that is loaded only when that command runs.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli/bin.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __VERSION__: JSON.stringify(pkg.version) },
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __repcoachCreateRequire } from 'node:module'; const require = __repcoachCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});

// Build-time work done with the program's own modules: the JSON Schema for
// editors (from the same zod schema as the types), and the built-in playbooks
// parsed and validated once, so a run need not load the YAML and schema
// libraries to read them (src/playbook/load.ts, prebuilt()).
const { outputFiles } = await build({
  stdin: {
    contents: "export { playbookJsonSchema } from './src/playbook/schema.ts'; export { parsePlaybook } from './src/playbook/parse.ts'; export { hashText } from './src/playbook/load.ts';",
    resolveDir: fileURLToPath(new URL('..', import.meta.url)),
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
