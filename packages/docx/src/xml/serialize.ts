import { encodeXml } from "./encoding.js";
import { canonicalOpenHead, escapeText } from "./escape.js";
import { elementSignature, rawForms, type RawElementForm } from "./raw-forms.js";
import type { XmlDocument, XmlElement, XmlNode } from "./tree.js";

/**
 * Writes a tree back to text. Unedited nodes come out exactly as they were
 * read; edited or new nodes are written the way Word writes them.
 */

function charsOrCanonical(node: XmlNode, value: string, canonical: () => string): string {
  const form = rawForms.get(node);
  return form?.kind === "chars" && form.value === value ? form.raw : canonical();
}

/** Appends to one accumulator rather than returning strings per node: large parts build far fewer intermediate strings. */
class Writer {
  out = "";

  element(el: XmlElement): void {
    const found = rawForms.get(el);
    const form: RawElementForm | null = found?.kind === "element" && found.signature === elementSignature(el) ? found : null;
    this.out += form?.head ?? canonicalOpenHead(el);
    if (el.children.length === 0 && !form?.emptyPair) {
      this.out += "/>";
      return;
    }
    this.out += ">";
    for (const child of el.children) this.node(child);
    this.out += form?.close ?? `</${el.name}>`;
  }

  node(node: XmlNode): void {
    switch (node.type) {
      case "element":
        this.element(node);
        break;
      case "text":
        this.out += charsOrCanonical(node, node.text, () => escapeText(node.text));
        break;
      case "comment":
        this.out += charsOrCanonical(node, node.text, () => `<!--${node.text}-->`);
        break;
      case "cdata":
        this.out += charsOrCanonical(node, node.text, () => `<![CDATA[${node.text}]]>`);
        break;
      case "pi":
        this.out += charsOrCanonical(node, `${node.target} ${node.body}`, () => (node.body ? `<?${node.target} ${node.body}?>` : `<?${node.target}?>`));
        break;
    }
  }
}

/** Serializes a document (declaration included) or a single node. */
export function serializeXml(node: XmlDocument | XmlNode): string {
  const writer = new Writer();
  if (node.type === "document") {
    writer.out = node.declaration ?? "";
    for (const child of node.children) writer.node(child);
  } else {
    writer.node(node);
  }
  return writer.out;
}

/** Serializes a document and encodes it as its source was encoded (BOM included). */
export function serializeXmlBytes(doc: XmlDocument): Uint8Array {
  return encodeXml(serializeXml(doc), doc.encoding, doc.bom);
}
