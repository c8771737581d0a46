/**
 * `repcoach playbook fork <id> [--as <new-id>] [--to <folder>]`: copy a playbook
 * under a new id, recording `forkedFrom: <id>@<version>`; comments and layout kept.
 */
import path from 'node:path';
import { UserError } from '../util/errors.ts';
import { forkText } from '../playbook/fork.ts';
import { resolvePlaybook } from '../playbook/load.ts';
import { checkPlaybook } from '../playbook/parse.ts';
import { forkBaseFile } from '../playbook/fork.ts';
import { writeFileAtomic } from '../util/fs.ts';
import { println, type CommandContext } from '../config/context.ts';
import { checkNewId, howToRun, schemaRefFor, writeNewPlaybook } from './shared/new-playbook.ts';

export interface PlaybookForkOptions {
  ref: string;
  /** The fork's id; `<id>-fork` by default. */
  as?: string | undefined;
  to?: string | undefined;
}

export async function playbookFork(ctx: CommandContext, opts: PlaybookForkOptions): Promise<void> {
  const original = await resolvePlaybook(opts.ref, ctx.paths, ctx.cwd, ctx.env);
  const id = opts.as ?? `${original.playbook.id}-fork`;
  checkNewId(id);
  const forkedFrom = `${original.playbook.id}@${original.playbook.version}`;
  const schema = await schemaRefFor(ctx, opts.to);
  const text = forkText(original.text, { id, forkedFrom, schemaPath: schema.ref });
  // The edit must leave a valid playbook; if it ever does not, say so instead of writing it.
  const check = checkPlaybook(text, `${id}.yaml`);
  if (!check.playbook || check.playbook.id !== id || check.playbook.forkedFrom !== forkedFrom) {
    throw new UserError(`Could not fork ${original.file}: the copy did not come out as a valid playbook.`, 'Please report this, with the playbook file.');
  }
  const file = await writeNewPlaybook(ctx, opts.to, id, text);
  // The version forked from, kept beside the fork, so `diff` can tell upstream's later changes from the fork's own.
  await writeFileAtomic(forkBaseFile(file), original.text);
  println(ctx.stdout, `Forked ${forkedFrom} (${original.source}) to ${file}`);
  if (schema.note) println(ctx.stdout, schema.note);
  println(ctx.stdout, `Edit it, then check it: repcoach playbook validate ${file}`);
  println(ctx.stdout, `The version it was forked from is kept in ${forkBaseFile(file)}; commit it with the fork, so diff can tell upstream's changes from yours.`);
  const { ref, advice } = await howToRun(ctx, path.dirname(file), id, file);
  println(ctx.stdout, `See how it differs from ${original.playbook.id}: repcoach playbook diff ${ref}`);
  println(ctx.stdout, advice);
}
