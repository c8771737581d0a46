/**
 * Team sources of playbooks: a folder used in place, or a git repository
 * cloned into `<data>/teams/<name>` and updated fast-forward only. Registered
 * in settings (`teams`); sources.ts puts them in the search order.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { UsageError, UserError } from '../util/errors.ts';
import { openSettings, type Settings, type TeamSource } from '../config/settings.ts';
import { ensureDir, TEMP_MARKER } from '../util/fs.ts';
import { slugify } from '../util/names.ts';
import type { Paths } from '../util/paths.ts';
import { GitFailure, firstGitLine, git, type GitOptions } from './git.ts';
import { registeredTeams, TEAM_NAME } from './sources.ts';

/** What the team operations need; a CommandContext is one. */
export interface TeamContext {
  paths: Paths;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** A person is at the terminal: git may ask for a password. */
  stdinIsTTY: boolean;
  now: () => Date;
}

function teamsRoot(paths: Paths): string {
  return path.join(paths.data, 'teams');
}

/** `https://…`, `ssh://…`, `file://…`, or scp-like `git@host:team/playbooks.git`. */
export function isGitUrl(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(target) || /^[\w.-]+@[\w.-]+:/.test(target);
}

/** The name a source gets when none is given: the repository's or folder's last part. */
export function defaultTeamName(target: string): string {
  const last = target.replace(/[/\\]+$/, '').split(/[/\\:]/).pop() ?? '';
  return slugify(last.replace(/\.git$/i, ''), 'team');
}

/**
 * A team name as typed, made a slug. Anything that looks like a path is
 * refused outright rather than quietly changed, so `--name ../x` never
 * surprises anyone about where a clone goes.
 */
export function teamName(name: string): string {
  if (/[/\\\0]/.test(name) || name.includes('..') || path.isAbsolute(name)) {
    throw new UsageError(`"${name}" is not a team name: it looks like a path.`, 'Use a plain name such as "sales-emea".');
  }
  const slug = slugify(name, '');
  if (!TEAM_NAME.test(slug)) throw new UsageError(`"${name}" is not a team name.`, 'Use letters, digits and dashes, e.g. "sales-emea".');
  return slug;
}

export async function listTeams(paths: Paths): Promise<{ settings: Settings; teams: TeamSource[] }> {
  const settings = await openSettings(paths);
  return { settings, teams: registeredTeams(settings).teams };
}

/** The `teams` setting as stored, so an entry this version cannot read is kept, not dropped, when another is added or removed. */
function storedTeams(settings: Settings): unknown[] {
  const raw: unknown = settings.get('teams');
  return Array.isArray(raw) ? raw : [];
}

function gitOpts(ctx: TeamContext, cwd?: string): GitOptions {
  return { env: ctx.env, cwd, interactive: ctx.stdinIsTTY };
}

/** Register a folder in place, or clone a git URL. Returns the new source. */
/** A branch or tag name as typed for --ref: refused when it could be read as an option or a range. */
function checkRef(ref: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/.test(ref) || ref.includes('..') || ref.endsWith('/') || ref.endsWith('.lock')) {
    throw new UsageError(`"${ref}" is not a branch or tag name.`, 'Give a branch such as "main" or a tag such as "v2.0".');
  }
  return ref;
}

export async function addTeam(ctx: TeamContext, target: string, name?: string, ref?: string): Promise<TeamSource> {
  if (ref !== undefined) checkRef(ref);
  const { settings, teams } = await listTeams(ctx.paths);
  const local = path.resolve(ctx.cwd, target);
  // A bare repository on disk (a shared drive, the team's server mounted) is cloned like a URL, not read in place.
  const bare = !isGitUrl(target) && isBareRepository(local);
  const isFolder = !isGitUrl(target) && !bare && existsSync(local);
  if (!isFolder && !bare && !isGitUrl(target)) {
    throw new UserError(`There is no folder at ${local}, and "${target}" is not a git URL.`, 'Give a folder of playbooks, or a URL such as https://git.example.com/sales/playbooks.git');
  }
  const slug = name !== undefined ? teamName(name) : defaultTeamName(isFolder ? local : target);
  const taken = teams.find((t) => t.name === slug);
  if (taken) {
    throw new UserError(
      `There is already a team source named "${slug}" (${taken.url ?? taken.dir}).`,
      `Choose another name with --name, or remove it first: repcoach playbook remove ${slug}`,
    );
  }
  let team: TeamSource;
  if (isFolder) {
    if (!statSync(local).isDirectory()) throw new UserError(`${local} is a file; a team source is a folder of playbooks.`);
    const same = teams.find((t) => path.resolve(t.dir) === local);
    if (same) throw new UserError(`${local} is already registered as the team source "${same.name}".`);
    if (ref !== undefined) throw new UsageError('--ref is for git repositories; a folder is used as it is.', `Add it without --ref: repcoach playbook add ${target}`);
    team = { name: slug, kind: 'folder', dir: local, added: ctx.now().toISOString() };
  } else {
    const url = bare ? local : target;
    const dir = await cloneTeam(ctx, url, slug, ref);
    team = { name: slug, kind: 'git', dir, url, added: ctx.now().toISOString() };
    if (ref !== undefined) team.ref = ref;
  }
  await settings.set('teams', [...storedTeams(settings), team] as TeamSource[]);
  return team;
}

