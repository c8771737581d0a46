/**
 * All that the command line (main.ts) loads once it knows what to do: each
 * command, and the few helpers it needs to set up and to report errors. The
 * build bundles this apart from main.ts (scripts/build.mjs), so `--version` and
 * `--help` read only the command line; a command's own code runs only when that
 * command does.
 */
export const commands = {
  check: () => import('../commands/check.ts'),
  completion: () => import('../commands/completion.ts'),
  config: () => import('../commands/config.ts'),
  delete: () => import('../commands/delete.ts'),
  discard: () => import('../commands/delete.ts'),
  encryption: () => import('../commands/encryption.ts'),
  export: () => import('../commands/export.ts'),
  history: () => import('../commands/history.ts'),
  listen: () => import('../commands/listen.ts'),
  'playbook-add': () => import('../commands/playbook-add.ts'),
  'playbook-answers': () => import('../commands/playbook-answers.ts'),
  'playbook-diff': () => import('../commands/playbook-diff.ts'),
  'playbook-fork': () => import('../commands/playbook-fork.ts'),
  'playbook-list': () => import('../commands/playbook-list.ts'),
  'playbook-new': () => import('../commands/playbook-new.ts'),
  'playbook-remove': () => import('../commands/playbook-remove.ts'),
  'playbook-schema': () => import('../commands/playbook-schema.ts'),
  'playbook-show': () => import('../commands/playbook-show.ts'),
  'playbook-update': () => import('../commands/playbook-update.ts'),
  'playbook-validate': () => import('../commands/playbook-validate.ts'),
  prep: () => import('../commands/prep.ts'),
  reps: () => import('../commands/reps.ts'),
  'reps-change': () => import('../commands/reps-change.ts'),
  resume: () => import('../commands/resume.ts'),
  run: () => import('../commands/run.ts'),
  search: () => import('../commands/search.ts'),
  sessions: () => import('../commands/sessions.ts'),
  show: () => import('../commands/show.ts'),
  stats: () => import('../commands/stats.ts'),
};

export type CommandName = keyof typeof commands;

export { leftoversAtStart, processContext } from '../config/context.ts';
export { setPassphraseSource } from '../crypto/keyring.ts';
export { passphraseSource } from '../prompts/passphrase.ts';
export { ExitCode, InterruptedError, UsageError, UserError } from '../util/errors.ts';
export { didYouMean } from '../util/suggest.ts';
export { safeText } from '../util/term.ts';
