/**
 * Turns the insertions and deletions that stand for moved text into real
 * moves in the `docx` library's document.xml: `w:ins` -> `w:moveTo`,
 * `w:del` -> `w:moveFrom` (its `w:delText` back to `w:t`, as moved-away text
 * is written), and fences each moved block with `w:moveFromRangeStart`/`End`
 * or `w:moveToRangeStart`/`End` named alike at both ends, as Word writes a
 * moved paragraph: the start in the first paragraph, the end after the last.
 *
 * This patches the library's own output, whose shape is known (no nested
 * paragraphs, revision wrappers never nested), and checks that shape as it
 * goes: a mismatch is an internal error, never a silently wrong document.
 */
import type { MovePatch, RangeMarker } from "./document.js";

const TAG = /<(\/?)w:(ins|del|delText)\b([^>]*)>/g;
const PARAGRAPH = /<w:p\b[^>]*?(?:\/>|>[\s\S]*?<\/w:p>)/g;

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function renameMoves(xml: string, renamed: MovePatch["renamed"]): string {
  // The element each open w:ins/w:del became, innermost last.
  const open: string[] = [];
  return xml.replace(TAG, (tag, closing: string, name: string, rest: string) => {
    if (name === "delText") return open[open.length - 1] === "moveFrom" ? `<${closing}w:t${rest}>` : tag;
    if (closing) {
      const element = open.pop();
      if (element === undefined) throw new Error(`generate: unbalanced </w:${name}> in the generated document`);
      return `</w:${element}>`;
    }
    const id = /\bw:id="(\d+)"/.exec(rest);
    const element = (id && renamed.get(Number(id[1]))) ?? name;
    if (element !== name && element !== (name === "ins" ? "moveTo" : "moveFrom")) {
      throw new Error(`generate: revision ${id?.[1]} was written as w:${name} but is a ${element}`);
    }
    if (!rest.endsWith("/")) open.push(element);
    return `<w:${element}${rest}>`;
  });
}

function rangeStart(marker: RangeMarker, author: string, date: string): string {
  const side = marker.side === "from" ? "moveFrom" : "moveTo";
  return `<w:${side}RangeStart w:id="${marker.id}" w:author="${escapeAttribute(author)}" w:date="${escapeAttribute(date)}" w:name="move${marker.move}"/>`;
}

function rangeEnd(marker: RangeMarker): string {
  return `<w:${marker.side === "from" ? "moveFrom" : "moveTo"}RangeEnd w:id="${marker.id}"/>`;
}

function openRange(paragraph: string, start: string): string {
  const afterProperties = paragraph.indexOf("</w:pPr>");
  if (afterProperties >= 0) return paragraph.slice(0, afterProperties + 8) + start + paragraph.slice(afterProperties + 8);
  if (paragraph.endsWith("/>")) return `${paragraph.slice(0, -2)}>${start}</w:p>`;
  const openTagEnd = paragraph.indexOf(">") + 1;
  return paragraph.slice(0, openTagEnd) + start + paragraph.slice(openTagEnd);
}

export function applyMoves(xml: string, patch: MovePatch, expectedParagraphs: number, author: string, date: string): string {
  if (patch.renamed.size === 0 && patch.ranges.length === 0) return xml;
  const renamed = renameMoves(xml, patch.renamed);
  let index = 0;
  const patched = renamed.replace(PARAGRAPH, (paragraph) => {
    let out = paragraph;
    const here = patch.ranges.filter((r) => r.paragraph === index);
    for (const marker of here) if (marker.first) out = openRange(out, rangeStart(marker, author, date));
    for (const marker of here) if (marker.last) out += rangeEnd(marker);
    index++;
    return out;
  });
  if (index !== expectedParagraphs) {
    throw new Error(`generate: expected ${expectedParagraphs} paragraphs in the generated document, found ${index}`);
  }
  return patched;
}
