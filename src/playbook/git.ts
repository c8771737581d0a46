/**
 * The system's git, run with execFile (never a shell), for team playbook
 * repositories. Failures come back as GitFailure with git's own message and a
 * rough kind, so teams.ts can say what went wrong in the user's terms.
 */
import { UserError } from '../util/errors.ts';
import { runGit } from '../util/git.ts';

export interface GitOptions {
  cwd?: string | undefined;
  env: NodeJS.ProcessEnv;
  /** When false, git never waits for a password on the terminal. */
  interactive?: boolean | undefined;
}

export type GitFailureKind = 'unreachable' | 'other';

export class GitFailure extends Error {
  override name = 'GitFailure';
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    readonly kind: GitFailureKind,
  ) {
    super(`git ${args[0] ?? ''} failed: ${firstGitLine(stderr)}`);
  }
}

/** git's messages that mean "the remote cannot be reached or read", in the C locale. */
const UNREACHABLE = [
  /could not resolve host/i,
  /unable to access/i,
  /does not appear to be a git repository/i,
  /could not read from remote repository/i,
  /repository .* does not exist/i,
  /repository not found/i,
  /connection (refused|timed out|reset)/i,
  /network is unreachable/i,
  /operation timed out/i,
  /authentication failed/i,
  /could not read username/i,
  /unable to connect/i,
];

export function classifyGitFailure(stderr: string): GitFailureKind {
  return UNREACHABLE.some((re) => re.test(stderr)) ? 'unreachable' : 'other';
}

/** The line of git's output that says what failed ("fatal: …"), without the prefix. */
export function firstGitLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const fatal = lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? 'no message';
  return fatal.replace(/^(fatal|error):\s*/, '');
}

const GIT_MISSING_HINT =
  'Install git (https://git-scm.com) and try again, or register a folder you keep up to date yourself: repcoach playbook add <folder>';

export async function git(args: readonly string[], opts: GitOptions): Promise<string> {
  const extraEnv: NodeJS.ProcessEnv = { LC_ALL: 'C', LANGUAGE: 'C', ...(opts.interactive ? {} : { GIT_TERMINAL_PROMPT: '0' }) };
  // The ext:: transport runs a command; a team URL never needs it.
  const full = ['-c', 'protocol.ext.allow=never', ...args];
  let run;
  try {
    run = await runGit(full, { cwd: opts.cwd, env: opts.env, extraEnv });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError('git is not installed, or not on the PATH; team repositories need it.', GIT_MISSING_HINT);
    throw err;
  }
  if (run.code === 0) return run.stdout;
  const text = run.stderr || `git exited with code ${run.code}`;
  throw new GitFailure(args, text, classifyGitFailure(text));
}
