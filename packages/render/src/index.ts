export { renderTerminal, type TerminalOptions } from "./terminal/terminal.js";
export { renderSummary, type SummaryOptions } from "./terminal/summary.js";
export { renderMarkdown, type MarkdownOptions } from "./markdown/markdown.js";
export { renderHtml, type HtmlOptions } from "./html/html.js";
export { summaryLine } from "./common/summary.js";
export { isTouched, address, tags, displayOps, sideOps, paragraphs, describeFormatting, describeUnmarkedFormatting } from "./common/entries.js";
export { foldUnchanged, type FoldItem } from "./common/fold.js";
