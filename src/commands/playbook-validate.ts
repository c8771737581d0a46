/**
 * `repcoach playbook validate <file|folder>...`: check playbooks the way CI
 * and editors want it: every problem of every file as `file:line:column: …`,
 * exit 1 when any file is invalid (or, with --strict, has warnings).
 */
import { existsSync, statSync, type Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Chalk } from 'chalk';
import { UsageError, UserError, type Problem } from '../util/errors.ts';
import { realDir } from '../playbook/links.ts';
import { lintPlaybook } from '../playbook/lint.ts';
import { checkPlaybookFile, playbookFiles, type CheckedFile } from '../playbook/load.ts';
import { parseYaml } from '../playbook/parse.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';
import { displayPath, problemLines } from './shared/playbook-report.ts';

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

/**
 * A file, or every *.yaml/*.yml in a folder and its subfolders (a team may
 * group playbooks, e.g. playbooks/emea/), in name order. Hidden folders and
 * node_modules are skipped. A link that leads out of the folder given is
 * reported, not read, as a team source would treat it (issue 14).
 */
async function validateTarget(target: string): Promise<FileReport[]> {
  if (!existsSync(target)) return [missing(target, 'no such file or folder')];
  if (statSync(target).isDirectory()) {
    const files = await walk(target, target);
    if (files.length === 0) return [missing(target, 'no playbooks (*.yaml, *.yml) in this folder or below it')];
    const out: FileReport[] = [];
    for (const file of files) out.push(await validateFile(file, target));
    return out;
  }
  return [await validateFile(target)];
}

async function walk(dir: string, root: string, depth = 0): Promise<string[]> {
  const out = (await playbookFiles(dir)).map((name) => path.join(dir, name));
  if (depth >= 16) return out;
  let entries: Dirent[] = [];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  // Only real folders are walked: a linked folder could lead anywhere, or back into itself.
  const subdirs = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules').map((e) => e.name).sort();
  for (const name of subdirs) out.push(...(await walk(path.join(dir, name), root, depth + 1)));
  return out;
}
async function validateFile(file: string, root?: string): Promise<FileReport> {
  const checked: CheckedFile = await checkPlaybookFile(file, root === undefined ? undefined : realDir(root), 'the folder being checked');
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
