/**
 * The text of a fork: the original YAML with a new id, `forkedFrom: <id>@<version>`
 * and the editor's schema comment pointing at the installed schema. Pure.
 *
 * Edits go through yaml's concrete syntax tree (CST), which changes only the
 * tokens touched: comments, folded text and the author's line breaks stay as
 * they were, so a team's git diff of a fork shows what the team changed.
 */
import path from 'node:path';
import { CST, parse, parseDocument, Parser } from 'yaml';

/**
 * Where the text of the version a fork was made from is kept: beside the
 * fork, in a hidden folder that no source or `validate` reads as playbooks.
 * `playbook diff` compares three ways with it (issue 14).
 */
export function forkBaseFile(forkFile: string): string {
  return path.join(path.dirname(forkFile), '.forked-from', path.basename(forkFile));
}

export interface ForkEdit {
  id: string;
  /** `<id>@<version>` of the original. */
  forkedFrom: string;
  /** Absolute path of the shipped JSON Schema. */
  schemaPath: string;
}

export function schemaComment(schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}`;
}

const SCHEMA_COMMENT = /^#\s*yaml-language-server:\s*\$schema=/;

export function forkText(text: string, edit: ForkEdit): string {
  const tokens = [...new Parser().parse(text)];
  const doc = tokens.find((t): t is CST.Document => t.type === 'document');
  const map = doc?.value;
  if (!doc || !map || map.type !== 'block-map') return forkWithDocument(text, edit);

  const item = (key: string) => map.items.find((i) => i.key && CST.isScalar(i.key) && i.key.source === key);
  const setValue = (key: string, value: string, afterKey: string) => {
    const found = item(key);
    if (found?.value && CST.isScalar(found.value)) {
      CST.setScalarValue(found.value, value, quoting(value));
      return;
    }
    const at = map.items.findIndex((i) => i.key && CST.isScalar(i.key) && i.key.source === afterKey);
    const indent = map.indent;
    map.items.splice(at + 1, 0, {
      start: [],
      key: CST.createScalarToken(key, { indent, end: [] }),
      sep: [
        { type: 'map-value-ind', offset: -1, indent, source: ':' },
        { type: 'space', offset: -1, indent, source: ' ' },
      ],
      value: CST.createScalarToken(value, { indent, ...quoting(value) }),
    });
  };
  setValue('id', edit.id, '');
  setValue('forkedFrom', edit.forkedFrom, 'version');
  const schemaKey = item('$schema');
  if (schemaKey?.value && CST.isScalar(schemaKey.value)) CST.setScalarValue(schemaKey.value, edit.schemaPath, quoting(edit.schemaPath));

  // The schema comment sits before the document, or in its start when there is a `---`.
  const comment = [...tokens, ...doc.start].find((t) => t.type === 'comment' && SCHEMA_COMMENT.test(t.source));
  if (comment && 'source' in comment) comment.source = schemaComment(edit.schemaPath);
  let out = tokens.map((t) => CST.stringify(t)).join('');
  if (!comment) out = `${schemaComment(edit.schemaPath)}\n${out}`;
  return out;
}

/** Plain when the text reads back as that same text; double-quoted otherwise ("2024", "true", "a: b"). */
function quoting(value: string): { type?: 'QUOTE_DOUBLE' } {
  let plain: unknown;
  try {
    plain = parse(value);
  } catch {
    return { type: 'QUOTE_DOUBLE' };
  }
  return plain === value && !value.includes('#') ? {} : { type: 'QUOTE_DOUBLE' };
}

/** For a playbook written as a flow map (`{id: …}`): re-serialised, still keeping comments. */
function forkWithDocument(text: string, edit: ForkEdit): string {
  const doc = parseDocument(text);
  doc.set('id', edit.id);
  doc.set('forkedFrom', edit.forkedFrom);
  if (doc.has('$schema')) doc.set('$schema', edit.schemaPath);
  const comment = doc.commentBefore ?? '';
  const lines = comment.split('\n').filter((l) => l !== '' && !SCHEMA_COMMENT.test(`#${l}`));
  doc.commentBefore = [schemaComment(edit.schemaPath).slice(1), ...lines].join('\n');
  return doc.toString({ lineWidth: 0 });
}
