/**
 * Symbolic links in a team source (issue 14). A team repository is someone
 * else's files: a link in it that leads out of its folder would make every
 * manager's repcoach read (and echo in errors) files anywhere on their
 * machine. Such links are refused, named with where they point, and never
 * read. Links that stay inside the folder are fine.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isInside, realDir } from '../util/fs.ts';

export { realDir };

/**
 * Why `file` may not be read as part of the folder `root`, or undefined when
 * it may: it is a link whose target (after every link in a chain) is outside
 * `root`, dangles, or loops. Only names and link targets are looked at, never
 * the content. `what` names the folder in the message, e.g. "the team source's folder".
 */
export function linkEscape(file: string, root: string, what = "the source's folder"): string | undefined {
  let isLink: boolean;
  try {
    isLink = lstatSync(file).isSymbolicLink();
  } catch {
    return undefined; // missing: whoever reads it says so
  }
  if (!isLink) return undefined;
  let to: string;
  try {
    to = readlinkSync(file);
  } catch {
    to = '?';
  }
  const name = path.basename(file);
  let real: string;
  try {
    real = realpathSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return `${name} is a link to ${to} that loops back on itself; links are not followed, so it is not read`;
    return `${name} is a link to ${to}, which does not exist; it is not read`;
  }
  if (isInside(realDir(root), real)) return undefined;
  const direct = path.resolve(path.dirname(file), to);
  const via = direct === real ? '' : ` (which leads on to ${real})`;
  return `${name} is a link to ${to}${via}, outside ${what} ${root}; links that leave it are not followed, so it is not read. Replace the link with the file itself`;
}
