/** `repcoach playbook show <id|file>`: a readable outline of one playbook. */
import { Chalk } from 'chalk';
import { resolvePlaybook } from '../playbook/load.ts';
import { outlinePlaybook } from '../playbook/outline.ts';
import { println, type CommandContext } from '../config/context.ts';

export interface PlaybookShowOptions {
  ref: string;
}

export async function playbookShow(ctx: CommandContext, opts: PlaybookShowOptions): Promise<void> {
  const loaded = await resolvePlaybook(opts.ref, ctx.paths, ctx.cwd, ctx.env);
  const c = new Chalk({ level: ctx.color });
  for (const line of outlinePlaybook(loaded.playbook, { source: loaded.source, file: loaded.file }, c)) println(ctx.stdout, line);
}
