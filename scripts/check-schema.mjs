// Fails when schema/playbook.schema.json is not what the build makes of
// src/playbook/schema.ts (issue 11): editors read the committed file, so a schema
// change that was built but not committed would ship a stale one. Runs the build,
// which rewrites the file, and compares it with what was there before; on a
// difference the new file is left in place, to be committed.
import { readFileSync } from 'node:fs';

const file = new URL('../schema/playbook.schema.json', import.meta.url);
const read = () => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

const before = read();
await import('./build.mjs');
if (read() !== before) {
  console.error(
    before === undefined
      ? 'schema/playbook.schema.json was missing: the build has written it. Commit it.'
      : 'schema/playbook.schema.json was not what the build makes of src/playbook/schema.ts: the build has rewritten it. Commit the new file.',
  );
  process.exitCode = 1;
}
