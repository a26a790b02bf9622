/**
 * Hand-made zip archives for hostile-input tests: entries whose declared
 * sizes, checksums and names say whatever the test needs, which no honest
 * zip writer would produce.
 */

export interface RawEntry {
  name: string;
  /** Bytes as stored in the archive (already compressed when method is 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** Uncompressed size the archive claims. */
  declaredSize: number;
  crc: number;
}

class Bytes {
  private chunks: Uint8Array[] = [];
  length = 0;
  u16(v: number): void {
    this.raw(new Uint8Array([v & 0xff, (v >>> 8) & 0xff]));
  }
  u32(v: number): void {
    this.raw(new Uint8Array([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]));
  }
  raw(b: Uint8Array): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

export function rawZip(entries: RawEntry[]): Uint8Array {
  const body = new Bytes();
  const central = new Bytes();
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    const offset = body.length;
    for (const [w, signature] of [[body, 0x04034b50], [central, 0x02014b50]] as const) {
      w.u32(signature);
      if (w === central) w.u16(20);
      w.u16(20);
      w.u16(0);
      w.u16(e.method);
      w.u16(0);
      w.u16(0x21);
      w.u32(e.crc);
      w.u32(e.data.length);
      w.u32(e.declaredSize);
      w.u16(name.length);
      w.u16(0);
      if (w === central) {
        w.u16(0);
        w.u16(0);
        w.u16(0);
        w.u32(0);
        w.u32(offset);
      }
      w.raw(name);
      if (w === body) w.raw(e.data);
    }
  }
  const centralBytes = central.concat();
  const end = new Bytes();
  end.u32(0x06054b50);
  end.u16(0);
  end.u16(0);
  end.u16(entries.length);
  end.u16(entries.length);
  end.u32(centralBytes.length);
  end.u32(body.length);
  end.u16(0);
  const head = body.concat();
  const tail = end.concat();
  const out = new Uint8Array(head.length + centralBytes.length + tail.length);
  out.set(head);
  out.set(centralBytes, head.length);
  out.set(tail, head.length + centralBytes.length);
  return out;
}
