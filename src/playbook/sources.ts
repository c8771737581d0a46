/**
 * Where playbooks come from, in the order they are searched (docs/playbook-library.md):
 *
 *   1. folders given on the command line
 *   2. the folders in REPCOACH_PLAYBOOKS (a path list)
 *   3. the team sources registered in settings (`repcoach playbook add`)
 *   4. the user's own playbook folder
 *   5. the built-ins shipped with the package
 *
 * The first playbook with an id wins; a later one with the same id is
 * shadowed. Deciding the order and the shadowing is pure; reading the
 * folders is load.ts's job.
 */
import { lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError, type Problem } from '../util/errors.ts';
import { linkEscape, realDir } from './links.ts';
import { openSettings, type Settings, type TeamSource } from '../config/settings.ts';
import type { Paths } from '../util/paths.ts';

type SourceKind = 'path' | 'env' | 'team' | 'user' | 'built-in';

export interface PlaybookSource {
  kind: SourceKind;
  /** How `list` and sessions name it: "path", "env", "team:<name>", "user", "built-in". */
  label: string;
  /** The folder searched (not recursive). */
  dir: string;
  /**
   * Set for team sources: the folder no link may lead out of (the clone, or
   * the registered folder), links resolved. Links that leave it are refused.
   */
  root?: string | undefined;
  /** Set when the whole folder is refused (its `playbooks` is a link out of the source): why. Nothing in it is read. */
  refused?: string | undefined;
}

export const ENV_VAR = 'REPCOACH_PLAYBOOKS';

export interface SourceInputs {
  /** Folders given on the command line. */
  extra?: readonly string[] | undefined;
  /** The raw value of REPCOACH_PLAYBOOKS. */
  envValue?: string | undefined;
  /** Team sources, with `dir` already pointing at the folder that holds the playbooks. */
  teams?: ReadonlyArray<Pick<TeamSource, 'name' | 'dir'> & { root?: string | undefined; refused?: string | undefined }> | undefined;
  user: string;
  builtin: string;
  cwd: string;
  /** path.delimiter of the platform; passed in so tests can show both. */
  delimiter?: string | undefined;
}

/** The search order. A folder listed twice is searched once, at its first place. */
export function orderSources(inputs: SourceInputs): PlaybookSource[] {
  const out: PlaybookSource[] = [];
  const seen = new Set<string>();
  const add = (kind: SourceKind, label: string, dir: string, confine?: { root?: string | undefined; refused?: string | undefined }) => {
    const abs = path.resolve(inputs.cwd, dir);
    if (seen.has(abs)) return;
    seen.add(abs);
    const source: PlaybookSource = { kind, label, dir: abs };
    if (confine?.root !== undefined) source.root = confine.root;
    if (confine?.refused !== undefined) source.refused = confine.refused;
    out.push(source);
  };
  for (const dir of inputs.extra ?? []) if (dir) add('path', 'path', dir);
  const delimiter = inputs.delimiter ?? path.delimiter;
  for (const dir of (inputs.envValue ?? '').split(delimiter)) if (dir.trim()) add('env', 'env', dir.trim());
  for (const t of inputs.teams ?? []) add('team', `team:${t.name}`, t.dir, { root: t.root, refused: t.refused });
  add('user', 'user', inputs.user);
  add('built-in', 'built-in', inputs.builtin);
  return out;
}


/** Where a team source's playbooks are read, what links may not leave, and, if `playbooks` is a link out of the source, why nothing is read. */
export interface TeamFolder {
  dir: string;
  root: string;
  refused?: string | undefined;
}

export function teamFolder(dir: string): TeamFolder {
  const root = realDir(dir);
  const sub = path.join(dir, 'playbooks');
  try {
    if (lstatSync(sub).isSymbolicLink()) {
      const why = linkEscape(sub, root, "the team source's folder");
      if (why) return { dir: sub, root, refused: why };
    }
    if (statSync(sub).isDirectory()) return { dir: sub, root };
  } catch {
    // no playbooks/ subfolder: the playbooks are at the top
  }
  return { dir, root };
}

export const TEAM_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * The team sources in settings. A hand-edited entry that is not one is left
 * out and named in `ignored`, so a bad settings file never stops a run.
 */
