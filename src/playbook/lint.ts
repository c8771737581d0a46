/**
 * Advice about a valid playbook: problems with severity "warning" that
 * `repcoach playbook validate` reports without failing (unless --strict).
 * Pure: a parsed playbook and its YAML in, warnings out. The rules are the
 * question linter of the rescue mirror (docs/rescue.md): closed, leading, "why"
 * and advice-as-question wording, yes-no questions put to the rep, rescue
 * language in a question, stages with no open question, advice before the
 * inquiry gate or left in the rep's copy.
 */
import type { Problem } from '../util/errors.ts';
import { lintQuestions } from './question-lint.ts';
import type { SourceDoc } from './parse.ts';
import type { Playbook } from './schema.ts';

export function lintPlaybook(pb: Playbook, source: SourceDoc): Problem[] {
  return lintQuestions(pb, source);
}
