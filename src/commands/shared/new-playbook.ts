/** What `playbook new` and `playbook fork` share: the new id's check, the schema reference, the write, and how to run it. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError, UserError } from '../../util/errors.ts';
import { PLAYBOOK_ID, schemaFile, sourcesFor } from '../../playbook/load.ts';
import { writeFileAtomic } from '../../util/fs.ts';
import type { CommandContext } from '../../config/context.ts';

export function checkNewId(id: string): void {
  if (!PLAYBOOK_ID.test(id)) {
    throw new UsageError(`"${id}" is not a playbook id.`, 'Use lower-case letters, digits and dashes, e.g. "price-pushback"; it is also the file name.');
  }
}

/** The git work tree `dir` is in (it need not exist yet), or undefined. */
function gitRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * What the `$schema` comment of a new playbook in `to` points at (issue 14).
 * In a git repository it must work on every teammate's machine, so it is a
 * path relative to the file: to repcoach installed in the repository
 * (node_modules/repcoach) when it is, else to a copy of the schema kept in
 * the repository (schema/playbook.schema.json, written or refreshed here).
 * Outside a repository, the installed package's schema on this machine.
 */
export async function schemaRefFor(ctx: CommandContext, to: string | undefined): Promise<{ ref: string; note?: string | undefined }> {
  if (to === undefined) return { ref: schemaFile() };
  const folder = path.resolve(ctx.cwd, to);
  const root = gitRoot(folder);
  if (!root) return { ref: schemaFile() };
  const relative = (target: string) => {
    const rel = path.relative(folder, target).split(path.sep).join('/');
    return rel.startsWith('.') ? rel : `./${rel}`;
  };
  const installed = path.join(root, 'node_modules', 'repcoach', 'schema', 'playbook.schema.json');
  if (existsSync(installed)) return { ref: relative(installed) };
  const copy = path.join(root, 'schema', 'playbook.schema.json');
  const current = existsSync(schemaFile()) ? readFileSync(schemaFile(), 'utf8') : JSON.stringify((await import('../../playbook/schema.ts')).playbookJsonSchema(), null, 2) + '\n';
  const had = existsSync(copy) ? readFileSync(copy, 'utf8') : undefined;
  if (had === current) return { ref: relative(copy) };
  await writeFileAtomic(copy, current);
  return {
    ref: relative(copy),
    note: `${had === undefined ? 'Wrote' : 'Refreshed'} the editor schema ${copy}: commit it with the playbook, so every teammate's editor completes and checks it.`,
  };
}

/** Write `<folder>/<id>.yaml`, refusing to replace a playbook that is already there. */
export async function writeNewPlaybook(ctx: CommandContext, to: string | undefined, id: string, text: string): Promise<string> {
  const folder = to !== undefined ? path.resolve(ctx.cwd, to) : ctx.paths.playbooks;
  const file = path.join(folder, `${id}.yaml`);
  for (const existing of [file, path.join(folder, `${id}.yml`)]) {
    if (existsSync(existing)) {
      throw new UserError(`${existing} already exists; it was left as it is.`, 'Choose another id, or another folder with --to.');
    }
  }
  await writeFileAtomic(file, text);
  return file;
}

/**
 * How to refer to a playbook just written: by id when its folder is searched
 * and nothing earlier has the same id, else by path; with advice to print.
 */
export async function howToRun(ctx: CommandContext, folder: string, id: string, file: string): Promise<{ ref: string; advice: string }> {
  const sources = await sourcesFor(ctx.paths, { env: ctx.env, cwd: ctx.cwd });
  const source = sources.find((s) => path.resolve(s.dir) === path.resolve(folder));
  if (!source) {
    return {
      ref: file,
      advice: `Run it with: repcoach run ${file}\n(${folder} is not a playbook source; to run it by id, add it: repcoach playbook add ${folder})`,
    };
  }
  const winner = sources.find((s) => existsSync(path.join(s.dir, `${id}.yaml`)) || existsSync(path.join(s.dir, `${id}.yml`)));
  if (winner && winner !== source) {
    return { ref: file, advice: `Run it with: repcoach run ${file}\n(${winner.label} has a playbook "${id}" too and is searched first, so the id finds that one.)` };
  }
  return { ref: id, advice: `Run it with: repcoach run ${id}` };
}
