/** How playbook commands report files and their problems: validate, list, update and add. */
import { Chalk } from 'chalk';
import path from 'node:path';
import { formatProblem, type Problem } from '../../util/errors.ts';
import { checkFolder, type CheckedFile } from '../../playbook/load.ts';
import type { TeamFolder } from '../../playbook/sources.ts';
import { safeText } from '../../util/term.ts';
import { println, type CommandContext } from '../../config/context.ts';

/** A path as the user will want to click it: relative below the working folder, absolute elsewhere. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Problems as `file:line:column: severity: message` lines, file names shown as displayPath. */
export function problemLines(problems: readonly Problem[], cwd: string): string[] {
  return problems.map((p) => safeText(formatProblem({ ...p, file: displayPath(p.file, cwd) })));
}

/** How many playbooks a team source offers, and every problem of the invalid ones (which are skipped). */
export async function reportTeamPlaybooks(ctx: CommandContext, name: string, folder: TeamFolder): Promise<void> {
  const c = new Chalk({ level: ctx.color });
  if (folder.refused) {
    println(ctx.stdout, c.yellow(`  team:${name} is not read: ${safeText(folder.refused)}`));
    return;
  }
  const checked: CheckedFile[] = await checkFolder(folder.dir, folder.root);
  const valid = checked.filter((f) => f.playbook);
  const invalid = checked.filter((f) => !f.playbook);
  const ids = valid.map((f) => f.playbook?.id ?? '').join(', ');
  println(ctx.stdout, `  ${valid.length} ${valid.length === 1 ? 'playbook' : 'playbooks'}${ids ? `: ${ids}` : ''}`);
  if (checked.length === 0) println(ctx.stdout, c.yellow(`  team:${name} has no playbook files (*.yaml, *.yml) at its top or in playbooks/.`));
  for (const f of invalid) {
    println(ctx.stdout, c.yellow(`  skipped ${safeText(f.file)}: not a valid playbook`));
    for (const line of problemLines(f.problems, ctx.cwd)) println(ctx.stdout, `    ${line}`);
  }
}
