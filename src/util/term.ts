/**
 * Terminal text: colour decisions and neutralising control characters, so no
 * playbook or answer can rewrite the manager's terminal. How wide text is on
 * screen is in width.ts, kept apart because measuring it costs start-up time.
 */

/**
 * Colour level for chalk (0 = none). Off with NO_COLOR (any non-empty value),
 * `--no-color`, or output that is not a terminal; FORCE_COLOR turns it on.
 */
export function colorLevel(env: NodeJS.ProcessEnv, isTTY: boolean, flag: boolean | undefined): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  if (env['NO_COLOR']) return 0;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    const n = Number(force);
    return n >= 1 && n <= 3 ? (n as 1 | 2 | 3) : 1;
  }
  if (!isTTY || env['TERM'] === 'dumb') return 0;
  if (env['COLORTERM'] === 'truecolor') return 3;
  return /256/.test(env['TERM'] ?? '') ? 2 : 1;
}

/**
 * Remove escape sequences and control characters (keeping newline and tab)
 * from text that came from a file or a person before it is printed.
 */
export function safeText(s: string): string {
  return (
    s
      // ESC-introduced sequences: CSI, OSC (terminated by BEL or ST), and two-byte escapes.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC (U+001B) and BEL (U+0007) open and close the terminal sequences this strips
      .replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]?/g, '')
      // Bidirectional embeddings, overrides and isolates too: U+202E shows "txt.exe" as "exe.txt" (issue 15).
      .replace(/(?![\t\n])[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, '')
  );
}

/**
 * JSON for standard output, with the characters a terminal would act on (C1
 * controls such as U+009B, which some terminals take as ESC [) and the
 * bidirectional controls written as \u escapes: the same value for a script,
 * inert on a screen.
 */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text as one line for listing and matching: safeText, then every run of white space as one space. */
export function oneLine(s: string): string {
  return safeText(s).replace(/\s+/g, ' ').trim();
}

/** A word a POSIX shell reads back as exactly `s`, in single quotes or (`quote` '"') double quotes when it needs them. */
export function shellQuote(s: string, quote: "'" | '"' = "'"): string {
  const clean = safeText(s);
  if (/^[\w@%+=:,./-]+$/.test(clean)) return clean;
  return quote === "'" ? `'${clean.replace(/'/g, `'\\''`)}'` : `"${clean.replace(/["\\$`]/g, '\\$&')}"`;
}
