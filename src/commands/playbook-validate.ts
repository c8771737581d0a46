/**
 * `repcoach playbook validate <file|folder>...`: check playbooks the way CI
 * and editors want it: every problem of every file as `file:line:column: …`,
 * exit 1 when any file is invalid (or, with --strict, has warnings).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Chalk } from 'chalk';
import { formatProblem, UsageError, UserError, type Problem } from '../errors.ts';
import { lintPlaybook } from '../playbook/lint.ts';
import { checkPlaybookFile, playbookFiles, type CheckedFile } from '../playbook/load.ts';
import { parseYaml } from '../playbook/parse.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from './context.ts';

export interface PlaybookValidateOptions {
  targets: string[];
  json?: boolean | undefined;
  /** Warnings fail too. */
  strict?: boolean | undefined;
}

export interface FileReport {
  file: string;
  id?: string | undefined;
  version?: string | undefined;
  valid: boolean;
  problems: Problem[];
}

/** A path as the user will want to click it: relative below the working folder, absolute elsewhere. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Problems as `file:line:column: severity: message` lines, file names shown as displayPath. */
export function problemLines(problems: readonly Problem[], cwd: string): string[] {
  return problems.map((p) => safeText(formatProblem({ ...p, file: displayPath(p.file, cwd) })));
}

export async function playbookValidate(ctx: CommandContext, opts: PlaybookValidateOptions): Promise<void> {
  if (opts.targets.length === 0) throw new UsageError('Give at least one playbook file or folder.', 'For example: repcoach playbook validate playbooks/');
  const reports: FileReport[] = [];
  for (const target of opts.targets) reports.push(...(await validateTarget(path.resolve(ctx.cwd, target))));
  for (const r of reports) r.valid = !r.problems.some((p) => p.severity === 'error' || (opts.strict && p.severity === 'warning'));

  const invalid = reports.filter((r) => !r.valid);
  const errors = reports.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'error').length, 0);
  const warnings = reports.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'warning').length, 0);

  if (opts.json) {
    const files = reports.map((r) => ({ ...r, file: displayPath(r.file, ctx.cwd), problems: r.problems.map((p) => ({ ...p, file: displayPath(p.file, ctx.cwd) })) }));
    println(ctx.stdout, JSON.stringify({ valid: invalid.length === 0, strict: Boolean(opts.strict), errors, warnings, files }, null, 2));
  } else {
    const c = new Chalk({ level: ctx.color });
    for (const r of reports) {
      const where = safeText(displayPath(r.file, ctx.cwd));
      if (r.problems.length === 0) println(ctx.stdout, `${c.green('ok')}    ${where}${r.id ? c.dim(` (${r.id} v${safeText(r.version ?? '')})`) : ''}`);
      for (const line of problemLines(r.problems, ctx.cwd)) println(ctx.stdout, line);
    }
    const summary = `${reports.length} ${reports.length === 1 ? 'file' : 'files'} checked: ${reports.length - invalid.length} valid, ${invalid.length} invalid; ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}.`;
    println(ctx.stdout, invalid.length ? c.red(summary) : summary);
  }
  if (invalid.length > 0) {
    throw new UserError(
      `${invalid.length} of ${reports.length} ${reports.length === 1 ? 'playbook is' : 'playbooks are'} invalid.`,
      opts.strict && warnings > 0 ? 'With --strict, warnings count as failures.' : undefined,
    );
  }
}

/** A file, or every *.yaml/*.yml in a folder (not recursive, as the sources read them). */
async function validateTarget(target: string): Promise<FileReport[]> {
  if (!existsSync(target)) return [missing(target, 'no such file or folder')];
  if (statSync(target).isDirectory()) {
    const names = await playbookFiles(target);
    if (names.length === 0) return [missing(target, 'no playbooks (*.yaml, *.yml) in this folder')];
    const out: FileReport[] = [];
    for (const name of names) out.push(await validateFile(path.join(target, name)));
    return out;
  }
  return [await validateFile(target)];
}

async function validateFile(file: string): Promise<FileReport> {
  const checked: CheckedFile = await checkPlaybookFile(file);
  const problems = [...checked.problems];
  // A built-in's text comes back from the prebuilt cache without its YAML source (load.ts,
  // prebuilt()): read it here, so that the built-ins are linted like any other playbook (issue 10).
  const source = checked.source ?? (checked.playbook && checked.text !== undefined ? parseYaml(checked.text, file).source : undefined);
  if (checked.playbook && source) problems.push(...lintPlaybook(checked.playbook, source));
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { file, id: checked.playbook?.id, version: checked.playbook?.version, valid: checked.playbook !== undefined, problems };
}

function missing(file: string, message: string): FileReport {
  return { file, valid: false, problems: [{ file, line: 1, column: 1, path: '', message, severity: 'error' }] };
}
