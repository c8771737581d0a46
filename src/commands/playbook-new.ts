/** `repcoach playbook new <id> [--to <folder>]`: a complete, valid CLEAR-style playbook to edit. */
import path from 'node:path';
import { scaffoldPlaybook } from '../playbook/scaffold.ts';
import { println, type CommandContext } from '../config/context.ts';
import { checkNewId, howToRun, schemaRefFor, writeNewPlaybook } from './shared/new-playbook.ts';

export interface PlaybookNewOptions {
  id: string;
  /** Folder to write to; the user's playbook folder by default. */
  to?: string | undefined;
}

export async function playbookNew(ctx: CommandContext, opts: PlaybookNewOptions): Promise<void> {
  checkNewId(opts.id);
  const schema = await schemaRefFor(ctx, opts.to);
  const file = await writeNewPlaybook(ctx, opts.to, opts.id, scaffoldPlaybook(opts.id, schema.ref));
  println(ctx.stdout, `Created ${file}`);
  if (schema.note) println(ctx.stdout, schema.note);
  println(ctx.stdout, `Edit it (your editor completes and checks it through the schema comment at the top), then check it:`);
  println(ctx.stdout, `  repcoach playbook validate ${file}`);
  println(ctx.stdout, (await howToRun(ctx, path.dirname(file), opts.id, file)).advice);
}
