/**
 * The editor and `repcoach playbook validate` say the same thing (issue 14).
 *
 * A real yaml-language-server (the one VS Code's YAML extension and many other
 * editors run) is started once over stdio with the shipped JSON Schema, and
 * every playbook of the corpus in test/fixtures/editor-agreement is opened in
 * it. For each file, the editor flags it exactly when validate finds an error,
 * on the same line. The files in validate-only/ break rules JSON Schema
 * draft-07 cannot express (unique ids, references to earlier answers,
 * placeholders, values that depend on other keys): there the editor is silent
 * and validate is not, as docs/playbooks.md says.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPlaybookFile } from '../src/playbook/load.ts';
import { playbookJsonSchema } from '../src/playbook/schema.ts';
import { tempDir } from './helpers.ts';
import { write } from './library-helpers.ts';
import { YamlLanguageServer, type Diagnostic } from './playbook-lsp-client.ts';

const CORPUS = path.join(import.meta.dirname, 'fixtures', 'editor-agreement');
const files = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(dir, f));

const bin = YamlLanguageServer.binary();
let server: YamlLanguageServer | undefined;
let startError = bin ? '' : 'the yaml-language-server package is not installed (npm ci installs it)';

beforeAll(async () => {
  if (!bin) return;
  // The schema as this source generates it, so the test checks the code, not a stale build.
  const schema = write(path.join(tempDir(), 'playbook.schema.json'), JSON.stringify(playbookJsonSchema(), null, 2));
  try {
    server = await YamlLanguageServer.start(schema, bin);
  } catch (err) {
    startError = `yaml-language-server did not start: ${(err as Error).message}`;
  }
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

async function editor(file: string): Promise<Diagnostic[]> {
  if (!server) throw new Error(startError);
  return server.diagnose(pathToFileURL(file).href, readFileSync(file, 'utf8'));
}

async function validateErrors(file: string) {
  return (await checkPlaybookFile(file)).problems.filter((p) => p.severity === 'error');
}

const lines = (ds: Diagnostic[]) => [...new Set(ds.map((d) => d.range.start.line))].sort((a, b) => a - b);

describe.skipIf(!bin)('the editor and validate agree on what JSON Schema can express', () => {
  // Concurrently: the server waits a moment (its typing delay) before it checks each file it is given.
  it.concurrent.for(files(CORPUS).map((f) => [path.basename(f), f] as const))('%s', async ([, file], { expect }) => {
    const [fromEditor, fromValidate] = await Promise.all([editor(file), validateErrors(file)]);
    const said = { editor: fromEditor.map((d) => `${d.range.start.line}: ${d.message}`), validate: fromValidate.map((p) => `${p.line}: ${p.message}`) };
    expect(fromEditor.length > 0, JSON.stringify(said)).toBe(fromValidate.length > 0);
    // The same lines: what validate points at, the editor underlines.
    expect(lines(fromEditor), JSON.stringify(said)).toEqual([...new Set(fromValidate.map((p) => p.line))].sort((a, b) => a - b));
  });

  it('the corpus covers a valid file and the cases of issue 14', () => {
    const names = files(CORPUS).map((f) => path.basename(f, '.yaml'));
    for (const n of ['valid', 'labels-number-keys', 'merge-key', 'nan', 'inf', 'blank-text', 'when-empty', 'when-two-tests', 'text-with-options', 'text-with-min', 'choice-without-options', 'duplicate-options']) {
      expect(names).toContain(n);
    }
  });
});

describe.skipIf(!bin)('what only validate checks', () => {
  it.concurrent.for(files(path.join(CORPUS, 'validate-only')).map((f) => [path.basename(f), f] as const))('%s', async ([, file], { expect }) => {
    const [fromEditor, fromValidate] = await Promise.all([editor(file), validateErrors(file)]);
    expect(fromEditor.map((d) => d.message)).toEqual([]);
    expect(fromValidate.length).toBeGreaterThan(0);
  });
});

describe.skipIf(!bin)('completion', () => {
  it('offers each question type with its own words, and no stray item named after the schema', async () => {
    if (!server) throw new Error(startError);
    const text = readFileSync(path.join(CORPUS, 'valid.yaml'), 'utf8') + '        type: ';
    const lastLine = text.split('\n').length - 1;
    const items = await server.complete(pathToFileURL(path.join(CORPUS, 'completion.yaml')).href, text, lastLine, '        type: '.length);
    const docs = new Map(items.map((i) => [i.label, JSON.stringify(i.documentation ?? i.detail ?? '')]));
    expect([...docs.keys()].sort()).toEqual(['actions', 'choice', 'long-text', 'multi-choice', 'number', 'scale', 'text', 'yes-no']);
    expect(new Set(docs.values()).size).toBe(8);

    const top = await server.complete(pathToFileURL(path.join(CORPUS, 'top.yaml')).href, 'id: x\n', 1, 0);
    const labels = top.map((i) => i.label);
    expect(labels).toContain('title');
    expect(labels.join(' ')).not.toMatch(/repcoach playbook/);
  });
});

it('the agreement test runs wherever the package is installed', () => {
  // CI installs devDependencies: the tests above are skipped only when the server is missing.
  if (!bin) expect(startError).toMatch(/not installed/);
  else expect(existsSync(bin)).toBe(true);
});
