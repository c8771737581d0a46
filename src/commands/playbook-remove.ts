/** `repcoach playbook remove <name>`: unregister a team source (and delete its clone, unless it holds local work). */
import { removeTeam } from '../playbook/teams.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';

export interface PlaybookRemoveOptions {
  name: string;
  /** Delete a clone even when it has local edits or commits. */
  force?: boolean | undefined;
}

export async function playbookRemove(ctx: CommandContext, opts: PlaybookRemoveOptions): Promise<void> {
  const { team, deleted } = await removeTeam(ctx, opts.name, { force: opts.force });
  if (team.kind === 'folder') println(ctx.stdout, `Removed team source ${team.name}; the folder ${safeText(team.dir)} itself is untouched.`);
  else println(ctx.stdout, `Removed team source ${team.name}${deleted ? ` and its clone ${safeText(team.dir)}` : ''}.`);
}
