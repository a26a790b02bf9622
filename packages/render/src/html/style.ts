/**
 * The report's one stylesheet, inlined so that the file needs nothing else.
 *
 * Changes never rely on colour alone: insertions are underlined, deletions
 * struck through, every touched entry has a text badge. Colour adds to that,
 * from the Okabe–Ito palette (blue for insertions, vermillion for deletions),
 * darkened until text reaches WCAG AA contrast on its tinted background
 * (#00507f on #e3f0fa is 7.4:1, #9a3a00 on #fce9dd is 6.0:1). Only local font
 * names are listed: no web fonts, so nothing is fetched.
 *
 * Screen readers do not announce <ins>/<del> by default; the visually hidden
 * ::before/::after texts do, without showing up on screen or in copied text.
 */
export const CSS = `
:root { color-scheme: light; --ins-fg: #00507f; --ins-bg: #e3f0fa; --del-fg: #9a3a00; --del-bg: #fce9dd; --mod-fg: #5c4400; --mod-bg: #f7ecc9; --rule: #c8c8c8; --muted: #555; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1rem; margin: 0 0 .25rem; font-weight: 600; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--rule); padding: .35rem .6rem; text-align: left; vertical-align: top; }
thead th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: .9em; overflow-wrap: anywhere; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; padding: 0; margin: 0 0 1rem; }
.visually-hidden, ins::before, ins::after, del::before, del::after { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
ins::before { content: " [insertion start] "; }
ins::after { content: " [insertion end] "; }
del::before { content: " [deletion start] "; }
del::after { content: " [deletion end] "; }
ins { color: var(--ins-fg); background: var(--ins-bg); text-decoration: underline; text-decoration-thickness: .1em; text-underline-offset: .15em; }
del { color: var(--del-fg); background: var(--del-bg); text-decoration: line-through; text-decoration-thickness: .1em; }
.badge { display: inline-block; min-width: 3.2em; padding: 0 .35em; border: 1px solid currentColor; border-radius: .25em; font: 700 .8rem/1.5 ui-monospace, Menlo, Consolas, monospace; text-align: center; }
.badge-MOD { color: var(--mod-fg); background: var(--mod-bg); }
.badge-ADD { color: #fff; background: #005a8f; border-color: #005a8f; }
.badge-SUP { color: #fff; background: #a33f00; border-color: #a33f00; }
.badge-NOC { color: var(--muted); background: #f3f3f3; }
.tag { display: inline-block; margin-left: .4em; padding: 0 .4em; border: 1px dashed #767676; border-radius: .25em; font-size: .8rem; font-weight: 400; }
.doc-text p { margin: 0 0 .35rem; white-space: pre-wrap; tab-size: 4; font-family: "Times New Roman", Times, "Liberation Serif", "Noto Serif", serif; font-size: 1.05rem; }
.entry { margin: 0 0 .6rem; padding: .15rem 0 .15rem .9rem; border-left: .3rem solid transparent; }
.entry-MOD { border-left-color: #b08a00; }
.entry-ADD { border-left-color: #0072b2; }
.entry-SUP { border-left-color: #d55e00; }
.entry-moved { border-left-style: double; border-left-width: .45rem; }
.k-title p, .k-number-line p, .k-part-heading p { font-weight: 700; }
.k-section-heading p { font-style: italic; }
details.fold { margin: 0 0 .6rem; padding-left: 1.2rem; }
details.fold > summary { color: var(--muted); cursor: pointer; }
.touched-list { padding-left: 0; list-style: none; }
.touched-list li { margin: .2rem 0; }
.touched-list a { color: inherit; text-decoration: none; }
.touched-list a code { color: #0b4f8a; text-decoration: underline; }
.legend { color: var(--muted); font-size: .9rem; }
.legend > * { margin-right: .75rem; }
table.side-by-side { width: 100%; table-layout: fixed; }
table.side-by-side col.addr { width: 22%; }
table.side-by-side th[scope="row"] { font-weight: 400; font-size: .85rem; overflow-wrap: anywhere; }
table.side-by-side td.empty { background: repeating-linear-gradient(135deg, #fafafa 0 .4rem, #f0f0f0 .4rem .8rem); }
tr.row-NOC td, tr.row-NOC th { color: #333; }
.notes { border-left: .3rem solid #767676; padding-left: .75rem; }
@page { margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav { display: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .entry, tr, .touched-list li, table.counts { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  #side-by-side { break-before: page; page-break-before: always; }
  ins, del, .badge, .entry, td.empty { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
`;
