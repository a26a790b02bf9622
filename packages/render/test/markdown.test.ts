import { compareTexts } from "@redline/core";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../src/index.js";
import { codeSpan, escapeInline, escapeLineStart } from "../src/markdown/escape.js";
import { exampleDelta } from "./helpers.js";

/** Render as GitHub would, but trusting raw HTML: the harshest reading of our output. */
const toHtml = (md: string) => micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });

describe("renderMarkdown on the example", () => {
  const delta = exampleDelta();
  const md = renderMarkdown(delta);

  it("has a title with both names and a table of counts", () => {
    expect(md.startsWith("# res-99-in-force.txt → res-99-proposed.txt\n")).toBe(true);
    expect(md).toContain("| Clauses modified | 12 |");
    expect(md).toContain("| Clauses renumbered | 16 |");
    expect(md).toContain("| Words deleted | 67 |");
    expect(md).toContain("| Title | Open access to study group working documents for developing countries | Open access");
  });

  it("gives each touched entry a marker line and its text with <ins>/<del>", () => {
    expect(md).toContain("**MOD** `resolves/5`\n\n5 that study groups should <del>encourage</del><ins>promote</ins> the preparation");
    expect(md).toContain("**ADD** `resolves/2bis`\n\n<ins>2bis that draft Recommendations");
    expect(md).toContain("**SUP** `recognizing/d`\n\n<del>d) that some documents");
    expect(md).toContain("**MOD** `instructs-the-study-groups/5` → `instructs-the-study-groups/2` — moved, renumbered 5 → 2");
    expect(md.match(/^\*\*(MOD|ADD|SUP|NOC)\*\* /gm)).toHaveLength(36);
  });

  it("leaves unchanged entries out unless asked for all", () => {
    expect(md).not.toContain("that the effective participation of experts");
    const all = renderMarkdown(delta, { all: true });
    expect(all).toContain("\n\na) that the effective participation of experts");
    expect(all.match(/^\*\*(MOD|ADD|SUP|NOC)\*\* /gm)).toHaveLength(36);
  });

  it("renders to HTML whose only raw elements are the marks we wrote", () => {
    const html = toHtml(md);
    expect(html).toContain("<del>encourage</del><ins>promote</ins>");
    const tags = new Set(Array.from(html.matchAll(/<([a-z][a-z0-9]*)/g), (m) => m[1]));
    expect([...tags].sort()).toEqual(["code", "del", "h1", "h2", "ins", "p", "strong", "table", "tbody", "td", "th", "thead", "tr"]);
  });
});

describe("Markdown escaping", () => {
  const hostile = (word: string) =>
    [
      "Title",
      "",
      `plain <script>alert(1)</script> *bold* _em_ [link](javascript:alert(1)) \`code\` a|b ~~gone~~ $x$ \\ &lt; &amp; ${word}`,
      "",
      `# not a heading ${word}`,
      "",
      `1. not a list ${word}`,
      "",
      `    not code <img src=x onerror=alert(1)> ${word}`,
      "",
    ].join("\n");
  const hostileOld = hostile("here");
  const hostileNew = hostile("there");
  const d = compareTexts(hostileOld, hostileNew, { profile: "plain", old: { name: "old*.txt" }, new: { name: "<b>new</b>.txt" } });
  const md = renderMarkdown(d, { all: true });
  const html = toHtml(md);

  it("escapes inline syntax and HTML so the document's text stays literal", () => {
    expect(md).toContain("plain &lt;script&gt;alert(1)&lt;/script&gt; \\*bold\\* \\_em\\_ \\[link\\](javascript:alert(1)) \\`code\\` a\\|b \\~\\~gone\\~\\~ \\$x\\$ \\\\ &amp;lt; &amp;amp; <del>here</del><ins>there</ins>");
    expect(md).toContain("# old\\*.txt → &lt;b&gt;new&lt;/b&gt;.txt");
  });

  it("escapes block syntax at the start of a line", () => {
    expect(md).toContain("\n\\# not a heading <del>here</del><ins>there</ins>\n");
    expect(md).toContain("\n1\\. not a list <del>here</del><ins>there</ins>\n");
    expect(escapeLineStart("# h")).toBe("\\# h");
    expect(escapeLineStart("1. item")).toBe("1\\. item");
    expect(escapeLineStart("12) item")).toBe("12\\) item");
    expect(escapeLineStart("- item")).toBe("\\- item");
    expect(escapeLineStart("\tcode")).toBe("&#9;code");
    expect(escapeLineStart("    code")).toBe("&#32;&#32;&#32;&#32;code");
    expect(toHtml(escapeLineStart("    code <x>"))).toBe("<p>    code &lt;x&gt;</p>");
    expect(escapeLineStart("1 that")).toBe("1 that");
  });

  it("renders the hostile text as text: no script, image, link, emphasis or code of its own", () => {
    expect(html).not.toMatch(/<(script|img|a|em|b|pre|h[3-6]|ol|ul|li)[\s>]/);
    expect(html).toContain("<p>plain &lt;script&gt;alert(1)&lt;/script&gt; *bold* _em_ [link](javascript:alert(1)) `code` a|b ~~gone~~ $x$ \\ &amp;lt; &amp;amp; <del>here</del><ins>there</ins></p>");
    expect(html).toContain("<p># not a heading <del>here</del>");
    expect(html).toContain("<p>1. not a list <del>here</del>");
    expect(html).toContain("<p>not code &lt;img src=x onerror=alert(1)&gt; <del>here</del>");
  });

  it("fences code spans around any backticks", () => {
    expect(codeSpan("a`b")).toBe("``a`b``");
    expect(codeSpan("`a")).toBe("`` `a ``");
    expect(toHtml(codeSpan("x``y<z>"))).toBe("<p><code>x``y&lt;z&gt;</code></p>");
    expect(escapeInline("a<b>&c")).toBe("a&lt;b&gt;&amp;c");
  });
});
