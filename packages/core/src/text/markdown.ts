/**
 * The Markdown reader: CommonMark block structure as resolutions written in
 * Markdown use it. ATX and setext headings become paragraphs with style
 * "Heading<N>", list items keep their marker as a typed label ("1.", "a)",
 * "-"), block quotes and emphasis markers are unwrapped, links keep their
 * text, footnote definitions ("[^1]: ...") become notes whose mark sticks to
 * the word before the reference, as in flattened ITU text. Pipe-table cells
 * become paragraphs with their table position.
 */
import type { Doc, Message, Note, Paragraph } from "../model/doc.js";
import { resolveDocLimits, tooManyParagraphs, type DocLimits } from "../model/limits.js";
import { decodeText } from "./decode.js";
import { splitLines, type Line } from "./lines.js";
import { paragraphFromLines } from "./read.js";

export interface MarkdownReadOptions {
  name?: string | null;
  /** Size budgets (see DEFAULT_DOC_LIMITS); inputs beyond them are refused with a "too-large" RedlineError. */
  limits?: Partial<DocLimits>;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(```+|~~~+)/;
const LIST = /^ {0,3}([-*+]|\d{1,9}[.)]|[a-z]{1,4}\))[ \t]+(.*)$/;
const FOOTNOTE_DEF = /^ {0,3}\[\^([^\]]+)\]:[ \t]*(.*)$/;
const TABLE_ROW = /^ {0,3}\|.*\|[ \t]*$/;
const TABLE_RULE = /^ {0,3}\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/;
const THEMATIC = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

export function readMarkdown(input: string | Uint8Array, options: MarkdownReadOptions = {}): Doc {
  const name = options.name ?? null;
  const lines = splitLines(decodeText(input, name, options.limits));
  const paragraphs: Paragraph[] = [];
  const notes: Note[] = [];
  const messages: Message[] = [];
  const noteParas: { id: string; group: Line[]; text: string }[] = [];
  let tables = 0;
  let buf: Line[] = [];

  const limits = resolveDocLimits(options.limits);
  const push = (group: Line[], text: string, style: string | null = null): Paragraph => {
    if (paragraphs.length >= limits.maxParagraphs) throw tooManyParagraphs(name, limits);
    const p = paragraphFromLines(group, paragraphs.length, inline(text));
    p.style = style;
    paragraphs.push(p);
    return p;
  };
  const flush = () => {
    if (buf.length) push(buf, buf.map((l) => l.text.trim()).join(" "));
    buf = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const raw = line.text.replace(/^ {0,3}>[ ]?/, "");
    if (raw.trim() === "") {
      flush();
      continue;
    }
    const fence = FENCE.exec(raw);
    if (fence) {
      flush();
      const block: Line[] = [];
      for (i++; i < lines.length && !lines[i]!.text.trimStart().startsWith(fence[1]!); i++) block.push(lines[i]!);
      for (const l of block) push([l], l.text, "Code");
      continue;
    }
    const atx = ATX.exec(raw);
    if (atx) {
      flush();
      push([line], atx[2] ?? "", `Heading${atx[1]!.length}`);
      continue;
    }
    if (buf.length && SETEXT.exec(raw)) {
      const level = raw.trim().startsWith("=") ? 1 : 2;
      const group = buf;
      buf = [];
      push(group, group.map((l) => l.text.trim()).join(" "), `Heading${level}`);
      continue;
    }
    if (THEMATIC.test(raw)) {
      flush();
      continue;
    }
    const def = FOOTNOTE_DEF.exec(raw);
    if (def) {
      flush();
      noteParas.push({ id: def[1]!, group: [line], text: def[2]! });
      continue;
    }
    if (TABLE_ROW.test(raw) && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1]!.text)) {
      flush();
      let row = 0;
      for (; i < lines.length && TABLE_ROW.test(lines[i]!.text); i++) {
        if (TABLE_RULE.test(lines[i]!.text)) continue;
        const cells = lines[i]!.text.trim().replace(/^\||\|$/g, "").split(/(?<!\\)\|/);
        cells.forEach((c, cell) => {
          const p = push([lines[i]!], c.trim());
          p.table = { table: tables, row, cell };
        });
        row++;
      }
      i--;
      tables++;
      continue;
    }
    const item = LIST.exec(raw);
    if (item) {
      flush();
      buf = [line];
      const marker = item[1]!;
      // "1." is Markdown's list syntax; ITU labels have no dot, so "1." is kept as "1".
      const label = /^\d+\.$/.test(marker) ? marker.slice(0, -1) : marker === "*" || marker === "+" ? "–" : marker === "-" ? "–" : marker;
      const rest: string[] = [item[2]!];
      while (i + 1 < lines.length && lines[i + 1]!.text.trim() !== "" && !LIST.test(lines[i + 1]!.text) && /^\s/.test(lines[i + 1]!.text)) {
        i++;
        buf.push(lines[i]!);
        rest.push(lines[i]!.text.trim());
      }
      push(buf, `${label}\t${rest.join(" ")}`);
      buf = [];
      continue;
    }
    buf.push({ ...line, text: raw });
  }
  flush();

  // Footnote references: the mark sticks to the word before it, as ITU text flattens it.
  const marks = new Map<string, string>();
  for (const p of paragraphs) {
    p.text = p.text.replace(/\[\^([^\]]+)\]/g, (_m, id: string) => {
      if (!marks.has(id)) {
        marks.set(id, String(marks.size + 1));
        notes.push({ type: "note", kind: "footnote", id, mark: marks.get(id)!, referencedFrom: p.index });
      }
      return marks.get(id)!;
    });
  }
  for (const n of noteParas) {
    if (!marks.has(n.id)) {
      marks.set(n.id, String(marks.size + 1));
      notes.push({ type: "note", kind: "footnote", id: n.id, mark: marks.get(n.id)!, referencedFrom: null });
      messages.push({ type: "message", level: "warning", code: "unreferenced-note", text: `footnote [^${n.id}] is never referenced` });
    }
    const p = push(n.group, n.text);
    p.part = "footnote";
    p.noteId = n.id;
  }
  return { type: "doc", name, format: "markdown", paragraphs, notes, hasRevisions: false, messages };
}

/** Unwrap inline Markdown: emphasis, code spans, links, images, escapes, hard breaks. */
export function inline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2")
    .replace(/(?<![\w*])([*_])(?=\S)([\s\S]*?\S)\1(?![\w*])/g, "$2")
    .replace(/<\/?(?:ins|del|u|s|em|strong|sup|sub)>/gi, "")
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, "$1")
    .replace(/ {2,}$/, "");
}
