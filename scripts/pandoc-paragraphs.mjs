/**
 * The paragraphs of a document as pandoc reads it, from pandoc's document
 * tree (`pandoc -t json`) rather than its plain-text rendering: every
 * paragraph, heading and table-cell paragraph in reading order (an ordered
 * list item led by its number, a bullet item by "-"), then each note's
 * paragraphs, led by the note's number, which stands as "[n]" where the note
 * is referenced. Table borders and rows without any text are not paragraphs,
 * so this is a document's text "paragraph by paragraph" whatever pandoc makes
 * of a table's layout (it keeps a row that a revision removed as an empty
 * row, and the header row it chose before).
 *
 * Shared by the round-trip tests (packages/docx/test/tools/pandoc.ts) and the
 * docx benchmark (bench/docx-case.mjs), so both judge a round trip alike.
 *
 * @param {string} json pandoc's JSON output
 * @returns {string[]} the paragraphs, as pandoc has them (not normalised)
 */
export function pandocParagraphs(json) {
  const doc = JSON.parse(json);
  const out = [];
  const notes = [];

  const inlines = (xs) => xs.map(inline).join("");
  const inline = (x) => {
    const c = x.c;
    switch (x.t) {
      case "Str":
        return c;
      case "Space":
      case "SoftBreak":
      case "LineBreak":
        return " ";
      case "Emph":
      case "Underline":
      case "Strong":
      case "Strikeout":
      case "Superscript":
      case "Subscript":
      case "SmallCaps":
        return inlines(c);
      case "Quoted":
        return c[0].t === "SingleQuote" ? `‘${inlines(c[1])}’` : `“${inlines(c[1])}”`;
      case "Cite":
      case "Span":
      case "Link":
        return inlines(c[1]);
      case "Image":
        return `[${inlines(c[1])}]`;
      case "Code":
      case "Math":
      case "RawInline":
        return c[1];
      case "Note":
        notes.push(c);
        return `[${notes.length}]`;
      default:
        return "";
    }
  };
  const blocks = (xs, lead = "") => xs.forEach((x, i) => block(x, i === 0 ? lead : ""));
  const rows = (rs) => {
    for (const [, cells] of rs) for (const cell of cells) blocks(cell[4]);
  };
  const block = (x, lead) => {
    const c = x.c;
    switch (x.t) {
      case "Plain":
      case "Para":
        out.push(lead + inlines(c));
        return;
      case "Header":
        out.push(lead + inlines(c[2]));
        return;
      case "LineBlock":
        c.forEach((line, i) => out.push((i === 0 ? lead : "") + inlines(line)));
        return;
      case "CodeBlock":
      case "RawBlock":
        out.push(lead + c[1]);
        return;
      case "BlockQuote":
        blocks(c, lead);
        return;
      case "Div":
      case "Figure":
        blocks(c[c.length - 1], lead);
        return;
      case "OrderedList":
        c[1].forEach((item, i) => blocks(item, `${c[0][0] + i}. `));
        return;
      case "BulletList":
        c.forEach((item) => blocks(item, "- "));
        return;
      case "DefinitionList":
        for (const [term, defs] of c) {
          out.push(inlines(term));
          for (const d of defs) blocks(d);
        }
        return;
      case "Table": {
        const [, , , head, bodies, foot] = c;
        rows(head[1]);
        for (const b of bodies) {
          rows(b[2]);
          rows(b[3]);
        }
        rows(foot[1]);
        return;
      }
      default:
        return;
    }
  };
  blocks(doc.blocks);
  // a note referenced inside a note is numbered on as it is met
  for (let n = 0; n < notes.length; n++) blocks(notes[n], `[${n + 1}] `);
  return out;
}
