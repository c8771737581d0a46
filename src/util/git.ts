/**
 * The environment git runs with, for both of repcoach's uses of it (team
 * playbook clones, notes in git). Variables a git hook sets for the repository
 * it runs in would point every git command of ours at that repository: a note
 * committed into someone's project, a clone made inside it. They are dropped.
 */
const REPOSITORY_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY'];

/** A copy of `env` without the variables that pick another repository; `extra` is added. */
export function gitEnv(env: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, ...extra };
  for (const key of REPOSITORY_VARIABLES) delete out[key];
  return out;
}
