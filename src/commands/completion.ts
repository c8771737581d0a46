/**
 * `repcoach completion [bash|zsh|fish]`: a shell completion script, written from
 * the command line's own definition (every command, subcommand and option), so it
 * stays true as commands change. Values that depend on the data (playbook ids,
 * reps, session ids, settings) come from `repcoach completion --list <kind>`,
 * which prints one per line and never asks for anything (a passphrase prompt in
 * the middle of a Tab would garble the terminal).
 */
import { UsageError } from '../util/errors.ts';
import { listIds } from '../playbook/load.ts';
import { loadRollup } from '../lookback/queries.ts';
import { SETTING_KEYS, openSettings } from '../config/settings.ts';
import { println, type CommandContext } from '../config/context.ts';

/** What completion needs of a commander Command (structurally, so this module needs no commander). */
export interface CommandLike {
  name(): string;
  readonly commands: readonly CommandLike[];
  readonly options: readonly OptionLike[];
  readonly registeredArguments: ReadonlyArray<{ name(): string }>;
}

interface OptionLike {
  long?: string | undefined;
  short?: string | undefined;
  hidden?: boolean;
  /** Takes a value: `<value>` (required) or `[value]` (optional). */
  required?: boolean;
  optional?: boolean;
}

/** One command, as the scripts see it: its path ("playbook show"), subcommands, options and arguments. */
export interface CommandSpec {
  path: string;
  subcommands: string[];
  options: string[];
  /** The options that take a value (the next word is not a command or an argument), with the kind of value. */
  valued: Array<[option: string, kind: string]>;
  /** The kind of each positional argument (see LISTS), the last one repeating when variadic. */
  args: string[];
}

/** Values the scripts ask `completion --list` for, by argument or option name. */
const LISTS: Record<string, string> = {
  playbook: 'playbooks',
  session: 'sessions',
  sessions: 'sessions',
  rep: 'reps',
  'into-rep': 'reps',
  key: 'settings',
  state: 'states',
  shell: 'shells',
  format: 'formats',
};

const SHELLS = ['bash', 'zsh', 'fish'] as const;
const KINDS = ['playbooks', 'sessions', 'unfinished', 'reps', 'settings', 'states', 'shells', 'formats'] as const;

/** Every command of `program`, the program itself first (path ""). */
export function commandSpecs(program: CommandLike): CommandSpec[] {
  const out: CommandSpec[] = [];
  const walk = (cmd: CommandLike, path: string) => {
    const options = cmd.options.filter((o) => !o.hidden);
    out.push({
      path,
      subcommands: cmd.commands.map((c) => c.name()),
      options: options.flatMap(flags),
      valued: options.filter((o) => o.required || o.optional).flatMap((o) => flags(o).map((f): [string, string] => [f, optionKind(o.long ?? f)])),
      args: cmd.registeredArguments.map((a) => argumentKind(path, a.name())),
    });
    for (const c of cmd.commands) walk(c, path ? `${path} ${c.name()}` : c.name());
  };
  walk(program, '');
  return out;
}

function flags(o: OptionLike): string[] {
  return [o.long, o.short].filter((f): f is string => Boolean(f));
}

function argumentKind(path: string, name: string): string {
  // resume continues an unfinished session; the others take any.
  if ((path === 'resume' || path === 'discard') && name === 'session') return 'unfinished';
  return LISTS[name] ?? 'files';
}

function optionKind(option: string): string {
  return LISTS[option.replace(/^--?/, '')] ?? 'files';
}

export interface CompletionOptions {
  shell?: string | undefined;
  list?: string | undefined;
  specs: CommandSpec[];
}

export async function completion(ctx: CommandContext, opts: CompletionOptions): Promise<void> {
  if (opts.list !== undefined) {
    for (const value of await values(ctx, opts.list)) println(ctx.stdout, value);
    return;
  }
  const shell = opts.shell ?? 'bash';
  if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`No completion for "${shell}": bash, zsh or fish.`, 'For example: eval "$(repcoach completion bash)"');
  println(ctx.stdout, shell === 'fish' ? fishScript(opts.specs) : shell === 'zsh' ? zshScript(opts.specs) : bashScript(opts.specs));
}

/** The values of one kind, one per line; nothing (rather than an error) when the data cannot be read. */
async function values(ctx: CommandContext, kind: string): Promise<string[]> {
  if (!(KINDS as readonly string[]).includes(kind)) throw new UsageError(`Unknown list "${kind}": ${KINDS.join(', ')}.`);
  switch (kind) {
    case 'playbooks':
      return listIds(ctx.paths, ctx.env).catch(() => []);
    case 'settings':
      return [...Object.keys(SETTING_KEYS), 'encryption'];
    case 'states':
      return ['on', 'off', 'status'];
    case 'shells':
      return [...SHELLS];
    case 'formats':
      return ['markdown', 'json'];
    default: {
      const rollup = await openSettings(ctx.paths, { warn: () => {} }).then((settings) => loadRollup(ctx.paths, settings)).then(
        (r) => r.rollup,
        () => undefined,
      );
      if (!rollup) return [];
      if (kind === 'reps') return Object.values(rollup.reps).map((r) => r.name).sort((a, b) => a.localeCompare(b));
      return rollup.rows.filter((r) => kind === 'sessions' || r.status !== 'done').map((r) => r.id);
    }
  }
}

// ---------------------------------------------------------------------------
// The scripts

const LIST_CALL = 'repcoach completion --list';

