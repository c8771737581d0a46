/** `repcoach playbook schema [--path]`: the JSON Schema editors use to complete and check playbooks. */
import { existsSync } from 'node:fs';
import { readTextFile, schemaFile } from '../playbook/load.ts';
import { playbookJsonSchema } from '../playbook/schema.ts';
import { println, type CommandContext } from '../config/context.ts';

export interface PlaybookSchemaOptions {
  /** Print the installed file's path instead of its content. */
  path?: boolean | undefined;
}

export async function playbookSchema(ctx: CommandContext, opts: PlaybookSchemaOptions): Promise<void> {
  const file = schemaFile();
  if (opts.path) {
    println(ctx.stdout, file);
    return;
  }
  // The shipped file is built from the same zod schema; fall back to that when running from source.
  const text = existsSync(file) ? await readTextFile(file, 'schema', 4 * 1024 * 1024) : JSON.stringify(playbookJsonSchema(), null, 2) + '\n';
  ctx.stdout.write(text);
}