/** A bare git repository: HEAD, objects/ and refs/ at the top, no work tree. */
function isBareRepository(dir: string): boolean {
  try {
    return (
      statSync(path.join(dir, 'HEAD')).isFile() &&
      statSync(path.join(dir, 'objects')).isDirectory() &&
      statSync(path.join(dir, 'refs')).isDirectory() &&
      !existsSync(path.join(dir, '.git'))
    );
  } catch {
    return false;
  }
}

async function cloneTeam(ctx: TeamContext, url: string, slug: string, ref?: string): Promise<string> {
  const root = teamsRoot(ctx.paths);
  const dest = path.join(root, slug);
  if (path.dirname(dest) !== root) throw new UsageError(`"${slug}" is not a team name.`);
  if (existsSync(dest)) {
    throw new UserError(`${dest} already exists, but no team source is registered there.`, 'Move it aside (it may hold someone\'s edits), or choose another --name.');
  }
  await ensureDir(root);
  // Clone beside the destination and rename, so a failed clone never leaves a half-made source.
  const tmp = path.join(root, `${TEMP_MARKER}${slug}-${randomBytes(4).toString('hex')}`);
  try {
    await git(['clone', '--quiet', ...(ref !== undefined ? ['--branch', ref] : []), '--', url, tmp], gitOpts(ctx));
    await fs.rename(tmp, dest);
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    if (err instanceof GitFailure) {
      throw err.kind === 'unreachable'
        ? new UserError(`Cannot reach the team repository ${url}: ${firstGitLine(err.stderr)}.`, 'Check the URL and your network or access rights, then try again.')
        : new UserError(
            `git could not clone ${url}${ref !== undefined ? ` at ${ref}` : ''}: ${firstGitLine(err.stderr)}.`,
            ref !== undefined ? `Check that the repository has a branch or tag named "${ref}".` : undefined,
          );
    }
    throw err;
  }
  return dest;
}

export type UpdateResult =
  | { status: 'updated'; from: string; to: string; files: string[] }
  | { status: 'up-to-date' }
  /** The clone has commits the team repository does not: nothing to pull. */
  | { status: 'ahead'; ahead: number }
  /** A folder source is used in place: there is nothing to pull. */
  | { status: 'folder' }
  /** Pinned to a tag (`add --ref <tag>`): it does not move. */
  | { status: 'pinned'; ref: string };

/** Pull a git team source fast-forward only; refuse (with the reason) anything else. */
export async function updateTeam(ctx: TeamContext, team: TeamSource): Promise<UpdateResult> {
  if (team.kind === 'folder') return { status: 'folder' };
  if (!existsSync(path.join(team.dir, '.git'))) {
    throw new UserError(
      `The clone of team "${team.name}" is missing from ${team.dir}.`,
      `Add it again: repcoach playbook remove ${team.name} && repcoach playbook add ${team.url ?? '<url>'} --name ${team.name}`,
    );
  }
  const o = gitOpts(ctx, team.dir);
  if (team.ref !== undefined) {
    // A tag checks out with no branch: it is a fixed version, and stays one.
    const onBranch = await git(['symbolic-ref', '-q', 'HEAD'], o).then(
      () => true,
      () => false,
    );
    if (!onBranch) return { status: 'pinned', ref: team.ref };
  }
  const edits = await localEdits(ctx, team);
  if (edits.length > 0) {
    throw new UserError(
      `Team "${team.name}" has local edits, and update never overwrites them:\n${edits.map((e) => `  ${e}`).join('\n')}`,
      `Keep your own versions in your playbook folder (repcoach playbook fork <id>), then undo the edits in ${team.dir} (git checkout -- <file>, or delete new files) and update again.`,
    );
  }
  const upstream = await upstreamOf(ctx, team);
  try {
    await git(['fetch', '--quiet'], o);
  } catch (err) {
    if (err instanceof GitFailure) {
      throw err.kind === 'unreachable'
        ? new UserError(
            `Cannot reach the team repository of "${team.name}" (${team.url ?? upstream}): ${firstGitLine(err.stderr)}.`,
            'Your copy is unchanged and still usable. Check the network or your access rights, then run the update again.',
          )
        : new UserError(`git could not fetch team "${team.name}": ${firstGitLine(err.stderr)}.`);
    }
    throw err;
  }
  const [ahead = 0, behind = 0] = (await git(['rev-list', '--left-right', '--count', `HEAD...${upstream}`], o))
    .trim()
    .split(/\s+/)
    .map(Number);
  if (ahead > 0 && behind > 0) {
    throw new UserError(
      `Team "${team.name}" has diverged: your copy has ${ahead} local ${ahead === 1 ? 'commit' : 'commits'} the team repository does not, and it has ${behind} new ${behind === 1 ? 'one' : 'ones'}. Update only fast-forwards, so nothing was changed.`,
      `To take the team's version and drop the local commits: repcoach playbook remove ${team.name} --force && repcoach playbook add ${team.url ?? '<url>'} --name ${team.name}`,
    );
  }
  if (behind === 0) return ahead > 0 ? { status: 'ahead', ahead } : { status: 'up-to-date' };
  const from = (await git(['rev-parse', '--short', 'HEAD'], o)).trim();
  try {
    await git(['merge', '--ff-only', '--quiet', upstream], o);
  } catch (err) {
    if (err instanceof GitFailure) throw new UserError(`git could not fast-forward team "${team.name}": ${firstGitLine(err.stderr)}. Your copy is unchanged.`);
    throw err;
  }
  const to = (await git(['rev-parse', '--short', 'HEAD'], o)).trim();
  const files = (await git(['-c', 'core.quotePath=false', 'diff', '--name-only', from, to], o)).split('\n').filter(Boolean);
  return { status: 'updated', from, to, files };
}

