/** Help texts: what each command does, its options, and examples that work as written from the repository root. */

export const MAIN_HELP = `redline: the precise delta between an in-force text and a proposed revision

Usage:
  redline compare OLD NEW [-o OUT] [options]   show or write the delta of NEW against OLD
  redline textconv FILE                        print a document's text, one paragraph per line
  redline --version                            print the version
  redline COMMAND --help                       help for one command

Inputs are .docx, .txt or .md files ('-' reads text from stdin).
Exit status: 0 no differences, 1 differences found, 2 trouble (bad input or arguments).

Examples:
  redline compare examples/res-99-in-force.txt examples/res-99-proposed.txt
  redline compare old.txt new.txt --format json > delta.json
  redline textconv examples/res-99-proposed.txt
`;

export const COMPARE_HELP = `Usage: redline compare OLD NEW [-o OUT] [options]

Compares NEW against OLD clause by clause (added, deleted, modified, moved,
renumbered) and word by word inside each modified clause.

Options:
  -o, --output FILE     write the result to FILE (atomically); the format follows
                        its extension (.docx .html .md .json .txt) unless --format says
  -f, --format FORMAT   text (default), md, json, html or docx
  -p, --profile NAME    auto (default), itu-resolution, numbered or plain
      --author NAME     author of the tracked changes in a .docx (default: redline)
      --date ISO        date of the tracked changes (default: SOURCE_DATE_EPOCH, else now)
      --no-moves        show moved clauses as deleted and inserted in a .docx
      --color WHEN      always, never or auto (default; honours NO_COLOR)
  -C, --context N       show N unchanged clauses around each change, fold the rest
      --stat            print only the summary (counts and touched clauses)
  -q, --quiet           print nothing; only the exit status tells
      --max-size MB     refuse inputs larger than MB megabytes (default 256)
  -h, --help            this help

Exit status: 0 no differences, 1 differences found, 2 trouble.

Examples:
  redline compare examples/res-99-in-force.txt examples/res-99-proposed.txt
  redline compare examples/res-99-in-force.txt examples/res-99-proposed.txt --context 1
  redline compare examples/res-99-in-force.txt examples/res-99-proposed.txt --format json | jq .summary
  redline compare examples/res-99-in-force.txt examples/res-99-proposed.txt -o redline.html
  cat proposal.txt | redline compare examples/res-99-in-force.txt - --stat
`;

export const TEXTCONV_HELP = `Usage: redline textconv FILE

Prints the text of a document as redline reads it: one paragraph per line,
labels separated from their text by a tab. Useful as a git textconv driver:

  git config diff.redline.textconv "redline textconv"
  echo "*.docx diff=redline" >> .gitattributes

Options:
  -p, --profile NAME    auto (default), itu-resolution, numbered or plain
  -h, --help            this help

Example:
  redline textconv examples/res-99-in-force.txt
`;
