/**
 * Advice about a valid playbook: problems with severity "warning" that
 * `repcoach playbook validate` reports without failing (unless --strict).
 * Pure: a parsed playbook and its YAML in, warnings out. The rules are the
 * question linter of the rescue mirror (docs/rescue.md): closed, "why" and
 * advice-as-question wording, stages with no open question, advice before the
 * inquiry gate.
 */
import type { Problem } from '../errors.ts';
import { lintQuestions } from '../rescue/question-lint.ts';
import type { SourceDoc } from './parse.ts';
import type { Playbook } from './schema.ts';

export function lintPlaybook(pb: Playbook, source: SourceDoc): Problem[] {
  return lintQuestions(pb, source);
}
