/** `repcoach playbook new <id> [--to <folder>]`: a complete, valid CLEAR-style playbook to edit. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError, UserError } from '../errors.ts';
import { PLAYBOOK_ID, schemaFile, sourcesFor } from '../playbook/load.ts';
import { scaffoldPlaybook } from '../playbook/scaffold.ts';
import { writeFileAtomic } from '../util/fs.ts';
import { println, type CommandContext } from './context.ts';

export interface PlaybookNewOptions {
  id: string;
  /** Folder to write to; the user's playbook folder by default. */
  to?: string | undefined;
}

export async function playbookNew(ctx: CommandContext, opts: PlaybookNewOptions): Promise<void> {
  checkNewId(opts.id);
  const file = await writeNewPlaybook(ctx, opts.to, opts.id, scaffoldPlaybook(opts.id, schemaFile()));
  println(ctx.stdout, `Created ${file}`);
  println(ctx.stdout, `Edit it (your editor completes and checks it through the schema comment at the top), then check it:`);
  println(ctx.stdout, `  repcoach playbook validate ${file}`);
  println(ctx.stdout, (await howToRun(ctx, path.dirname(file), opts.id, file)).advice);
}

export function checkNewId(id: string): void {
  if (!PLAYBOOK_ID.test(id)) {
    throw new UsageError(`"${id}" is not a playbook id.`, 'Use lower-case letters, digits and dashes, e.g. "price-pushback"; it is also the file name.');
  }
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
