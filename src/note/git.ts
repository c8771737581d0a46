/**
 * A notes folder kept in git (`repcoach config set notes.git true`): every
 * note written is committed with the system's git, so notes have history and
 * sync across machines. Git runs through execFile (no shell); a folder that is
 * not inside a repository is initialised. Any failure is returned as a
 * warning: the note itself is already written and stays written.
 */
import path from 'node:path';
import { isInside } from '../util/fs.ts';
import { runGit, type GitRun } from '../util/git.ts';

export interface GitResult {
  committed: boolean;
  /** Set when nothing was committed because something went wrong. */
  warning?: string;
}

function git(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<GitRun> {
  return runGit(args, { cwd, env, umask: 0o077 });
}

/** Whether `dir` is inside a git work tree (false when git is missing). */
export async function isInGitRepository(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  try {
    const r = await git(['rev-parse', '--is-inside-work-tree'], path.resolve(dir), env);
    return r.code === 0 && r.stdout.trim() === 'true';
  } catch {
    return false;
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/**
 * Commit `files` (inside `notesDir`) with `message`. Only these files go into
 * the commit, whatever else is staged in the repository.
 */
export function commitNotes(
  notesDir: string,
  files: readonly string[],
  message: string,
  opts: { env?: NodeJS.ProcessEnv | undefined; author?: string | undefined } = {},
): Promise<GitResult> {
  return commitNoteChanges(notesDir, { written: files, removed: [] }, message, opts);
}

/**
 * Commit notes written to the notes folder when the `notes.git` setting is on;
 * a problem is reported through `warn`, never thrown.
 */
export async function commitIfEnabled(
  enabled: boolean | undefined,
  notesDir: string,
  files: readonly string[],
  message: string,
  warn: (text: string) => void,
  opts: { env?: NodeJS.ProcessEnv | undefined; author?: string | undefined } = {},
): Promise<GitResult> {
  if (!enabled || files.length === 0) return { committed: false };
  const result = await commitNotes(notesDir, files, message, opts);
  if (result.warning) warn(result.warning);
  return result;
}

/**
 * Commit notes written and notes removed (reps rename/merge move notes, delete
 * removes one) in one commit of these paths alone. A removed note that git
 * never tracked is simply not in the commit; with nothing to record, no commit.
 * A folder that is not a repository yet is initialised only when a note is written.
 */
export async function commitNoteChanges(
  notesDir: string,
  changes: { written: readonly string[]; removed: readonly string[] },
  message: string,
  opts: { env?: NodeJS.ProcessEnv | undefined; author?: string | undefined } = {},
): Promise<GitResult> {
  // Saving a note must never stop at a git prompt.
  const env: NodeJS.ProcessEnv = { ...(opts.env ?? process.env), GIT_TERMINAL_PROMPT: '0' };
  const dir = path.resolve(notesDir);
  // Only notes inside the notes folder are its repository's business.
  const inside = (files: readonly string[]) =>
    files.filter((f) => isInside(dir, path.resolve(f)) && path.resolve(f) !== dir).map((f) => path.relative(dir, path.resolve(f)));
  const written = inside(changes.written);
  const removed = inside(changes.removed);
  if (written.length + removed.length === 0) return { committed: false };
  try {
    const repo = await git(['rev-parse', '--is-inside-work-tree'], dir, env);
    if (repo.code !== 0 || repo.stdout.trim() !== 'true') {
      if (written.length === 0) return { committed: false };
      const init = await git(['init', '--quiet'], dir, env);
      if (init.code !== 0) return { committed: false, warning: `git init failed in ${dir}: ${firstLine(init.stderr)}` };
      // Its objects hold every note: the owner's alone, like the notes, also when git runs by hand later (issue 15).
      await git(['config', 'core.sharedRepository', '0600'], dir, env);
    }
    if (written.length > 0) {
      const add = await git(['add', '--', ...written], dir, env);
      if (add.code !== 0) return { committed: false, warning: `git add failed: ${firstLine(add.stderr)}` };
    }
    if (removed.length > 0) {
      const rm = await git(['rm', '--cached', '--quiet', '--ignore-unmatch', '--', ...removed], dir, env);
      if (rm.code !== 0) return { committed: false, warning: `git rm failed: ${firstLine(rm.stderr)}` };
    }
    const staged = await git(['diff', '--cached', '--no-renames', '--name-only', '-z', '--relative', '--', ...written, ...removed], dir, env);
    const paths = staged.stdout.split('\0').filter((p) => p !== '');
    if (paths.length === 0) return { committed: false };
    const identity = await git(['config', 'user.email'], dir, env);
    const who = identity.stdout.trim() ? [] : ['-c', `user.name=${opts.author?.trim() || 'repcoach'}`, '-c', 'user.email=repcoach@localhost'];
    const commit = await git([...who, 'commit', '--quiet', '-m', message, '--', ...paths], dir, env);
    if (commit.code !== 0) return { committed: false, warning: `git commit failed: ${firstLine(commit.stderr || commit.stdout)}` };
    return { committed: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return { committed: false, warning: 'notes.git is on, but git is not installed (or not on the PATH): the notes are written and not committed.' };
    }
    return { committed: false, warning: `git failed: ${(err as Error).message}` };
  }
}
