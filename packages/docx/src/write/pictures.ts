/**
 * Pictures brought back from OLD. A picture names its image through a
 * relationship of the part it stands in (`r:embed="rId7"`), and OLD's rId7 may
 * be nothing, or another image, in NEW. So a copied picture gets its
 * relationships translated: to a relationship NEW already has for the same
 * bytes (or the same external target), else to a new one pointing to a copy of
 * OLD's image under a name NEW does not use. New relationships, parts and
 * content types are collected here and written with the package.
 */
import type { DocxPackage } from "../zip/package.js";
import { sameBytes } from "../xml/encoding.js";
import { parseXmlBytes, xmlBudget } from "../xml/parse.js";
import { cloneNode, documentElement, element, getAttr, setAttr, walkElements, type XmlDocument, type XmlElement } from "../xml/tree.js";
import { relationshipsIn, relsPartFor, type Relationship } from "../read/relationships.js";

/** Attributes that hold a relationship id inside pictures (DrawingML and VML). */
const REL_ATTRS = new Set(["r:embed", "r:link", "r:id", "r:pict", "o:relid"]);
const PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";

interface RelsFile {
  doc: XmlDocument;
  rels: Relationship[];
  /** every id in use, those of incomplete entries included */
  ids: Set<string>;
  changed: boolean;
}

function readRels(pkg: DocxPackage, part: string): RelsFile {
  const bytes = pkg.get(relsPartFor(part));
  const doc = bytes ? parseXmlBytes(bytes, pkg.file, relsPartFor(part), xmlBudget(pkg.limits)) : newXml(element("Relationships", [["xmlns", PACKAGE_RELS]]));
  const ids = new Set<string>();
  for (const c of documentElement(doc).children) {
    const id = c.type === "element" ? getAttr(c, "Id") : null;
    if (id !== null) ids.add(id);
  }
  return { doc, rels: relationshipsIn(doc, part), ids, changed: false };
}

