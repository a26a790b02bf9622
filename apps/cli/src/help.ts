/** Help texts: what each command does, its options, and examples that work as written from the repository root. */

export const MAIN_HELP = `redline: the precise delta between an in-force text and a proposed revision

Usage:
  redline compare OLD NEW [-o OUT] [options]   show or write the delta of NEW against OLD
  redline check IN_FORCE PROPOSAL.docx         find edits a proposal makes without marking them
  redline batch MANIFEST.json -o OUTDIR        compare many pairs on all cores
  redline view OLD NEW                         open the redline in the browser viewer (served on 127.0.0.1)
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

export const BATCH_HELP = `Usage: redline batch MANIFEST.json -o OUTDIR [options]
       redline batch --pairs DIR -o OUTDIR [options]

Compares many pairs at once, several at a time (one worker thread per job),
and writes each pair's result to OUTDIR/NAME.EXT, the same bytes as
'redline compare OLD NEW -o NAME.EXT', plus OUTDIR/summary.json listing
every pair. A pair that fails does not stop the others.

The pairs come from one of:
  MANIFEST.json   { "pairs": [ { "old": "in-force/res68.docx",
                                 "new": "proposed/res68.docx",
                                 "name": "res68" } ],
                    "format": "docx" }
                  or only the list: [ { "old": ..., "new": ... }, ... ].
                  Paths start at the manifest's folder ('-' reads the manifest
                  from stdin; its paths start at the current folder). "name"
                  names the result (default: NEW's file name without its
                  extension); "format" is used when --format is not given.
  --pairs DIR     DIR/old/NAME.EXT is compared with DIR/new/NAME.EXT: the files
                  with the same NAME (the extensions may differ: res68.docx
                  with res68.txt). Only .docx, .doc, .txt and .md files count;
                  a NAME found on one side only is a failed pair.

Options:
  -o, --output DIR      the folder for the results (created if missing; other
                        files in it are left alone)
  -f, --format FORMAT   json (default), html, md, text or docx: NAME.json,
                        NAME.html, NAME.md, NAME.txt or NAME.docx
  -p, --profile NAME    auto (default), itu-resolution, numbered or plain
      --author NAME     author of the tracked changes in a .docx (default: redline)
      --date ISO        date of the tracked changes (default: SOURCE_DATE_EPOCH, else now)
      --no-moves        show moved clauses as deleted and inserted in a .docx
  -j, --jobs N          compare N pairs at a time (default: the number of cores)
      --color WHEN      colour the final table: always, never or auto (default;
                        honours NO_COLOR)
      --max-size MB     refuse inputs larger than MB megabytes (default 256)
  -h, --help            this help

Progress goes to stderr: a bar on a terminal, otherwise one line per pair as it
finishes ("ok   NAME  ..." or "FAIL NAME  reason"). The final table, sorted by
name, goes to stdout. summary.json lists the pairs sorted by name, each with its
"status" (same, different or error), the Delta's "summary" counts and, for a
failed pair, the "error". Files are named as the manifest names them (under
--pairs DIR: old/NAME.EXT and new/NAME.EXT). Same inputs and --date give
byte-identical files in OUTDIR, whatever --jobs says.

Exit status: 0 no pair differs, 1 some pair differs, 2 some pair failed (or the
manifest or the arguments are wrong: then nothing is written).

Examples:
  echo '[{"old": "examples/res-99-in-force.txt", "new": "examples/res-99-proposed.txt"}]' | redline batch - -o redlines
  redline batch proposals.json -o redlines --format docx --author "TSB" --date 2024-10-15
  redline batch --pairs resolutions -o redlines --format html --jobs 2
  jq -r '.pairs[] | select(.status == "error") | .error' redlines/summary.json
`;

export const CHECK_HELP = `Usage: redline check IN_FORCE PROPOSAL.docx [-o CORRECTED.docx] [options]

The secretariat's check of a proposal that shows its changes as tracked
revisions. The proposal with every revision rejected is what it claims the
in-force text is: each difference from IN_FORCE there is an edit made without
a revision mark. Reports those unmarked edits by clause with a short context,
then the marked changes by clause with their ITU marker (MOD, ADD, SUP), then
text both share but the proposal formats otherwise without a mark (bold,
italic, underline and its kind, single or double strike, super- or subscript,
small or all caps, hidden, colour, highlight, size, font): listed apart,
as two templates can define a style differently, and not counted as edits.

IN_FORCE is a .docx, .txt or .md file; if it has tracked changes itself, its
accepted view is used. PROPOSAL must be a Word (.docx) document: a text
proposal cannot carry revision marks.

Options:
  -o, --output FILE     also write CORRECTED.docx (atomically): the true precise
                        delta, IN_FORCE against the proposal with its revisions
                        accepted, as tracked changes; the report still goes to stdout
  -f, --format FORMAT   text (default) or json
  -p, --profile NAME    auto (default), itu-resolution, numbered or plain
      --strict-spacing  count differences in spacing alone as unmarked edits
      --strict-formatting
                        count formatting changed without a mark against a clean
                        verdict too (exit status 1)
      --author NAME     author of the tracked changes in CORRECTED.docx (default: redline)
      --date ISO        their date (default: SOURCE_DATE_EPOCH, else now)
      --no-moves        show moved clauses as deleted and inserted in CORRECTED.docx
      --color WHEN      always, never or auto (default; honours NO_COLOR)
  -q, --quiet           print nothing; only the exit status tells
      --max-size MB     refuse inputs larger than MB megabytes (default 256)
  -h, --help            this help

Exit status: 0 no unmarked edits, 1 unmarked edits found, 2 trouble.

Examples:
  redline check examples/res-99-in-force.txt proposal.docx
  redline check res68.docx td666.docx --format json | jq '.unmarked[].new.id'
  redline check res68.docx td666.docx -o td666-corrected.docx
`;
