/** The examples at the end of each command's `--help` (main.ts adds them): keep them true with each change. */
export const EXAMPLES = {
  root: `
Examples:
  $ repcoach                                  coach a rep with the default playbook
  $ repcoach run stalled-deal --rep "Sam Lee" --deal "Acme renewal"
  $ repcoach resume                           continue the newest unfinished session
  $ repcoach sessions                         list sessions and their status
  $ repcoach prep "Sam Lee"                   before the one-to-one: open commitments, trend
  $ repcoach history Sam                      look back over the sessions with a rep

Data lives in the platform's data folder; set REPCOACH_HOME (or --home) to keep it elsewhere.`,
  run: `
Examples:
  $ repcoach run                              the default playbook (one-to-one); asks for the rep
  $ repcoach run stalled-deal --rep "Sam Lee" --deal "Acme renewal"
  $ repcoach run ./team/pipeline.yaml --rep Sam
  $ repcoach run one-to-one --rep Sam --answers answers.yaml --no-input
  $ repcoach run --agenda sam-agenda.md       the agenda Sam sent back: their topics open Contracting
  $ repcoach run --rep Sam --new-rep          Sam is not Sam Lee: a new rep

Without --rep it lists the reps you have coached (type to filter, or a new
name). A name close to a known rep's ("sam" for "Sam Lee") is asked about;
with --no-input it is an error unless --new-rep. A rep with a paused session
is offered to resume it. Your name is asked once, on the first run.

While answering: type /back to change the previous answer, /skip to skip an
optional question; Ctrl-C or Ctrl-D pauses the session (resume it with
\`repcoach resume\`). Due dates: friday, next friday, dec 1, in 2 weeks, +3d, 2026-12-01.`,
  resume: `
Examples:
  $ repcoach resume                           the newest paused or cut-off session
  $ repcoach resume 20261123-0945-k7qd        a session by id (a unique prefix will do)
  $ repcoach resume 20261123-0945-k7qd --no-input   in a script: write the note of a session
                                              whose answers are all given (a full disk stopped it)`,
  sessions: `
Examples:
  $ repcoach sessions
  $ repcoach sessions --json | jq '.sessions[] | select(.status != "done")'`,
  playbook: `
Examples:
  $ repcoach playbook list                         every playbook, its source, and the search order
  $ repcoach playbook fork one-to-one --as acme-one-to-one
  $ repcoach playbook validate playbooks/          in CI: file:line:column lines, exit 1 when invalid
  $ repcoach playbook add https://git.example.com/sales/playbooks.git --name sales

Playbooks are searched in this order: a path given on the command line, the
folders in REPCOACH_PLAYBOOKS, team sources (playbook add), your own playbook
folder, the built-ins. The first playbook with an id wins.`,
  playbookList: `
Examples:
  $ repcoach playbook list
  $ repcoach playbook list ./drafts              also search ./drafts, first
  $ repcoach playbook list --json | jq -r '.playbooks[].id'`,
  playbookShow: `
Examples:
  $ repcoach playbook show one-to-one
  $ repcoach playbook show ./playbooks/price-pushback.yaml`,
  playbookValidate: `
Examples:
  $ repcoach playbook validate playbooks/        every *.yaml and *.yml in the folder
  $ repcoach playbook validate a.yaml b.yaml --strict
  $ repcoach playbook validate playbooks/ --json

Each problem is printed as file:line:column: severity: message, so CI logs and
editors can jump to it. Exits 1 when any file is invalid (with --strict, also
when any has warnings).`,
  playbookNew: `
Examples:
  $ repcoach playbook new price-objections       in your own playbook folder
  $ repcoach playbook new price-objections --to ./playbooks`,
  playbookFork: `
Examples:
  $ repcoach playbook fork one-to-one                        as one-to-one-fork, in your folder
  $ repcoach playbook fork one-to-one --as acme-one-to-one --to ./playbooks
  $ repcoach playbook diff acme-one-to-one                   what the fork changed`,
  playbookDiff: `
Examples:
  $ repcoach playbook diff acme-one-to-one
  $ repcoach playbook diff ./playbooks/acme-one-to-one.yaml --json`,
  playbookAnswers: `
Examples:
  $ repcoach playbook answers one-to-one > answers.yaml
  $ repcoach playbook answers one-to-one --out answers.yaml
  $ repcoach run one-to-one --rep "Sam Lee" --answers answers.yaml

Required questions are keys to fill in; optional ones, and those asked only in
some cases, are commented out. Each says how to write its answer.`,
  playbookSchema: `
Examples:
  $ repcoach playbook schema > playbook.schema.json
  $ repcoach playbook schema --path

Editors with the YAML language server pick it up from this first line of a playbook:
  # yaml-language-server: $schema=<the path printed by --path>`,
  playbookAdd: `
Examples:
  $ repcoach playbook add https://git.example.com/sales/playbooks.git --name sales
  $ repcoach playbook add git@git.example.com:sales/playbooks.git
  $ repcoach playbook add /srv/git/playbooks.git --ref v2.0      a bare repository, pinned to a tag
  $ repcoach playbook add https://git.example.com/sales/playbooks.git --ref emea   a branch
  $ repcoach playbook add ~/Shared/team-playbooks --name shared

A git URL is cloned (with the system's git) into the data folder; a folder is
used in place. When the repository has a playbooks/ folder, that is where the
playbooks are read from.`,
  playbookUpdate: `
Examples:
  $ repcoach playbook update                     every team repository
  $ repcoach playbook update sales

Fast-forward only: local edits are never overwritten, and a diverged history is
reported, not merged.`,
  playbookRemove: `
Examples:
  $ repcoach playbook remove sales
  $ repcoach playbook remove sales --force       even if the clone holds local edits`,
  listen: `
Examples:
  $ repcoach listen zoom-sam.vtt                  your habits in a Zoom transcript (Maria: your name in settings)
  $ repcoach listen teams.vtt --manager Maria --rep Sam
  $ repcoach listen otter.txt --session 20261206-1000-k7qd   attach the figures to that session
  $ repcoach listen meet.json --json | jq .manager.talkShare

Reads WebVTT (Zoom, Teams), SRT, Otter.ai text, Google Meet JSON and plain
"Name: text" lines. The transcript stays where it is: only the figures (and
your own flagged sentences) are stored, with --session; --keep keeps a copy,
readable by you only. Habits, not a score: see docs/listen.md.`,
  check: `
Examples:
  $ repcoach check draft-email.txt            flag rescue language in a draft to the rep
  $ pbpaste | repcoach check -                check what is on the clipboard
  $ repcoach check plan.md --deal "Acme renewal" --playbook stalled-deal
  $ repcoach check notes.md --json | jq '.findings[].words'

Exit codes: 0 nothing flagged, 3 rescue language found, 1 the text could not be read,
2 wrong usage. Extend the phrase lists in settings (rescuePhrases, supportPhrases) or
in a playbook (rescue: {phrases, support}); see docs/rescue.md.`,
  encryption: `
Examples:
  $ repcoach encryption on                    asks for a new passphrase (twice), encrypts sessions and notes
  $ repcoach encryption on --passphrase-file ~/.repcoach-pass
  $ repcoach encryption status
  $ repcoach encryption off                   decrypts everything again

With encryption on, commands that read sessions ask for the passphrase, or read
it from --passphrase-file <file> or the file named by REPCOACH_PASSPHRASE_FILE.`,
  decrypt: `
Examples:
  $ repcoach decrypt ~/notes/sam-lee/2026-11-23-one-to-one.md
  $ repcoach decrypt note.md --out /tmp/note.md`,
  reps: `
Examples:
  $ repcoach reps
  $ repcoach reps --json | jq '.reps[] | select(.overdue > 0) | .name'
  $ repcoach reps rename sam "Sam Lee"        fix a name typed wrong, everywhere
  $ repcoach reps merge "Sam" "Sam Lee"       two spellings of one rep: Sam's sessions become Sam Lee's`,
  repsRename: `
Examples:
  $ repcoach reps rename sam "Sam Lee"
  $ repcoach reps rename "Sam Lee" "Samantha Lee" --yes --json

Changes the rep in every session's journal, moves and updates their notes
(notes/<rep>/, front matter and title; committed with notes.git on), and brings
the index up to date; commitments follow, as they belong to the rep. The rep is
matched as \`prep\` matches it. A session open in another terminal blocks it.
Interrupted (a crash, Ctrl-C), it is finished by running the same command again.`,
  repsMerge: `
Examples:
  $ repcoach reps merge sam "Sam Lee"         sam's sessions become Sam Lee's
  $ repcoach reps merge "S. Lee" "Sam Lee" --yes

The second rep's name survives: every session, note and commitment of the
first becomes theirs (to keep the first spelling, run \`reps rename\` afterwards).
Interrupted, it is finished by running the same command again.`,
  discard: `
Examples:
  $ repcoach discard 20261123-0945-k7qd       a session started by mistake (a unique prefix will do)
  $ repcoach discard 20261123-0945 --yes      without asking, for scripts

Only for a session that was never finished (in progress or paused): its journal
goes, and its rows in the index. A finished session has a note: use \`repcoach delete\`.`,
  delete: `
Examples:
  $ repcoach delete 20261123-0945-k7qd        asks first, naming the session and its note
  $ repcoach delete 20261123-0945 --yes       without asking, for scripts

Removes the journal, the note (committed as removed with notes.git on) and the
session's rows in the index; its commitments no longer come up in reviews.
Sessions that reviewed its actions keep what they recorded. Without a terminal
and without --yes it refuses (exit 2).`,
  prep: `
Examples:
  $ repcoach prep "Sam Lee"                   last session, open commitments, suggested playbook
  $ repcoach prep sam --agenda agenda.md      also write an agenda to send Sam beforehand
  $ repcoach prep sam --playbook stalled-deal --agenda agenda.md
    (Sam adds topics under "Your topics" and sends it back: repcoach run --agenda agenda.md)
  $ repcoach prep sam --json`,
  history: `
Examples:
  $ repcoach history                          every session, newest first
  $ repcoach history "Sam Lee" --since 3m     Sam's sessions of the last three months
  $ repcoach history --since 2026-01-01 --until 2026-03-31 --json`,
  show: `
Examples:
  $ repcoach show 20261123-0945-k7qd          the note, for the terminal (a unique prefix will do)
  $ repcoach show 20261123 --markdown > note.md
  $ repcoach show 20261123-0945 --for-rep     the rep's copy: nothing private to you
  $ repcoach show 20261123-0945 --json        the whole record, journal included
  $ repcoach show 20261123-0945 --summary | pbcopy   the summary alone, plain text for a CRM`,
  search: `
Examples:
  $ repcoach search champion                  every answer that mentions a champion
  $ repcoach search "already tried" --rep Sam --since 6m
  $ repcoach search "price (list)" --json     the text is matched literally, not as a pattern

Your own notes (private answers, the self-check) are found too, marked private.`,
  stats: `
Examples:
  $ repcoach stats                            everyone: sessions, follow-through, confidence, owners
  $ repcoach stats "Sam Lee" --since 2026-01
  $ repcoach stats --json`,
  export: `
Examples:
  $ repcoach export --all --out ~/vault/coaching          every session as a markdown note
  $ repcoach export --rep "Sam Lee" --since 2026-01 --out ./sam
  $ repcoach export 20261123-0945-k7qd --stdout
  $ repcoach export --all --format json --stdout | jq '.sessions | length'
  $ repcoach export --all --ics follow-ups.ics            open commitments as calendar events
  $ repcoach export --rep Sam --for-rep --out ./for-sam   the rep's copies
  $ repcoach export --rep Sam --for-rep --ics sam.ics     Sam's follow-ups, for Sam's calendar

Exporting again replaces the same files; it never makes duplicates.`,
  completion: `
Examples:
  $ eval "$(repcoach completion bash)"        add this line to ~/.bashrc
  $ eval "$(repcoach completion zsh)"         to ~/.zshrc, after compinit
  $ repcoach completion fish > ~/.config/fish/completions/repcoach.fish

Tab then completes commands, options, playbook ids, reps, session ids and settings.`,
  config: `
Examples:
  $ repcoach config list
  $ repcoach config set notes.git true        commit every note to git in the notes folder
  $ repcoach config set notesDir ~/vault/coaching
  $ repcoach config set rescuePhrases "park it with me" "white-knight <deal>"
  $ repcoach config get manager
  $ repcoach config unset notesDir`,
};