/** Changed, new or deleted files in a clone, as `git status` names them. */
async function localEdits(ctx: TeamContext, team: TeamSource): Promise<string[]> {
  const out = await git(['-c', 'core.quotePath=false', 'status', '--porcelain', '--untracked-files=all'], gitOpts(ctx, team.dir));
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const code = line.slice(0, 2);
      const file = line.slice(3);
      const what = code === '??' ? 'new file' : code.includes('D') ? 'deleted' : 'changed';
      return `${file} (${what})`;
    });
}

async function upstreamOf(ctx: TeamContext, team: TeamSource): Promise<string> {
  try {
    return (await git(['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{u}'], gitOpts(ctx, team.dir))).trim();
  } catch (err) {
    if (err instanceof GitFailure) {
      throw new UserError(
        `The clone of team "${team.name}" is not on a branch that follows the team repository.`,
        `In ${team.dir}, switch back to the team's branch (git switch <branch>), then update again.`,
      );
    }
    throw err;
  }
}

/** Commits in the clone that are not in the team repository (0 when it follows no branch). */
async function unpushedCommits(ctx: TeamContext, team: TeamSource): Promise<number> {
  try {
    return Number((await git(['rev-list', '--count', '@{u}..HEAD'], gitOpts(ctx, team.dir))).trim()) || 0;
  } catch {
    return 0;
  }
}

export interface RemoveResult {
  team: TeamSource;
  /** The clone was deleted (git sources); a folder source is never deleted. */
  deleted: boolean;
}

export async function removeTeam(ctx: TeamContext, name: string, opts: { force?: boolean | undefined } = {}): Promise<RemoveResult> {
  const { settings, teams } = await listTeams(ctx.paths);
  const team = teams.find((t) => t.name === name);
  if (!team) {
    throw new UserError(
      `There is no team source named "${name}".`,
      teams.length ? `Team sources: ${teams.map((t) => t.name).join(', ')}.` : 'None are registered; add one with: repcoach playbook add <git-url|folder>',
    );
  }
  let deleted = false;
  const root = teamsRoot(ctx.paths);
  const ownClone = team.kind === 'git' && path.dirname(path.resolve(team.dir)) === root && path.basename(team.dir) === team.name;
  if (ownClone && existsSync(team.dir)) {
    if (!opts.force && existsSync(path.join(team.dir, '.git'))) {
      const edits = await localEdits(ctx, team);
      const unpushed = await unpushedCommits(ctx, team);
      if (edits.length > 0 || unpushed > 0) {
        const what = [...edits, ...(unpushed > 0 ? [`${unpushed} local ${unpushed === 1 ? 'commit' : 'commits'} not in the team repository`] : [])];
        throw new UserError(
          `The clone of team "${team.name}" has local work that removing it would delete:\n${what.map((e) => `  ${e}`).join('\n')}`,
          `Copy what you want to keep out of ${team.dir} first, then: repcoach playbook remove ${team.name} --force`,
        );
      }
    }
    await fs.rm(team.dir, { recursive: true, force: true });
    deleted = true;
  }
  await settings.set(
    'teams',
    storedTeams(settings).filter((t) => (t as Partial<TeamSource> | null)?.name !== name) as TeamSource[],
  );
  return { team, deleted };
}
