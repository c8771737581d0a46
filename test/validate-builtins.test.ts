import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { playbookValidate } from '../src/commands/playbook-validate.ts';
import { atPath } from '../src/playbook/parse.ts';
import { builtinDir, packageRoot } from '../src/playbook/load.ts';
import { tempPaths } from './helpers.ts';
import { testContext } from './library-helpers.ts';

// A linter that warns about every playbook it is given: whether validate lints
// a file at all is what is tested here, not the linter's rules.
vi.mock('../src/playbook/lint.ts', () => ({
  lintPlaybook: (_pb: unknown, source: Parameters<typeof atPath>[0]) => [atPath(source, ['title'], 'linted', 'warning')],
}));

describe('playbook validate on the built-in playbooks', () => {
  // Issue 10: a built-in's text matches the prebuilt cache, which has no YAML
  // source, and validate skipped its linter: "0 warnings" whatever it said.
  it.skipIf(!existsSync(path.join(packageRoot(), 'dist', 'builtin-playbooks.json')))('lints them like any other file', async () => {
    const ctx = testContext(tempPaths(), { cwd: builtinDir() });
    await playbookValidate(ctx, { targets: ['stalled-deal.yaml', 'one-to-one.yaml'] });
    expect(ctx.out()).toMatch(/^stalled-deal\.yaml:\d+:\d+: warning: linted \(title\)$/m);
    expect(ctx.out()).toMatch(/^one-to-one\.yaml:\d+:\d+: warning: linted \(title\)$/m);
    expect(ctx.out()).toContain('2 files checked: 2 valid, 0 invalid; 0 errors, 2 warnings.');
  });
});