function bashScript(specs: readonly CommandSpec[]): string {
  const cases = specs
    .map((s) => {
      const valued = s.valued.map(([o, kind]) => `${o}=${kind}`);
      return `    ${JSON.stringify(s.path)}) echo ${shellWord([s.subcommands.join(' '), s.options.join(' '), valued.join(' '), s.args.join(' ')].join('|'))} ;;`;
    })
    .join('\n');
  return `# repcoach completion for bash. Load it in ~/.bashrc:
#   eval "$(repcoach completion bash)"
_repcoach_spec() {
  case "$1" in
${cases}
  esac
}

_repcoach_list() {
  case "$1" in
    files) compgen -f -- "$2" ;;
    # Compared escaped, as the word on the line is: "Dana\\ O" after a first Tab.
    *) ${LIST_CALL} "$1" </dev/null 2>/dev/null | while IFS= read -r value; do
         value="$(printf '%q' "$value")"
         case "$value" in "$2"*) printf '%s\\n' "$value" ;; esac
       done ;;
  esac
}

# COMPREPLY from a list, one value a line (a rep's name may hold spaces, escaped).
_repcoach_reply() {
  local IFS=$'\\n'
  COMPREPLY=($(_repcoach_list "$1" "$2"))
}

# The list of an option that takes a value ("--rep=reps"), from the specs given after it.
_repcoach_valued() {
  local option="$1" v
  shift
  for v in "$@"; do
    if [[ "\${v%%=*}" == "$option" ]]; then echo "\${v#*=}"; return 0; fi
  done
  return 1
}

_repcoach() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local cmdpath="" i word kind positional=0
  local subs opts valued args gsubs gopts gvalued gargs
  IFS='|' read -r gsubs gopts gvalued gargs <<< "$(_repcoach_spec "")"
  IFS='|' read -r subs opts valued args <<< "$(_repcoach_spec "")"
  # Walk the words typed so far: subcommands deepen the path, option values are skipped.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ "$word" == -* ]]; then
      if _repcoach_valued "$word" $valued $gvalued >/dev/null; then i=$((i + 1)); fi
    elif [[ " $subs " == *" $word "* ]]; then
      cmdpath="\${cmdpath:+$cmdpath }$word"
      IFS='|' read -r subs opts valued args <<< "$(_repcoach_spec "$cmdpath")"
      positional=0
    else
      positional=$((positional + 1))
    fi
  done
  COMPREPLY=()
  # The value of an option: its list, or file names.
  if [[ "$prev" == -* ]] && kind="$(_repcoach_valued "$prev" $valued $gvalued)"; then
    _repcoach_reply "$kind" "$cur"
  elif [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts $gopts" -- "$cur"))
  elif [[ -n "$subs" ]]; then
    COMPREPLY=($(compgen -W "$subs" -- "$cur"))
  elif [[ -n "$args" ]]; then
    local kinds=($args)
    kind="\${kinds[positional]:-\${kinds[\${#kinds[@]}-1]}}"
    _repcoach_reply "$kind" "$cur"
  fi
  return 0
}
complete -o default -F _repcoach repcoach
`;
}

function zshScript(specs: readonly CommandSpec[]): string {
  return `#compdef repcoach
# repcoach completion for zsh. Load it in ~/.zshrc (after compinit):
#   eval "$(repcoach completion zsh)"
autoload -U +X bashcompinit && bashcompinit
${bashScript(specs).split('\n').slice(2).join('\n')}`;
}

function fishScript(specs: readonly CommandSpec[]): string {
  const lines = ['# repcoach completion for fish. Save it as ~/.config/fish/completions/repcoach.fish:', '#   repcoach completion fish > ~/.config/fish/completions/repcoach.fish', 'complete -c repcoach -f'];
  const list = (kind: string) => (kind === 'files' ? '-F' : `-f -a ${shellWord(`(${LIST_CALL} ${kind} </dev/null 2>/dev/null)`)}`);
  // Commands with subcommands of their own: "show" alone and "playbook show" must not be confused.
  const groups = specs.filter((s) => s.path !== '' && !s.path.includes(' ') && s.subcommands.length > 0).map((s) => s.path);
  for (const s of specs) {
    const words = s.path ? s.path.split(' ') : [];
    // In fish, the words seen so far decide where the line is: this command, and none of its subcommands yet.
    const here = [
      ...(words.length === 0 ? ['__fish_use_subcommand'] : words.map((w) => `__fish_seen_subcommand_from ${w}`)),
      ...(words.length ? groups.filter((g) => g !== words[0]).map((g) => `not __fish_seen_subcommand_from ${g}`) : []),
      ...(s.subcommands.length && words.length ? [`not __fish_seen_subcommand_from ${s.subcommands.join(' ')}`] : []),
    ].join('; and ');
    for (const sub of s.subcommands) lines.push(`complete -c repcoach -n ${shellWord(here)} -a ${sub}`);
    for (const o of s.options.filter((x) => x.startsWith('--'))) {
      const kind = s.valued.find(([v]) => v === o)?.[1];
      lines.push(`complete -c repcoach -n ${shellWord(words.length ? here : '__fish_use_subcommand; or true')} -l ${o.slice(2)}${kind ? ` -r ${list(kind)}` : ''}`);
    }
    const arg = s.args[0];
    if (arg && !s.subcommands.length) lines.push(`complete -c repcoach -n ${shellWord(here)} ${list(arg)}`);
  }
  return lines.join('\n');
}

/** A word for a shell script, single-quoted. */
function shellWord(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
