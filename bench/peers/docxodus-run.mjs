/**
 * docxodus (npm, a WebAssembly build of a WmlComparer successor) comparing one
 * pair, in its own process:
 *
 *   node bench/peers/docxodus-run.mjs --old OLD.docx --new NEW.docx --out OUT.docx [--warm 1]
 *
 * Loads `docxodus/core` from $PEERS_DIR (default /tmp/peers; scripts/install-peers.sh),
 * `initialize()`s its runtime (shipped in the package: no network), reads both files,
 * `compareDocuments(old, new)` once and writes OUT: that is the end-to-end time, from
 * this process's start. The first compare in a process also warms the engine (the
 * README: "roughly 2x the latency of every subsequent compare"), so it is reported
 * apart ("cold"); then `--warm` more compares of the same pair are timed.
 *
 * Prints one JSON line per step as it finishes ({"initMs", "coldMs", "endToEndMs",
 * "bytes"}, then {"warmMs"} per warm compare), because a later compare in the same
 * process can spin without end (seen with docxodus 12.6.2 on a 0.6 MB document in
 * about half the tries): the parent kills the process and keeps what was printed.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { DOCXODUS, r1 } from "./common.mjs";

const { values } = parseArgs({
  options: {
    old: { type: "string" },
    new: { type: "string" },
    out: { type: "string" },
    warm: { type: "string", default: "1" },
  },
});
const warm = Math.max(0, Number(values.warm));
const OPTIONS = { authorName: "docxodus" };

const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");

try {
  let s = performance.now();
  const { initialize, compareDocuments } = await import(DOCXODUS);
  await initialize();
  const initMs = r1(performance.now() - s);
  const oldBytes = new Uint8Array(readFileSync(values.old));
  const newBytes = new Uint8Array(readFileSync(values.new));
  s = performance.now();
  const redlined = await compareDocuments(oldBytes, newBytes, OPTIONS);
  const coldMs = r1(performance.now() - s);
  writeFileSync(values.out, redlined);
  // performance.now() counts from this process's start
  out({ initMs, coldMs, endToEndMs: r1(performance.now()), bytes: redlined.length });
  for (let i = 0; i < warm; i++) {
    s = performance.now();
    await compareDocuments(oldBytes, newBytes, OPTIONS);
    out({ warmMs: r1(performance.now() - s) });
  }
  process.exit(0);
} catch (e) {
  out({ error: String(e?.message ?? e).split("\n")[0] });
  process.exit(2);
}
