/**
 * `repcoach playbook answers <id|file> [--out <file>]`: an answers-file
 * template for scripted runs (`repcoach run <id> --answers <file>`), with
 * every question's id, text and how to write its answer.
 */
import path from 'node:path';
import { UserError } from '../util/errors.ts';
import { answersTemplate } from '../playbook/answers-file.ts';
import { resolvePlaybook } from '../playbook/load.ts';
import { writeFileAtomic } from '../util/fs.ts';
import { existsSync } from 'node:fs';
import { println, type CommandContext } from '../config/context.ts';

export interface PlaybookAnswersOptions {
  ref: string;
  /** Write it to this file (never over an existing one) instead of standard output. */
  out?: string | undefined;
}

export async function playbookAnswers(ctx: CommandContext, opts: PlaybookAnswersOptions): Promise<void> {
  const loaded = await resolvePlaybook(opts.ref, ctx.paths, ctx.cwd, ctx.env);
  const text = answersTemplate(loaded.playbook);
  if (opts.out === undefined) {
    ctx.stdout.write(text);
    return;
  }
  const file = path.resolve(ctx.cwd, opts.out);
  if (existsSync(file)) throw new UserError(`${file} already exists; it was left as it is.`, 'Give another file with --out, or print the template to standard output.');
  await writeFileAtomic(file, text);
  println(ctx.stdout, `Wrote ${file}. Fill it in, then: repcoach run ${loaded.playbook.id} --rep "<name>" --answers ${opts.out}`);
}
