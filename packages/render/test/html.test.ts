import { compareTexts, type Delta } from "@redline/core";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { renderHtml } from "../src/index.js";
import { CSS } from "../src/html/style.js";
import { exampleDelta } from "./helpers.js";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

/** Parse as a browser would, failing on any HTML parse error. */
function parseStrict(html: string) {
  const errors: string[] = [];
  const doc = parse(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  expect(errors).toEqual([]);
  return doc;
}

function elements(root: Node): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    if ("tagName" in n) out.push(n);
    const kids = "content" in n && n.content ? n.content.childNodes : "childNodes" in n ? n.childNodes : [];
    for (const k of kids) walk(k);
  };
  walk(root);
  return out;
}

function text(n: Node): string {
  if (n.nodeName === "#text") return (n as DefaultTreeAdapterMap["textNode"]).value;
  return "childNodes" in n ? n.childNodes.map(text).join("") : "";
}

const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value ?? null;
const byId = (root: Node, id: string) => elements(root).find((e) => attr(e, "id") === id)!;
const hasClass = (e: Element, c: string) => (attr(e, "class") ?? "").split(" ").includes(c);
const find = (root: Node, pred: (e: Element) => boolean) => elements(root).filter(pred);

/** A cell's text, one line per paragraph, as a reader would copy it. */
const cellText = (cell: Element) => find(cell, (e) => e.tagName === "p").map(text).join("\n");
const sideText = (label: string | null, body: string) => (label !== null && body !== "" ? `${label} ${body}` : (label ?? body));