export function newXml(root: XmlElement): XmlDocument {
  return { type: "document", declaration: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', encoding: "utf-8", bom: false, children: [root] };
}

/** A path from `from`'s folder to part `to` ("media/image1.png", "../media/x.png"). */
function relativeTarget(from: string, to: string): string {
  const a = from.split("/").slice(0, -1);
  const b = to.split("/");
  let k = 0;
  while (k < a.length && k < b.length - 1 && a[k] === b[k]) k++;
  return [...a.slice(k).map(() => ".."), ...b.slice(k)].join("/");
}

/**
 * The package-level additions of one write: relationships of NEW's parts,
 * new parts and their content types. One object, so the ids and names it
 * hands out never collide, whoever asks (pictures, a notes part made).
 */
export class PackageAdditions {
  private readonly relsFiles = new Map<string, RelsFile>();
  private readonly oldRels = new Map<string, RelsFile>();
  readonly parts = new Map<string, Uint8Array>();
  private types: XmlDocument | null | undefined;
  private typesChanged = false;
  private oldTypes: XmlDocument | null | undefined;
  private docPrId: number | null = null;

  constructor(
    private readonly oldPkg: DocxPackage | null,
    private readonly newPkg: DocxPackage,
    /** NEW's trees being written (to find drawing ids in use) */
    private readonly newTrees: Map<string, XmlDocument>,
  ) {}

  private rels(part: string): RelsFile {
    let r = this.relsFiles.get(part);
    if (!r) {
      r = readRels(this.newPkg, part);
      this.relsFiles.set(part, r);
    }
    return r;
  }

  /** Adds a relationship from NEW's `part`; returns its fresh id. */
  addRelationship(part: string, type: string, target: string, external: boolean): string {
    const r = this.rels(part);
    let n = r.ids.size + 1;
    while (r.ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    r.ids.add(id);
    r.rels.push({ id, kind: type.slice(type.lastIndexOf("/") + 1), type, target, external });
    const attrs: [string, string][] = [["Id", id], ["Type", type], ["Target", external ? target : relativeTarget(part, target)]];
    if (external) attrs.push(["TargetMode", "External"]);
    documentElement(r.doc).children.push(element("Relationship", attrs));
    r.changed = true;
    return id;
  }

  /** Whether NEW's `part` relationships use a Strict (purl.oclc.org) namespace. */
  isStrict(part: string): boolean {
    return this.rels(part).rels.some((x) => x.type.startsWith("http://purl.oclc.org/ooxml/"));
  }

  private contentTypes(): XmlDocument | null {
    if (this.types === undefined) {
      const bytes = this.newPkg.get("[Content_Types].xml");
      this.types = bytes ? parseXmlBytes(bytes, this.newPkg.file, "[Content_Types].xml", xmlBudget(this.newPkg.limits)) : null;
    }
    return this.types;
  }

  /** Declares the content type of a part added to NEW (an Override, or a Default when the extension has none). */
  declare(partName: string, contentType: string, byExtension: boolean): void {
    const types = this.contentTypes();
    if (!types) return;
    const root = documentElement(types);
    const ext = partName.slice(partName.lastIndexOf(".") + 1).toLowerCase();
    const has = (name: string, attr: string, value: string) => root.children.some((c) => c.type === "element" && c.name === name && (getAttr(c, attr) ?? "").toLowerCase() === value.toLowerCase());
    if (has("Override", "PartName", `/${partName}`)) return;
    if (byExtension) {
      if (has("Default", "Extension", ext)) return;
      root.children.unshift(element("Default", [["Extension", ext], ["ContentType", contentType]]));
    } else root.children.push(element("Override", [["PartName", `/${partName}`], ["ContentType", contentType]]));
    this.typesChanged = true;
  }

  /** The content type OLD gives one of its parts. */
  private oldContentType(partName: string): string | null {
    if (!this.oldPkg) return null;
    if (this.oldTypes === undefined) {
      const bytes = this.oldPkg.get("[Content_Types].xml");
      this.oldTypes = bytes ? parseXmlBytes(bytes, this.oldPkg.file, "[Content_Types].xml", xmlBudget(this.oldPkg.limits)) : null;
    }
    if (!this.oldTypes) return null;
    const root = documentElement(this.oldTypes);
    const ext = partName.slice(partName.lastIndexOf(".") + 1).toLowerCase();
    let byExt: string | null = null;
    for (const c of root.children) {
      if (c.type !== "element") continue;
      if (c.name === "Override" && (getAttr(c, "PartName") ?? "").toLowerCase() === `/${partName}`.toLowerCase()) return getAttr(c, "ContentType");
      if (c.name === "Default" && (getAttr(c, "Extension") ?? "").toLowerCase() === ext) byExt = getAttr(c, "ContentType");
    }
    return byExt;
  }

  /** A part name NEW does not use, close to `wanted` ("word/media/image1.png" -> "word/media/image1-1.png"). */
  private freeName(wanted: string): string {
    const taken = (n: string) => this.newPkg.has(n) || this.parts.has(n) || [...this.parts.keys()].some((k) => k.toLowerCase() === n.toLowerCase());
    if (!taken(wanted)) return wanted;
    const dot = wanted.lastIndexOf(".");
    const stem = dot > wanted.lastIndexOf("/") ? wanted.slice(0, dot) : wanted;
    const ext = dot > wanted.lastIndexOf("/") ? wanted.slice(dot) : "";
    let n = 1;
    while (taken(`${stem}-${n}${ext}`)) n++;
    return `${stem}-${n}${ext}`;
  }

  /**
   * A copy of an old picture (`w:drawing`, `w:pict`, `mc:AlternateContent`)
   * that stood in OLD's `oldPart`, made to stand in NEW's `newPart`, or null
   * when one of its relationships cannot be carried over (the picture is then
   * left out of the copy).
   */
  copyPicture(el: XmlElement, oldPart: string, newPart: string): XmlElement | null {
    if (!this.oldPkg) return null;
    const copy = cloneNode(el);
    let ok = true;
    walkElements(copy, (x) => {
      if (!ok) return;
      for (const [name, value] of x.attrs) {
        if (!REL_ATTRS.has(name)) continue;
        const id = this.carry(value, oldPart, newPart);
        if (id === null) ok = false;
        else setAttr(x, name, id);
      }
      // drawing object ids must be unique in the document
      if (x.name === "wp:docPr" && getAttr(x, "id") !== null) setAttr(x, "id", String(this.nextDocPrId()));
    });
    return ok ? copy : null;
  }

  private nextDocPrId(): number {
    if (this.docPrId === null) {
      let max = 0;
      for (const doc of this.newTrees.values()) {
        walkElements(documentElement(doc), (x) => {
          if (x.name !== "wp:docPr") return;
          const v = Number(getAttr(x, "id"));
          if (Number.isFinite(v)) max = Math.max(max, v);
        });
      }
      this.docPrId = max;
    }
    return ++this.docPrId;
  }

  /** NEW's id for OLD's relationship `id` of `oldPart`, made when needed. */
  private carry(id: string, oldPart: string, newPart: string): string | null {
    let old = this.oldRels.get(oldPart);
    if (!old) {
      old = readRels(this.oldPkg!, oldPart);
      this.oldRels.set(oldPart, old);
    }
    const rel = old.rels.find((r) => r.id === id);
    if (!rel) return null;
    const mine = this.rels(newPart);
    if (rel.external) {
      const same = mine.rels.find((r) => r.external && r.type === rel.type && r.target === rel.target);
      return same ? same.id : this.addRelationship(newPart, rel.type, rel.target, true);
    }
    const bytes = this.oldPkg!.get(rel.target);
    if (!bytes) return null;
    const same = mine.rels.find((r) => {
      if (r.external || r.type !== rel.type) return false;
      const theirs = this.parts.get(r.target) ?? this.newPkg.get(r.target);
      return theirs != null && sameBytes(theirs, bytes);
    });
    if (same) return same.id;
    const type = this.oldContentType(rel.target);
    if (!type) return null;
    const name = this.freeName(rel.target);
    this.parts.set(name, bytes);
    this.declare(name, type, true);
    return this.addRelationship(newPart, rel.type, name, false);
  }

  /** Serialized relationship files and content types that changed, and the parts added. */
  written(serialize: (doc: XmlDocument) => Uint8Array): Map<string, Uint8Array> {
    const out = new Map<string, Uint8Array>(this.parts);
    for (const [part, r] of this.relsFiles) if (r.changed) out.set(relsPartFor(part), serialize(r.doc));
    if (this.typesChanged && this.types) out.set("[Content_Types].xml", serialize(this.types));
    return out;
  }
}
