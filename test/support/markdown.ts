/** Reading a note back the way a markdown tool would: YAML front matter, then CommonMark. */
import { Parser, type Node } from 'commonmark';
import { parse as parseYamlText } from 'yaml';

/** "Modulo line breaks": any run of white space is one space. */
export const normalize = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The YAML front matter and the markdown body (what a front-matter-aware renderer parses). */
export function splitNote(note: string): { front: unknown; body: string } {
  if (!note.startsWith('---\n')) throw new Error('the note does not start with front matter');
  const end = note.indexOf('\n---\n', 3);
  if (end < 0) throw new Error('the front matter is not closed');
  return { front: parseYamlText(note.slice(4, end + 1)), body: note.slice(end + 5) };
}

/** The text a reader sees in a node: literals, with line breaks as newlines. */
export function textOf(node: Node): string {
  let out = '';
  const walker = node.walker();
  for (let e = walker.next(); e; e = walker.next()) {
    if (!e.entering) continue;
    const n = e.node;
    if (n.type === 'text' || n.type === 'code' || n.type === 'html_inline') out += n.literal ?? '';
    else if (n.type === 'softbreak' || n.type === 'linebreak') out += '\n';
    else if (n.type === 'item' && out !== '') out += '\n';
  }
  return out;
}

export function topLevel(body: string): Node[] {
  const doc = new Parser().parse(body);
  const out: Node[] = [];
  for (let n = doc.firstChild; n; n = n.next) out.push(n);
  return out;
}

/** Node types found anywhere under `nodes`. */
export function typesUnder(nodes: Node[]): Set<string> {
  const types = new Set<string>();
  for (const node of nodes) {
    const walker = node.walker();
    for (let e = walker.next(); e; e = walker.next()) if (e.entering) types.add(e.node.type);
  }
  return types;
}

/** The blocks after each level-3 heading (a question), up to the next heading, by the heading's text. */
export function answerSections(nodes: Node[]): Map<string, Node[]> {
  const sections = new Map<string, Node[]>();
  let current: Node[] | undefined;
  for (const n of nodes) {
    // The manager's part (rescue check, self-check, private notes) is not the rep's answers.
    if (n.type === 'heading' && n.level === 2 && textOf(n) === 'For the manager only') break;
    if (n.type === 'heading') {
      current = n.level === 3 ? [] : undefined;
      if (current) sections.set(textOf(n), current);
    } else {
      current?.push(n);
    }
  }
  return sections;
}

export const headings = (nodes: Node[]): Array<readonly [number, string]> =>
  nodes.filter((n) => n.type === 'heading').map((n) => [n.level, textOf(n)] as const);

/** Question heading → the answer's text, normalized: what the note says was answered (the rep's part). */
export function noteAnswers(note: string): Map<string, string> {
  const sections = answerSections(topLevel(splitNote(note).body));
  return new Map([...sections].map(([q, blocks]) => [q, normalize(blocks.map(textOf).join('\n'))]));
}
