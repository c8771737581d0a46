/**
 * Advice about a valid playbook: problems with severity "warning" that
 * `repcoach playbook validate` reports without failing (unless --strict).
 * Pure: a parsed playbook and its YAML in, warnings out.
 */
import type { Problem } from '../errors.ts';
import type { SourceDoc } from './parse.ts';
import type { Playbook } from './schema.ts';

export function lintPlaybook(_pb: Playbook, _source: SourceDoc): Problem[] {
  return [];
}
