/**
 * Reading the agenda the rep sends back (`repcoach run --agenda <file>`, issue 10):
 * the topics they wrote under "Your topics", and who and what the agenda was for.
 * Tolerant of how a person edits markdown: `-`, `*`, `+`, `•` or numbered lines, a
 * task box, plain lines, blank lines, the instructions deleted, CRLF, a byte-order
 * mark, the front matter damaged or gone. A file that is not an agenda is refused.
 * Pure: text in, topics out (the file is read in commands/run.ts).
 */
import { parse } from 'yaml';
import { UserError } from '../util/errors.ts';

/** The heading of the agenda's part the rep fills in (agenda.ts writes it). */
export const TOPICS_HEADING = 'Your topics';
/** The largest agenda file read, in bytes. */
export const AGENDA_MAX_BYTES = 256 * 1024;
export const MAX_TOPICS = 20;
const TOPIC_MAX_CHARS = 500;

export interface ReturnedAgenda {
  /** From the front matter, when it is still there. */
  rep?: string | undefined;
  playbook?: string | undefined;
  deal?: string | undefined;
  topics: string[];
}

const HEADING = /^ {0,3}(#{1,6})\s*(.*?)\s*#*\s*$/;

/** The rep's topics from an agenda's text; `file` names it in errors. */
export function readReturnedAgenda(text: string, file: string): ReturnedAgenda {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const { front, body } = frontMatter(lines);
  const isTopics = (l: string) => {
    const words = (HEADING.exec(l)?.[2] ?? l).replace(/[*_:]/g, '').trim().toLowerCase();
    return words === TOPICS_HEADING.toLowerCase();
  };
  const at = body.findIndex(isTopics);
  if (at === -1 && front['type'] !== 'agenda') {
    throw new UserError(
      `${file} is not an agenda: it has no “${TOPICS_HEADING}” part.`,
      'Give the file the rep sent back, as written by `repcoach prep <rep> --agenda <file>`.',
    );
  }
  const topics: string[] = [];
  if (at !== -1) {
    for (const raw of body.slice(at + 1)) {
      const m = HEADING.exec(raw);
      // The next part of the agenda (or a signature) ends the topics.
      if ((m && (m[1]?.length ?? 0) <= 2) || /^--\s*$/.test(raw)) break;
      const topic = topicOf(m ? (m[2] ?? '') : raw);
      if (topic === undefined) continue;
      // An indented line after a topic goes on with it.
      if (topic.continues && topics.length > 0) topics[topics.length - 1] += ` ${topic.text}`;
      else topics.push(topic.text);
    }
  }
  if (topics.length > MAX_TOPICS) {
    throw new UserError(`${file} has ${topics.length} topics; at most ${MAX_TOPICS} are taken.`, 'Ask the rep which matter most, or merge some into one line.');
  }
  const long = topics.findIndex((t) => t.length > TOPIC_MAX_CHARS);
  if (long !== -1) {
    throw new UserError(`${file}: topic ${long + 1} is ${topics[long]?.length} characters long; at most ${TOPIC_MAX_CHARS} are taken.`, 'Shorten it to a line or two; the detail belongs in the conversation.');
  }
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  return { rep: str(front['rep']), playbook: str(front['playbook']), deal: str(front['deal']), topics };
}

/** One line of the topics part: its words, or undefined for a line that holds none. */
function topicOf(raw: string): { text: string; continues: boolean } | undefined {
  const line = raw.trim();
  // Empty lines offered by the agenda, rules, the instructions (a quote), HTML comments.
  if (line === '' || line.startsWith('>') || /^<!--.*-->$/.test(line)) return undefined;
  const bullet = /^(?:[-*+•]|\d{1,3}[.)])(?=\s|$)\s*(?:\[[ xX]?\]\s*)?(.*)$/u.exec(line);
  const words = (bullet ? (bullet[1] ?? '') : line)
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!/[\p{L}\p{N}]/u.test(words)) return undefined;
  return { text: words, continues: !bullet && /^\s{2,}/.test(raw) };
}

/** The YAML between the opening `---` lines, when it reads as a map; the rest is the body. */
function frontMatter(lines: string[]): { front: Record<string, unknown>; body: string[] } {
  if (lines[0]?.trim() !== '---') return { front: {}, body: lines };
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end === -1) return { front: {}, body: lines };
  let value: unknown;
  try {
    value = parse(lines.slice(1, end).join('\n'), { maxAliasCount: 0 });
  } catch {
    value = undefined;
  }
  const front = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return { front, body: lines.slice(end + 1) };
}