describe("renderHtml on the example", () => {
  const delta = exampleDelta();
  const html = renderHtml(delta);
  const doc = parseStrict(html);
  const indexOf = (id: string) => delta.clauses.findIndex((c) => (c.new ?? c.old)!.id === id);

  it("is one self-contained file: no scripts, no URLs, nothing to fetch", () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/src=/i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/url\(|@import|<link|<img|<iframe/i);
    for (const a of find(doc, (e) => e.tagName === "a")) expect(attr(a, "href")).toMatch(/^#[a-z0-9-]+$/);
  });

  it("is deterministic", () => {
    expect(renderHtml(exampleDelta())).toBe(html);
  });

  it("declares its language, has one h1 and a heading per section", () => {
    expect(attr(find(doc, (e) => e.tagName === "html")[0]!, "lang")).toBe("en");
    expect(find(doc, (e) => e.tagName === "h1").map(text)).toEqual(["Redline: res-99-in-force.txt → res-99-proposed.txt"]);
    expect(find(doc, (e) => e.tagName === "h2").map(text)).toEqual(["Summary", "Changed clauses", "Redline", "Side by side"]);
  });

  it("names both documents and their titles", () => {
    const table = find(doc, (e) => e.tagName === "table" && hasClass(e, "documents"))[0]!;
    const rows = find(table, (e) => e.tagName === "tr").map((r) => find(r, (e) => e.tagName === "th" || e.tagName === "td").map(text));
    expect(rows).toEqual([
      ["", "Old", "New"],
      ["File", "res-99-in-force.txt", "res-99-proposed.txt"],
      ["Title", "Open access to study group working documents for developing countries", "Open access to study group working documents for developing countries"],
    ]);
  });

  it("tabulates the summary, with row headers", () => {
    const table = find(doc, (e) => e.tagName === "table" && hasClass(e, "counts"))[0]!;
    const rows = find(table, (e) => e.tagName === "tr").slice(1).map((r) => [text(find(r, (e) => e.tagName === "th")[0]!), Number(text(find(r, (e) => e.tagName === "td")[0]!))]);
    expect(Object.fromEntries(rows)).toEqual({
      "Clauses modified": 12,
      "Clauses added": 6,
      "Clauses deleted": 2,
      "Clauses moved": 1,
      "Clauses renumbered": 16,
      "Clauses unchanged": 57,
      "Words inserted": 169,
      "Words deleted": 67,
    });
    for (const th of find(table, (e) => e.tagName === "th")) expect(attr(th, "scope")).toMatch(/^(row|col)$/);
  });

  it("lists the touched clauses with their markers and tags, linked to the redline", () => {
    const items = find(byId(doc, "touched"), (e) => e.tagName === "li");
    expect(items).toHaveLength(36);
    const texts = items.map(text);
    expect(texts).toContain("MOD resolves/5");
    expect(texts).toContain("ADD considering/c");
    expect(texts).toContain("SUP recognizing/d");
    expect(texts).toContain("MOD considering/c → considering/d renumbered c) → d)");
    expect(texts).toContain("MOD instructs-the-study-groups/5 → instructs-the-study-groups/2 moved renumbered 5 → 2");
    expect(texts.some((t) => t.startsWith("NOC"))).toBe(false);
    const link = find(items[texts.indexOf("MOD resolves/5")]!, (e) => e.tagName === "a")[0]!;
    expect(attr(link, "href")).toBe(`#e${indexOf("resolves/5")}`);
  });

  it("marks the changed word of resolves/5 with <del> and <ins>", () => {
    expect(html).toContain("<del>encourage</del>");
    expect(html).toContain("<ins>promote</ins>");
    const entry = byId(doc, `e${indexOf("resolves/5")}`);
    expect(find(entry, (e) => e.tagName === "del").map(text)).toEqual(["encourage"]);
    expect(find(entry, (e) => e.tagName === "ins").map(text)).toEqual(["promote"]);
    expect(text(find(entry, (e) => e.tagName === "h3")[0]!)).toBe("MOD resolves/5");
  });

  it("shows every entry in the inline view, unchanged ones without a heading", () => {
    const entries = find(byId(doc, "redline"), (e) => hasClass(e, "entry"));
    expect(entries).toHaveLength(delta.clauses.length);
    expect(entries.filter((e) => find(e, (x) => x.tagName === "h3").length > 0)).toHaveLength(36);
  });

  it("gives each continuation paragraph its own <p>", () => {
    const entry = byId(doc, `e${indexOf("recognizing/c")}`);
    const paras = find(entry, (e) => e.tagName === "p").map(text);
    expect(paras).toHaveLength(4);
    expect(paras[3]).toBe("–\tliaison statements received from otherexternal standards development organizations;");
  });

  it("aligns old and new side by side, one row per entry, empty on the side an entry is missing from", () => {
    const rows = find(byId(doc, "side-by-side"), (e) => e.tagName === "tr").slice(1);
    expect(rows).toHaveLength(delta.clauses.length);
    rows.forEach((row, i) => {
      const c = delta.clauses[i]!;
      const [oldCell, newCell] = find(row, (e) => e.tagName === "td");
      expect(hasClass(oldCell!, "empty")).toBe(c.old === null);
      expect(hasClass(newCell!, "empty")).toBe(c.new === null);
      if (c.old) expect(cellText(oldCell!)).toBe(sideText(c.old.label, c.old.text));
      if (c.new) expect(cellText(newCell!)).toBe(sideText(c.new.label, c.new.text));
    });
    const deleted = rows[indexOf("recognizing/d")]!;
    expect(text(find(deleted, (e) => e.tagName === "th")[0]!)).toBe("SUP recognizing/d");
  });

  it("includes only the view asked for", () => {
    const inline = renderHtml(delta, { view: "inline" });
    expect(inline).toContain('id="redline"');
    expect(inline).not.toContain('id="side-by-side"');
    const side = renderHtml(delta, { view: "side-by-side" });
    expect(side).not.toContain('id="redline"');
    expect(side).toContain(`href="#s${indexOf("resolves/5")}"`);
  });

  it("folds long unchanged runs of the inline view into closed <details> when given a context", () => {
    const folded = parseStrict(renderHtml(delta, { context: 0, view: "inline" }));
    const details = find(folded, (e) => e.tagName === "details");
    const counted = details.map((d) => Number(/⋯ (\d+) unchanged/.exec(text(find(d, (e) => e.tagName === "summary")[0]!))![1]));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(delta.clauses.length - 36);
    for (const d of details) expect(attr(d, "open")).toBeNull();
  });

  it("has print rules that keep clauses whole", () => {
    expect(CSS).toMatch(/@media print \{[^]*\.entry, tr[^{]*\{ break-inside: avoid;/);
  });
});

describe("renderHtml with hostile text", () => {
  const evil = [
    `<script>alert(1)</script>`,
    `<img src=x onerror=alert(1)>`,
    `javascript:alert(document.cookie)`,
    `</style><style>body{display:none}</style>`,
    `" onmouseover="alert(1)`,
    `' onfocus='alert(1)`,
    `&amp; &lt;b&gt;`,
  ];
  const oldText = `Title ${evil[0]}\n\n${evil.join(" ")} old\n\nplain\n`;
  const newText = `Title ${evil[0]}\n\n${evil.join(" ")} new ${evil[1]}\n\nplain\n\nadded ${evil[3]}\n`;
  const delta: Delta = compareTexts(oldText, newText, {
    profile: "plain",
    old: { name: `"><script>alert('name')</script>.txt` },
    new: { name: "<img src=x onerror=alert(2)>.txt" },
  });
  const html = renderHtml(delta, { title: "</title><script>alert(3)</script>", oldTitle: `" onload="x`, lang: `en" onload="x` });
  const doc = parseStrict(html);

  const ALLOWED = new Set(["html", "head", "body", "meta", "title", "style", "header", "h1", "h2", "h3", "table", "caption", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "p", "br", "span", "code", "ins", "del", "nav", "ul", "ol", "li", "a", "main", "section", "div", "details", "summary"]);

  it("creates no element, attribute or style of its own", () => {
    const all = elements(doc);
    for (const e of all) {
      expect(ALLOWED.has(e.tagName), e.tagName).toBe(true);
      for (const a of e.attrs) expect(a.name, `${e.tagName} ${a.name}`).toMatch(/^(class|id|href|lang|dir|charset|name|content|scope|aria-labelledby|aria-label|role)$/);
    }
    const styles = all.filter((e) => e.tagName === "style");
    expect(styles.map(text)).toEqual([CSS]);
    expect(all.filter((e) => e.tagName === "title").map(text)).toEqual(["</title><script>alert(3)</script>"]);
    expect(attr(all.find((e) => e.tagName === "html")!, "lang")).toBe(`en" onload="x`);
  });

  it("has no unescaped tag or event handler in the raw output", () => {
    expect(html).not.toMatch(/<(script|img)/i);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    // Outside the stylesheet every quote is ours (text has them as &quot; and &#39;),
    // so dropping quoted attribute values leaves only tag and attribute names.
    const outsideStyle = html.replace(/<style>[^]*?<\/style>/, "<style></style>");
    expect(outsideStyle).not.toContain("'");
    expect(outsideStyle.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son\w+\s*=/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&quot; onmouseover=&quot;alert(1)");
    expect(html).toContain("&#39; onfocus=&#39;alert(1)");
    expect(html).toContain("&amp;amp; &amp;lt;b&amp;gt;");
  });

  it("shows the hostile text to the reader exactly as written", () => {
    const bodyText = text(find(doc, (e) => e.tagName === "body")[0]!);
    for (const s of evil) expect(bodyText).toContain(s);
    expect(bodyText).toContain(`"><script>alert('name')</script>.txt`);
    expect(bodyText).toContain(`" onload="x`);
    for (const a of find(doc, (e) => e.tagName === "a")) expect(attr(a, "href")).toMatch(/^#[a-z0-9-]+$/);
  });
});
