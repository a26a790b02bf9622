/**
 * Shared helpers of the peer benchmark (bench/peers/*.mjs): timing of child
 * processes, which peers are present, the pandoc round-trip check and the
 * count of words a tracked .docx marks.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { clearTimeout, setTimeout } from "node:timers";
import { documentElement, openPackage, parseXmlBytes } from "../../packages/docx/dist/index.js";

export const PEERS_DIR = process.env.PEERS_DIR || "/tmp/peers";
export const DOCXODUS = join(PEERS_DIR, "node_modules", "docxodus", "dist", "core.js");
export const SYSTEM_PYTHON = "/usr/bin/python3";
/** One run of a peer slower than this is its only run (it is its own warm-up). */
export const SLOW_MS = 20_000;
/** A peer run longer than this is stopped and reported as "timeout". */
export const PEER_TIMEOUT_MS = 300_000;

export { median } from "../report.mjs";
export const r1 = (x) => (x == null ? null : Math.round(x * 10) / 10);

/** Runs a command, output discarded; wall time in ms. `ok` lists the exit statuses that mean success. */
export function timeCommand(cmd, args, { ok = [0, 1], timeoutMs = PEER_TIMEOUT_MS, stdout = "ignore" } = {}) {
  const s = performance.now();
  const p = spawnSync(cmd, args, { stdio: ["ignore", stdout, "pipe"], encoding: "utf8", timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024, killSignal: "SIGKILL" });
  const ms = performance.now() - s;
  if (p.error?.code === "ETIMEDOUT" || (p.signal === "SIGKILL" && ms >= timeoutMs)) return { ms, timeout: true };
  if (p.error) return { ms, error: `${cmd}: ${p.error.code ?? p.error.message}` };
  if (!ok.includes(p.status)) return { ms, error: `${cmd} exited ${p.status ?? p.signal}: ${(p.stderr || "").trim().split("\n")[0]}` };
  return { ms, stdout: p.stdout };
}

/**
 * Runs a child that prints JSON lines as it goes, with a watchdog: the child is killed
 * (SIGKILL, by its pid) when `limitMs` passes without a line; `nextLimit(line)` may set a
 * new limit after each line. Resolves { ms, lines, killed, status, stderr }.
 */
export function spawnWatched(cmd, args, { limitMs = PEER_TIMEOUT_MS, nextLimit = () => undefined } = {}) {
  return new Promise((resolve) => {
    const s = performance.now();
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    const lines = [];
    let buf = "";
    let stderr = "";
    let killed = false;
    let timer = null;
    const arm = (ms) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        killed = true;
        child.kill("SIGKILL");
      }, ms);
    };
    arm(limitMs);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        const text = buf.slice(0, i).trim();
        buf = buf.slice(i + 1);
        if (!text.startsWith("{")) continue;
        let line;
        try {
          line = JSON.parse(text);
        } catch {
          continue;
        }
        lines.push(line);
        const next = nextLimit(line);
        if (next !== undefined) arm(next);
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d) => {
      if (stderr.length < 65536) stderr += d;
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - s, lines, killed, status: null, stderr: String(e.message) });
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - s, lines, killed, status, stderr });
    });
  });
}

function commandVersion(cmd, args, pick = (s) => s.split("\n")[0].trim()) {
  const p = spawnSync(cmd, args, { encoding: "utf8", timeout: 20_000 });
  if (p.error || p.status !== 0) return null;
  return pick(p.stdout || p.stderr);
}

/** Which peers are installed: { name: { present, version?, reason? } }. */
export function detectPeers() {
  const peers = {};
  const which = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).stdout.trim();

  const soffice = which("soffice");
  const uno = existsSync(SYSTEM_PYTHON) && spawnSync(SYSTEM_PYTHON, ["-c", "import uno"], { encoding: "utf8" }).status === 0;
  peers.libreoffice = !soffice
    ? { present: false, reason: "soffice not found (apt: libreoffice-writer-nogui)" }
    : !uno
      ? { present: false, reason: `${SYSTEM_PYTHON} cannot import uno (apt: python3-uno)` }
      : { present: true, version: commandVersion("soffice", ["--version"], (s) => s.trim().split(" ").slice(0, 2).join(" ")) };

  if (existsSync(DOCXODUS)) {
    const pkg = spawnSync(process.execPath, ["-p", `require(${JSON.stringify(join(PEERS_DIR, "node_modules", "docxodus", "package.json"))}).version`], { encoding: "utf8" });
    peers.docxodus = { present: true, version: `docxodus ${pkg.stdout.trim()}` };
  } else peers.docxodus = { present: false, reason: `not installed in ${PEERS_DIR} (scripts/install-peers.sh)` };

  const git = which("git");
  peers.git = git ? { present: true, version: commandVersion("git", ["--version"]) } : { present: false, reason: "git not found" };
  const wdiff = which("wdiff");
  peers.wdiff = wdiff ? { present: true, version: commandVersion("wdiff", ["--version"]) } : { present: false, reason: "wdiff not found (apt: wdiff)" };
  const dwdiff = which("dwdiff");
  peers.dwdiff = dwdiff ? { present: true, version: commandVersion("dwdiff", ["--version"]) } : { present: false, reason: "dwdiff not found (apt: dwdiff)" };
  const pandoc = which("pandoc");
  peers.pandoc = pandoc ? { present: true, version: commandVersion("pandoc", ["--version"]) } : { present: false, reason: "pandoc not found (apt: pandoc)" };
  return peers;
}

