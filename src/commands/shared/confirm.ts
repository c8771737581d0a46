/**
 * Asking before a change that cannot be undone (reps rename/merge, discard,
 * delete): in a terminal, a y/N question; `--yes` for scripts; with neither, a
 * refusal (exit 2) rather than a silent change.
 */
import { UsageError } from '../../util/errors.ts';
import type { CommandContext } from '../../config/context.ts';

export interface ConfirmOptions {
  /** --yes: do it without asking. */
  yes?: boolean | undefined;
  /** How to ask (tests); the terminal's y/N question by default. */
  ask?: ((question: string) => Promise<boolean>) | undefined;
}

/**
 * True when the manager said yes (or gave --yes); false when they said no.
 * `command`: the command's name ("repcoach delete"); `again`: the same command
 * line with its arguments, to show with --yes.
 */
export async function confirmed(ctx: CommandContext, opts: ConfirmOptions, question: string, command: string, again: string): Promise<boolean> {
  if (opts.yes) return true;
  if (opts.ask) return opts.ask(question);
  if (!ctx.stdinIsTTY) {
    throw new UsageError(`${command} asks before it changes anything, and standard input is not a terminal to ask in. Nothing was changed.`, `Add --yes to go ahead without asking: ${again} --yes`);
  }
  const { askYesNo } = await import('../../prompts/index.ts');
  return askYesNo(question, false, ctx.stderr);
}
