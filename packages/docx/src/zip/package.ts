import type { ZipEntry } from "./central-directory.js";
import { compressedData, extractEntry } from "./extract.js";
import { resolveLimits, type PackageLimits } from "./limits.js";

/** A part as stored in the archive, for copying it to a new archive without inflating it. */
export interface StoredPart {
  /** 0 = stored, 8 = deflated */
  method: number;
  crc: number;
  size: number;
  data: Uint8Array;
}

/**
 * An opened .docx. The archive's structure is checked when it is opened;
 * each part is inflated (and checked against its declared size and CRC) the
 * first time someone asks for it, so reading a document never pays for its
 * images, which are often most of its bytes.
 */
export class DocxPackage {
  /** The file name as the user gave it; used in every error message. */
  readonly file: string;
  /** Entry names in archive order, as written (directory entries included). */
  readonly names: readonly string[];
  /** Name of the main document part, normally "word/document.xml" (set once the package is open). */
  mainPart = "";
  /** The budgets it was opened with; readers check the document budgets against them. */
  readonly limits: PackageLimits;

  readonly #archive: Uint8Array;
  readonly #entries = new Map<string, ZipEntry>();
  readonly #byLowerName = new Map<string, string>();
  readonly #inflated = new Map<string, Uint8Array>();

  constructor(file: string, archive: Uint8Array, entries: readonly ZipEntry[], limits?: Partial<PackageLimits>) {
    this.file = file;
    this.#archive = archive;
    this.limits = resolveLimits(limits);
    this.names = entries.map((e) => e.name);
    for (const entry of entries) {
      this.#entries.set(entry.name, entry);
      this.#byLowerName.set(entry.name.toLowerCase(), entry.name);
    }
  }

  /**
   * The stored name of a part, matched as OPC matches names: ignoring case
   * (ECMA-376-2 9.1.1.1), with or without the leading "/" relationship
   * targets use. Null when the package has no such part.
   */
  resolve(name: string): string | null {
    const bare = name.startsWith("/") ? name.slice(1) : name;
    if (this.#entries.has(bare)) return bare;
    return this.#byLowerName.get(bare.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.resolve(name) !== null;
  }

  /**
   * A part's stored (compressed) bytes with its checksum and size, or null when
   * absent or stored in a way a writer should not copy blindly (encrypted, or a
   * method other than stored or deflated).
   */
  stored(name: string): StoredPart | null {
    const resolved = this.resolve(name);
    const entry = resolved === null ? undefined : this.#entries.get(resolved);
    if (!entry || (entry.flags & 1) !== 0 || (entry.method !== 0 && entry.method !== 8)) return null;
    return { method: entry.method, crc: entry.crc, size: entry.size, data: compressedData(this.#archive, entry, this.file) };
  }

  /** A part's bytes, inflated on first use; null when absent. Throws RedlineError if the part is damaged or oversized. */
  get(name: string): Uint8Array | null {
    const stored = this.resolve(name);
    if (stored === null) return null;
    let bytes = this.#inflated.get(stored);
    if (!bytes) {
      bytes = extractEntry(this.#archive, this.#entries.get(stored) as ZipEntry, this.file);
      this.#inflated.set(stored, bytes);
    }
    return bytes;
  }
}
