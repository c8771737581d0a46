import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { playbookValidate } from '../src/commands/playbook-validate.ts';
import { UserError } from '../src/util/errors.ts';
import { atPath } from '../src/playbook/parse.ts';
import { tempDir, tempPaths } from './helpers.ts';
import { miniPlaybook, testContext, write } from './library-helpers.ts';

// The question linter is another module's job; here it warns about any title
// containing TODO, so the way validate treats warnings can be tested on its own.
vi.mock('../src/playbook/lint.ts', () => ({
  lintPlaybook: (pb: { title: string }, source: Parameters<typeof atPath>[0]) =>
    pb.title.includes('TODO') ? [atPath(source, ['title'], 'the title still says TODO', 'warning')] : [],
}));

describe('playbook validate warnings', () => {
  function setup() {
    const dir = tempDir();
    write(path.join(dir, 'draft.yaml'), miniPlaybook('draft', { title: 'TODO name it' }));
    write(path.join(dir, 'done.yaml'), miniPlaybook('done'));
    return testContext(tempPaths(), { cwd: dir });
  }

  it('reports warnings without failing', async () => {
    const ctx = setup();
    await playbookValidate(ctx, { targets: ['.'] });
    expect(ctx.out()).toContain('draft.yaml:3:8: warning: the title still says TODO (title)');
    expect(ctx.out()).toContain('2 files checked: 2 valid, 0 invalid; 0 errors, 1 warning.');
  });

  it('fails on warnings with --strict', async () => {
    const ctx = setup();
    const err = await playbookValidate(ctx, { targets: ['.'], strict: true, json: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).hint).toBe('With --strict, warnings count as failures.');
    const report = JSON.parse(ctx.out()) as { valid: boolean; warnings: number; files: Array<{ file: string; valid: boolean }> };
    expect(report.valid).toBe(false);
    expect(report.warnings).toBe(1);
    expect(report.files.map((f) => [f.file, f.valid])).toEqual([
      ['done.yaml', true],
      ['draft.yaml', false],
    ]);
  });
});