// ---------------------------------------------------------------------------
// Round trip: pandoc --track-changes=accept|reject, as text.

const BLOCK_TAG = /<\/?(?:p|h[1-6]|li|ul|ol|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|caption|colgroup|col|div|section|blockquote|pre|hr|br|figure|figcaption|header|footer|nav|aside)\b[^>]*>/gi;

/**
 * A .docx's text as pandoc reads it: `pandoc -f docx -t html`, tags dropped,
 * entities decoded, whitespace collapsed. HTML rather than plain text because
 * pandoc's plain tables are drawn to the column widths, which differ between
 * writers that carry the same text.
 */
export function pandocText(path, trackChanges = null) {
  const args = ["-f", "docx", "-t", "html", "--wrap=none", path];
  if (trackChanges) args.unshift(`--track-changes=${trackChanges}`);
  const p = spawnSync("pandoc", args, { encoding: "utf8", maxBuffer: 1024 * 1024 * 1024, timeout: 600_000 });
  if (p.error) throw new Error(p.error.code === "ENOENT" ? "pandoc not found" : String(p.error.message));
  if (p.status !== 0) throw new Error(`pandoc ${args.join(" ")}: ${(p.stderr || "").trim().split("\n")[0]}`);
  return p.stdout
    .replace(BLOCK_TAG, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(lt|gt|quot|#39|nbsp|amp);/g, (_, e) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " ", amp: "&" })[e])
    .replace(/\s+/g, " ")
    .trim();
}

/** Null when equal, else where they part (character offset, words around it, and how many words differ). */
export function textDiff(got, want) {
  if (got === want) return null;
  let i = 0;
  while (i < got.length && i < want.length && got[i] === want[i]) i++;
  // words that differ: the multisets' symmetric difference (a cheap, order-blind size)
  const bag = new Map();
  for (const w of got.split(" ")) bag.set(w, (bag.get(w) ?? 0) + 1);
  for (const w of want.split(" ")) bag.set(w, (bag.get(w) ?? 0) - 1);
  let words = 0;
  for (const v of bag.values()) words += Math.abs(v);
  return { at: i, words, got: got.slice(Math.max(0, i - 30), i + 50), want: want.slice(Math.max(0, i - 30), i + 50) };
}

// ---------------------------------------------------------------------------
// Words a tracked .docx marks.

const WORD = /[\p{L}\p{N}]+/gu;
export const countWords = (text) => (text.match(WORD) ?? []).length;

/**
 * Words inside the revisions of a tracked .docx's main part: text under
 * `w:ins` / `w:moveTo` counts as inserted, under `w:del` / `w:moveFrom` as
 * deleted. Neighbouring marked text of one kind is joined before counting, so
 * a word split over two runs counts once; a word marked in part counts as one.
 */
export function markedWords(bytes, name = "out.docx") {
  const pkg = openPackage(bytes, name);
  const root = documentElement(parseXmlBytes(pkg.get(pkg.mainPart), name, pkg.mainPart));
  const runs = { ins: [], del: [] };
  let cur = null; // { kind, parts }
  let revisions = 0;
  const flush = () => {
    if (cur) runs[cur.kind].push(cur.parts.join(""));
    cur = null;
  };
  const emit = (kind, text) => {
    if (!text) return;
    if (kind === null) {
      flush(); // unmarked text ends a marked run
      return;
    }
    if (!cur || cur.kind !== kind) {
      flush();
      cur = { kind, parts: [] };
    }
    cur.parts.push(text);
  };
  (function walk(el, kind) {
    for (const c of el.children) {
      if (c.type !== "element") continue;
      let k = kind;
      if (c.name === "w:ins" || c.name === "w:moveTo") {
        k = "ins";
        revisions++;
      } else if (c.name === "w:del" || c.name === "w:moveFrom") {
        k = "del";
        revisions++;
      }
      if (c.name === "w:t" || c.name === "w:delText") {
        emit(k, c.children.filter((x) => x.type === "text").map((x) => x.text).join(""));
      } else if (c.name === "w:tab" || c.name === "w:br" || c.name === "w:cr") {
        emit(k, " ");
      } else if (c.name === "w:p" || c.name === "w:tc") {
        flush();
        walk(c, k);
        flush();
      } else if (c.name !== "w:rPr" && c.name !== "w:pPr" && c.name !== "w:instrText" && c.name !== "w:delInstrText") {
        walk(c, k);
      }
    }
  })(root, null);
  flush();
  const inserted = runs.ins.reduce((n, t) => n + countWords(t), 0);
  const deleted = runs.del.reduce((n, t) => n + countWords(t), 0);
  return { inserted, deleted, words: inserted + deleted, revisions };
}
