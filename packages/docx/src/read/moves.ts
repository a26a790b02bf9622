import { documentElement, getAttr, type XmlDocument, type XmlElement } from "../xml/tree.js";

/**
 * Whether every tracked move in these parts brings to its destination only
 * words from its source, as the "moved" view reads them (what was deleted
 * inside an end shown, what was inserted inside it left out). A move is its
 * `w:moveFrom` and `w:moveTo` content, paired by the name of the range around
 * it (`w:moveFromRangeStart`, `w:moveToRangeStart`); content outside any
 * range is pooled under no name. Word's destination holds the source's words
 * exactly (a word changed after moving is deleted and inserted inside it);
 * redline's writer leaves a changed word's old spelling in the source only,
 * so the destination's words are the source's with some left out, in order.
 * A word in the destination the source does not have there is an edit made
 * without a mark. A leading label (up to its tab) is left out of each
 * paragraph: a moved clause is often renumbered with its new label outside
 * the moved text, and the renumbering is a marked change of its own.
 *
 * When every move passes, the "moved" view differs from the in-force text
 * only where the rejected view does, so the secretariat's check need not
 * read it.
 */
export function movesKeepTheirWords(parts: readonly XmlDocument[]): boolean {
  const ends = new Map<string, { from: Map<XmlElement, string>; to: Map<XmlElement, string> }>();
  const open = { from: [] as [string, string][], to: [] as [string, string][] };
  let paragraph: XmlElement | null = null;

  const endOf = (kind: "from" | "to"): Map<XmlElement, string> => {
    const name = open[kind].at(-1)?.[1] ?? "";
    let move = ends.get(name);
    if (!move) ends.set(name, (move = { from: new Map(), to: new Map() }));
    return move[kind];
  };
  const rangeStart = (kind: "from" | "to", el: XmlElement) => open[kind].push([getAttr(el, "w:id") ?? "", getAttr(el, "w:name") ?? ""]);
  const rangeEnd = (kind: "from" | "to", el: XmlElement) => {
    const id = getAttr(el, "w:id") ?? "";
    const at = open[kind].findIndex(([openId]) => openId === id);
    if (at >= 0) open[kind].splice(at, 1);
  };

  const walk = (el: XmlElement): void => {
    for (const child of el.children) {
      if (child.type !== "element") continue;
      switch (child.name) {
        case "w:moveFromRangeStart":
          rangeStart("from", child);
          break;
        case "w:moveToRangeStart":
          rangeStart("to", child);
          break;
        case "w:moveFromRangeEnd":
          rangeEnd("from", child);
          break;
        case "w:moveToRangeEnd":
          rangeEnd("to", child);
          break;
        case "w:moveFrom":
        case "w:moveTo": {
          // a paragraph mark's move (in w:pPr/w:rPr) holds no text
          if (paragraph === null) break;
          const end = endOf(child.name === "w:moveFrom" ? "from" : "to");
          // each piece ends a word: what stands between two pieces (an insertion, even of a space) is not in the moved view
          end.set(paragraph, `${end.get(paragraph) ?? ""} ${movedText(child)}`);
          break;
        }
        case "w:p": {
          const outer = paragraph;
          paragraph = child;
          walk(child);
          paragraph = outer;
          break;
        }
        case "w:pPr":
        case "w:rPr":
          break;
        default:
          walk(child);
      }
    }
  };
  for (const part of parts) walk(documentElement(part));

  for (const { from, to } of ends.values()) if (!inOrderWithin(words(to), words(from))) return false;
  return true;
}

/** Whether `some` are `all` with none or some left out, in order. */
function inOrderWithin(some: string[], all: string[]): boolean {
  let at = 0;
  for (const word of some) {
    while (at < all.length && all[at] !== word) at++;
    if (at === all.length) return false;
    at++;
  }
  return true;
}

/** The text inside a move end as the "moved" view reads it: deleted text shown, inserted text left out, tabs kept. */
function movedText(el: XmlElement): string {
  let out = "";
  for (const child of el.children) {
    if (child.type !== "element") continue;
    switch (child.name) {
      case "w:t":
      case "w:delText":
        for (const t of child.children) if (t.type === "text") out += t.text;
        break;
      case "w:tab":
      case "w:ptab":
        out += "\t";
        break;
      case "w:br":
      case "w:cr":
        out += " ";
        break;
      case "w:ins":
        // words on either side of an insertion are words of their own ("up" + inserted + "to"), not "upto"
        out += " ";
        break;
      case "w:instrText":
      case "w:delInstrText":
      case "w:rPr":
        break;
      default:
        out += movedText(child);
    }
  }
  return out;
}

const LEADING_LABEL = /^[^\s]{0,12}\t/;

/** Letters and digits in a run, or one other mark: the writer may insert a word right before a comma it leaves moved. */
const WORD = /[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;

function words(paragraphs: Map<XmlElement, string>): string[] {
  return [...paragraphs.values()].flatMap((text) => text.replace(LEADING_LABEL, "").match(WORD) ?? []);
}
