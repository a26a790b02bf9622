/**
 * The Doc: what a reader makes of a file's bytes. Plain JSON data, no behaviour.
 *
 * A Doc keeps every paragraph in reading order (body first, then notes) with
 * enough provenance that a renderer can map a change back to the exact place it
 * came from: a line/column/offset range for text sources, a part and element
 * path for .docx sources.
 */

/** A point in a text source. `line` and `column` are 1-based, `offset` is 0-based UTF-16 units. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/** A range in a text source (end exclusive). */
export interface Position {
  start: Point;
  end: Point;
}

/**
 * Where a paragraph stands in a .docx package: the part it lives in and the
 * index path of its `w:p` element among element children from the part's root
 * (`[0, 12]` = 13th child of `w:body`, which is the first child of `w:document`).
 */
export interface DocxLocation {
  part: string;
  path: number[];
}

/** Character formatting of a run, as read from `w:rPr` (only what a redline can show). */
export interface RunFormat {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  /** a single line through the text (`w:strike`) */
  strike: boolean;
  /** a double line through the text (`w:dstrike`) */
  doubleStrike: boolean;
  /** "superscript", "subscript" or null */
  vertAlign: "superscript" | "subscript" | null;
  smallCaps: boolean;
  /** all capitals (`w:caps`): the text shown in capitals, whatever its letters */
  caps: boolean;
  /**
   * hidden text (`w:vanish`): in the file, not shown or printed (absent:
   * shown). Text made hidden is gone from the page though not from the
   * text, so the check lists it, as it lists any formatting changed.
   */
  hidden?: boolean;
  /*
   * Values, not on/off. The .docx reader gives them all; a Doc made
   * without them (by a library user, say) is not compared on them.
   */
  /** the kind of underline (`w:u`: "single", "double", "wave"…), where `underline` is on */
  underlineStyle?: string;
  /** the text colour (`w:color`) as six upper-case hex digits, or null for automatic */
  color?: string | null;
  /** the highlight (`w:highlight`: "yellow", "green"…), or null for none */
  highlight?: string | null;
  /** the size in half-points (`w:sz`: 24 is 12 pt) */
  size?: number;
  /** the font of Latin text (`w:rFonts w:ascii`), "+Body" / "+Headings" for the theme's (`w:asciiTheme`), "(default)" where nothing sets one */
  font?: string;
}

/** The values of `RunFormat` (not on/off): what a run sets of them itself is `Run.ownValues`. */
export type FormatValues = Pick<RunFormat, "underlineStyle" | "color" | "highlight" | "size" | "font">;

/** A stretch of paragraph text with one formatting. `start`/`end` index into `Paragraph.text`. */
export interface Run {
  type: "run";
  start: number;
  end: number;
  format: RunFormat;
  /**
   * What the run sets itself (its character style and direct formatting),
   * each property set or not: `ownFormatBits`. With `Paragraph.runBase`, it
   * says how the run would look under another paragraph's style. Absent
   * where the reader does not know (then `format` is all there is).
   */
  own?: number;
  /**
   * The values (`FormatValues`) the run sets itself, as `own` says its
   * on/off properties; absent where it sets none or the reader does not know.
   */
  ownValues?: Readonly<FormatValues>;
}

/** Where a paragraph sits in a table, if it does. */
export interface TableCell {
  /** ordinal of the table in the document (0-based, nested tables included) */
  table: number;
  row: number;
  cell: number;
}

export type PartKind = "body" | "footnote" | "endnote" | "header" | "footer";

export interface Paragraph {
  type: "paragraph";
  /** 0-based ordinal over all paragraphs of the Doc, in `Doc.paragraphs` order. */
  index: number;
  /** The visible text. A typed label stays in the text; a label Word computes is in `listLabel`. */
  text: string;
  /** The label a list numbering computes for this paragraph ("1", "a)"), or null. */
  listLabel: string | null;
  /** Paragraph style id ("ResNo", "Call", "enumlev1", "Heading1"); Markdown headings give "Heading<N>". */
  style: string | null;
  /** The style's display name, where the source has one. */
  styleName: string | null;
  part: PartKind;
  /** For note paragraphs: the note's id (`Note.id`). */
  noteId: string | null;
  table: TableCell | null;
  /** Character formatting, where the source has it (docx); null for plain text. */
  runs: Run[] | null;
  /** The formatting a run that sets nothing itself has here (document defaults and paragraph style), where `runs` carry `own`. */
  runBase?: RunFormat;
  /** Source range for text and Markdown sources. */
  position: Position | null;
  /** Source element for .docx sources. */
  location: DocxLocation | null;
}

/** A footnote or endnote. Its paragraphs are in `Doc.paragraphs` with `noteId` set. */
export interface Note {
  type: "note";
  kind: "footnote" | "endnote";
  id: string;
  /** The mark shown in the text ("1", "*"). */
  mark: string;
  /** Index of the body paragraph that references the note, or null if unreferenced. */
  referencedFrom: number | null;
}

/** A message about the input: content dropped, a fallback taken. Never fatal (fatal problems throw). */
export interface Message {
  type: "message";
  level: "info" | "warning";
  code: string;
  text: string;
}

export type SourceFormat = "text" | "markdown" | "docx";

export interface Doc {
  type: "doc";
  /** File name as given by the caller (no directory), or null. */
  name: string | null;
  format: SourceFormat;
  paragraphs: Paragraph[];
  notes: Note[];
  /** True when the source already contained tracked revisions (docx). */
  hasRevisions: boolean;
  messages: Message[];
}
