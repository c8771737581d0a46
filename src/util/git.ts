/**
 * The system's git, for both of repcoach's uses of it (team playbook clones,
 * notes in git): run with execFile (never a shell), in an environment that
 * cannot point it at another repository: variables a git hook sets for the
 * repository it runs in would point every git command of ours at that
 * repository (a note committed into someone's project, a clone made inside
 * it), so they are dropped.
 */
import { execFile } from 'node:child_process';

const REPOSITORY_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY'];

/** A copy of `env` without the variables that pick another repository; `extra` is added. */
function gitEnv(env: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, ...extra };
  for (const key of REPOSITORY_VARIABLES) delete out[key];
  return out;
}

export interface GitRun {
  /** git's exit code (0: it worked). */
  code: number;
  stdout: string;
  stderr: string;
}

export interface GitRunOptions {
  cwd?: string | undefined;
  env: NodeJS.ProcessEnv;
  /** Added to the environment (after the repository variables are dropped). */
  extraEnv?: NodeJS.ProcessEnv | undefined;
  /**
   * The umask git runs with: notes in git are the owner's alone (0o077), in
   * their objects, index and message files too. A child takes the umask in
   * force when it starts, which is at once, inside execFile.
   */
  umask?: number | undefined;
}

/**
 * Run git and resolve with its exit code and output, whatever the code. It
 * rejects only when git cannot start at all (ENOENT: not installed).
 */
export function runGit(args: readonly string[], opts: GitRunOptions): Promise<GitRun> {
  const previous = opts.umask === undefined ? undefined : process.umask(opts.umask);
  try {
    return new Promise((resolve, reject) => {
      execFile('git', args, { cwd: opts.cwd, env: gitEnv(opts.env, opts.extraEnv), maxBuffer: 16 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
        // A string code is a failure to start git at all; a number is its exit code.
        const code: unknown = err ? (err as { code?: unknown }).code : 0;
        if (typeof code === 'string') reject(err);
        else resolve({ code: typeof code === 'number' ? code : 1, stdout: String(stdout), stderr: String(stderr) });
      });
    });
  } finally {
    if (previous !== undefined) process.umask(previous);
  }
}
