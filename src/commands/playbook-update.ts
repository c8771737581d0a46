/**
 * `repcoach playbook update [<name>]`: pull team repositories, fast-forward
 * only. Local edits are never overwritten; a team that cannot be updated is
 * reported and the others still are.
 */
import { Chalk } from 'chalk';
import { UserError } from '../util/errors.ts';
import { teamFolder } from '../playbook/sources.ts';
import { listTeams, updateTeam } from '../playbook/teams.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';
import { reportTeamPlaybooks } from './shared/playbook-report.ts';

export interface PlaybookUpdateOptions {
  name?: string | undefined;
}

export async function playbookUpdate(ctx: CommandContext, opts: PlaybookUpdateOptions): Promise<void> {
  const { teams } = await listTeams(ctx.paths);
  const c = new Chalk({ level: ctx.color });
  let chosen = teams;
  if (opts.name !== undefined) {
    chosen = teams.filter((t) => t.name === opts.name);
    if (chosen.length === 0) {
      throw new UserError(
        `There is no team source named "${opts.name}".`,
        teams.length ? `Team sources: ${teams.map((t) => t.name).join(', ')}.` : 'Add one with: repcoach playbook add <git-url|folder>',
      );
    }
  } else if (teams.length === 0) {
    println(ctx.stdout, 'No team sources to update. Add one with: repcoach playbook add <git-url|folder>');
    return;
  }

  const failed: string[] = [];
  for (const team of chosen) {
    try {
      const r = await updateTeam(ctx, team);
      if (r.status === 'folder') {
        println(ctx.stdout, `${c.bold(team.name)}: a folder used in place (${safeText(team.dir)}); nothing to pull.`);
        continue;
      }
      if (r.status === 'pinned') {
        println(ctx.stdout, `${c.bold(team.name)}: pinned to the tag ${safeText(r.ref)}; nothing to pull. To move to another version: repcoach playbook remove ${team.name} && repcoach playbook add ${safeText(team.url ?? '<url>')} --name ${team.name} --ref <tag>`);
        continue;
      }
      if (r.status === 'up-to-date') println(ctx.stdout, `${c.bold(team.name)}: already up to date.`);
      else if (r.status === 'ahead') {
        println(ctx.stdout, `${c.bold(team.name)}: nothing new; your copy has ${r.ahead} local ${r.ahead === 1 ? 'commit' : 'commits'} the team repository does not.`);
      } else {
        println(ctx.stdout, `${c.bold(team.name)}: updated ${r.from}..${r.to}, ${r.files.length} ${r.files.length === 1 ? 'file' : 'files'} changed:`);
        for (const f of r.files) println(ctx.stdout, `  ${safeText(f)}`);
      }
      await reportTeamPlaybooks(ctx, team.name, teamFolder(team.dir));
    } catch (err) {
      if (!(err instanceof UserError) || chosen.length === 1) throw err;
      failed.push(team.name);
      println(ctx.stderr, c.red(`${team.name}: ${err.message}`));
      if (err.hint) println(ctx.stderr, `  ${err.hint}`);
    }
  }
  if (failed.length > 0) {
    throw new UserError(`${failed.length} of ${chosen.length} team sources could not be updated: ${failed.join(', ')}. The others were.`);
  }
}

