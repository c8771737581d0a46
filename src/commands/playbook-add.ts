/** `repcoach playbook add <git-url|folder> [--name <team>]`: register a team source of playbooks. */
import { Chalk } from 'chalk';
import { teamFolder } from '../playbook/sources.ts';
import { addTeam } from '../playbook/teams.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';
import { reportTeamPlaybooks } from './shared/playbook-report.ts';

export interface PlaybookAddOptions {
  target: string;
  name?: string | undefined;
  /** A branch or tag to pin the clone to. */
  ref?: string | undefined;
}

export async function playbookAdd(ctx: CommandContext, opts: PlaybookAddOptions): Promise<void> {
  const team = await addTeam(ctx, opts.target, opts.name, opts.ref);
  const c = new Chalk({ level: ctx.color });
  const how = team.kind === 'git' ? `cloned ${safeText(team.url ?? '')}${team.ref ? ` at ${safeText(team.ref)}` : ''} into ${safeText(team.dir)}` : `the folder ${safeText(team.dir)}, used in place`;
  println(ctx.stdout, `Added team source ${c.bold(team.name)}: ${how}.`);
  await reportTeamPlaybooks(ctx, team.name, teamFolder(team.dir));
  println(ctx.stdout, c.dim(`Its playbooks are searched as team:${team.name}; see them all with: repcoach playbook list`));
  if (team.kind === 'git') println(ctx.stdout, c.dim(`Get the team's changes later with: repcoach playbook update ${team.name}`));
}