export function registeredTeams(settings: Pick<Settings, 'get'>): { teams: TeamSource[]; ignored: string[] } {
  const raw: unknown = settings.get('teams');
  if (raw === undefined) return { teams: [], ignored: [] };
  if (!Array.isArray(raw)) return { teams: [], ignored: ['"teams" is not a list'] };
  const teams: TeamSource[] = [];
  const ignored: string[] = [];
  raw.forEach((t: unknown, i) => {
    const e = t as Partial<TeamSource> | null;
    if (
      e !== null &&
      typeof e === 'object' &&
      typeof e.name === 'string' &&
      TEAM_NAME.test(e.name) &&
      typeof e.dir === 'string' &&
      path.isAbsolute(e.dir) &&
      (e.kind === 'git' || e.kind === 'folder') &&
      !teams.some((x) => x.name === e.name)
    ) {
      const team: TeamSource = { name: e.name, kind: e.kind, dir: e.dir, url: typeof e.url === 'string' ? e.url : undefined, added: String(e.added ?? '') };
      if (typeof e.ref === 'string') team.ref = e.ref;
      teams.push(team);
    }
    else ignored.push(`teams[${i}] is not a valid team source`);
  });
  return { teams, ignored };
}

export interface SourceOptions {
  env?: NodeJS.ProcessEnv | undefined;
  cwd?: string | undefined;
  extra?: readonly string[] | undefined;
  /** The built-in folder (load.ts's builtinDir()). */
  builtin: string;
}

/** The search order for this user: settings and the environment read here. */
export async function playbookSources(paths: Paths, opts: SourceOptions): Promise<PlaybookSource[]> {
  const settings = await openSettings(paths).catch((err: unknown) => {
    throw homeNotAFolder(err, paths) ?? err;
  });
  const { teams } = registeredTeams(settings);
  return orderSources({
    extra: opts.extra,
    envValue: (opts.env ?? process.env)[ENV_VAR],
    teams: teams.map((t) => ({ name: t.name, ...teamFolder(t.dir) })),
    user: paths.playbooks,
    builtin: opts.builtin,
    cwd: opts.cwd ?? process.cwd(),
  });
}

/**
 * A file where repcoach's data folder should be (REPCOACH_HOME pointing at a
 * file) is said as that, not as a disk problem with saved answers: nothing
 * was being written (issue 14).
 */
export function homeNotAFolder(err: unknown, paths: Paths): UserError | undefined {
  if ((err as NodeJS.ErrnoException | null)?.code !== 'ENOTDIR') return undefined;
  for (let dir = paths.config; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    let isFile = false;
    try {
      isFile = !statSync(dir).isDirectory();
    } catch {
      continue;
    }
    if (!isFile) break;
    return new UserError(
      `A folder could not be created, because a file is in its way: ${dir}`,
      'repcoach keeps its settings, sessions and playbooks in a folder there: point REPCOACH_HOME (or XDG_CONFIG_HOME / XDG_DATA_HOME) at a folder, or unset it to use the default one.',
    );
  }
  return undefined;
}

/** One playbook file found in a source. */
export interface LibraryEntry {
  /** The file name without .yaml/.yml: what `repcoach run <id>` looks for. */
  id: string;
  file: string;
  source: PlaybookSource;
  /** True when the file is a valid playbook (problems may still hold warnings). */
  valid: boolean;
  problems: Problem[];
  /** Set when an earlier source has a valid playbook with the same id. */
  shadowedBy?: { source: string; file: string } | undefined;
}

/**
 * Mark every entry hidden by an earlier one. `entries` are in search order;
 * an invalid entry is skipped, so it hides nothing (a team's broken file never
 * takes a working playbook away).
 */
export function markShadowing<E extends LibraryEntry>(entries: readonly E[]): E[] {
  const winner = new Map<string, E>();
  return entries.map((e) => {
    const first = winner.get(e.id);
    if (first) return { ...e, shadowedBy: { source: first.source.label, file: first.file } };
    if (e.valid) winner.set(e.id, e);
    return { ...e, shadowedBy: undefined };
  });
}


export const PLAYBOOK_FILE = /\.ya?ml$/i;

/** Within one folder: x.yaml before x.yml, so the order (and what shadows what) does not depend on readdir. */
export function sortPlaybookFiles(names: readonly string[]): string[] {
  return names
    .filter((n) => PLAYBOOK_FILE.test(n) && !n.startsWith('.'))
    .sort((a, b) => {
      const ia = a.replace(PLAYBOOK_FILE, '');
      const ib = b.replace(PLAYBOOK_FILE, '');
      if (ia !== ib) return ia < ib ? -1 : 1;
      return /\.yaml$/i.test(a) ? -1 : 1;
    });
}
