/**
 * The viewer: two documents in, the precise delta out, all in this browser
 * tab. Compare mode reads a redline (inline or side by side, with the
 * clause navigator and the change list); check mode is the secretariat's
 * check of a proposal's revision marks. Exports are made by the same
 * packages, with the same options, as the CLI's.
 */
import type { Check, Delta, ProfileOption } from "@redline/core";
import { summaryLine } from "@redline/render";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import exampleOld from "../../../examples/res-99-in-force.txt?raw";
import exampleNew from "../../../examples/res-99-proposed.txt?raw";
import { verdict } from "./components/CheckView.js";
import type { ViewKind } from "./components/DocumentView.js";
import { ErrorBoundary } from "./components/ErrorBoundary.js";
import { FileCard, type Picked } from "./components/FilePanel.js";
import { ResultView, type ExportSpec, type Result } from "./components/ResultView.js";
import { Welcome } from "./components/Welcome.js";
import type { Side } from "./engine/pipeline.js";
import { EngineClient } from "./worker/client.js";

export type Mode = "compare" | "check";

interface Settings {
  profile: ProfileOption;
  author: string;
  /** as typed; empty means "now" */
  date: string;
  moves: boolean;
  strictSpacing: boolean;
}

const SLOT_TEXT: Record<Mode, Record<Side, { title: string; hint: string }>> = {
  compare: {
    old: { title: "In force (old)", hint: "Drop the in-force text here: .docx, .txt or .md" },
    new: { title: "Proposed (new)", hint: "Drop the proposed revision here: .docx, .txt or .md" },
  },
  check: {
    old: { title: "In-force text", hint: "Drop the in-force text here: .docx, .txt or .md" },
    new: { title: "Proposal with tracked changes", hint: "Drop the proposal here: a Word document (.docx) with its changes as tracked revisions" },
  },
};

const stem = (name: string) => name.replace(/\.[^.]+$/, "") || "redline";

/** The CLI's --date: an ISO 8601 instant without milliseconds; empty means now. */
export function revisionDate(input: string): string | null {
  const t = input.trim() === "" ? Date.now() : Date.parse(input.trim());
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function download(bytes: ArrayBuffer, name: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** The pair `redline view` serves with the page, if any (a meta tag it writes into index.html). */
function servedPair(): { mode: Mode; old: string; new: string } | null {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="redline-pair"]');
  if (!meta?.content) return null;
  try {
    const p = JSON.parse(meta.content) as { mode?: string; old?: string; new?: string };
    if (typeof p.old !== "string" || typeof p.new !== "string") return null;
    return { mode: p.mode === "check" ? "check" : "compare", old: p.old, new: p.new };
  } catch {
    return null;
  }
}

export function App() {
  const engine = useMemo(() => new EngineClient(), []);
  const [mode, setMode] = useState<Mode>("compare");
  const [files, setFiles] = useState<Record<Side, Picked | null>>({ old: null, new: null });
  const [errors, setErrors] = useState<Record<Side, string | null>>({ old: null, new: null });
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [shownMs, setShownMs] = useState<number | null>(null);
  const [settings, setSettings] = useState<Settings>({ profile: "auto", author: "redline", date: "", moves: true, strictSpacing: false });
  const [view, setView] = useState<ViewKind>("inline");
  const [showUnchanged, setShowUnchanged] = useState(true);
  const [announcement, setAnnouncement] = useState("");
  const [exportNote, setExportNote] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const runSeq = useRef(0);

  useEffect(() => engine.warm(), [engine]);

  // the page never goes blank: errors outside rendering are shown too
  useEffect(() => {
    const onError = (e: ErrorEvent) => {
      // Chromium reports a layout that settles over two frames as an "error"; nothing is wrong
      if (/ResizeObserver loop/.test(e.message)) return;
      setGeneral(`Something went wrong: ${e.message}`);
    };
    const onRejection = (e: PromiseRejectionEvent) => setGeneral(`Something went wrong: ${e.reason instanceof Error ? e.reason.message : String(e.reason)}`);
    window.addEventListener("error", onError);
    window.addEventListener("unhandledrejection", onRejection);
    return () => {
      window.removeEventListener("error", onError);
      window.removeEventListener("unhandledrejection", onRejection);
    };
  }, []);

  // `redline view OLD NEW`: the pair comes from the page's own origin
  useEffect(() => {
    const pair = servedPair();
    if (!pair) return;
    setMode(pair.mode);
    setBusy("Loading the files…");
    const get = async (side: Side, name: string): Promise<Picked> => {
      const res = await fetch(`./__pair/${side}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`${name}: could not be loaded from redline view (HTTP ${res.status})`);
      return { name, bytes: new Uint8Array(await res.arrayBuffer()), origin: "server" };
    };
    Promise.all([get("old", pair.old), get("new", pair.new)]).then(
      ([a, b]) => setFiles({ old: a, new: b }),
      (e: unknown) => {
        setBusy(null);
        setGeneral(e instanceof Error ? e.message : String(e));
      },
    );
  }, []);

  const run = useCallback(async () => {
    const a = files.old;
    const b = files.new;
    if (!a || !b) return;
    const seq = ++runSeq.current;
    setBusy(mode === "compare" ? "Comparing…" : "Checking…");
    setGeneral(null);
    setExportNote(null);
    const t0 = performance.now();
    const wire = (p: Picked) => ({ name: p.name, bytes: p.bytes.slice().buffer });
    const oldIn = wire(a);
    const newIn = wire(b);
    const { id, response } =
      mode === "compare"
        ? engine.request({ type: "compare", old: oldIn, new: newIn, profile: settings.profile }, [oldIn.bytes, newIn.bytes])
        : engine.request({ type: "check", old: oldIn, new: newIn, profile: settings.profile, strictSpacing: settings.strictSpacing }, [oldIn.bytes, newIn.bytes]);
    let res;
    try {
      res = await response;
    } catch (e) {
      if (seq !== runSeq.current) return;
      setBusy(null);
      setResult(null);
      setGeneral(e instanceof Error ? e.message : String(e));
      return;
    }
    if (seq !== runSeq.current) return;
    setBusy(null);
    if (res.type === "error") {
      setResult(null);
      setErrors({ old: res.errors.old ?? null, new: res.errors.new ?? null });
      setGeneral(res.general);
      setAnnouncement(Object.values(res.errors).concat(res.general ?? []).join(". "));
      return;
    }
    setErrors({ old: null, new: null });
    setShownMs(null);
    if (res.type === "delta") {
      const delta = JSON.parse(res.json) as Delta;
      setResult({ kind: "compare", id, delta, warnings: res.warnings, workerMs: res.ms, t0 });
      setAnnouncement(`Compared: ${summaryLine(delta.summary)}`);
    } else if (res.type === "check") {
      const check = JSON.parse(res.json) as Check;
      setResult({ kind: "check", id, check, workerMs: res.ms, t0 });
      setAnnouncement(verdict(check));
    }
  }, [files, mode, settings.profile, settings.strictSpacing, engine]);

  useEffect(() => {
    if (files.old && files.new) void run();
  }, [run]);

  // time from the request to the result on screen (after the browser has painted it)
  useEffect(() => {
    if (!result) return;
    requestAnimationFrame(() => setTimeout(() => setShownMs(performance.now() - result.t0), 0));
  }, [result]);

  const pick = async (side: Side, list: File[]) => {
    setExportNote(null);
    if (list.length >= 2) {
      const [a, b] = await Promise.all(list.slice(0, 2).map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()), origin: "file" as const })));
      setErrors({ old: null, new: null });
      setFiles({ old: a!, new: b! });
      return;
    }
    const f = list[0]!;
    const picked: Picked = { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()), origin: "file" };
    setErrors((e) => ({ ...e, [side]: null }));
    setFiles((fs) => ({ ...fs, [side]: picked }));
  };

  const swap = () => {
    setFiles((f) => ({ old: f.new, new: f.old }));
    setErrors((e) => ({ old: e.new, new: e.old }));
  };

  const loadExample = async () => {
    setErrors({ old: null, new: null });
    const old: Picked = { name: "res-99-in-force.txt", bytes: utf8(exampleOld), origin: "example" };
    if (mode === "compare") {
      setFiles({ old, new: { name: "res-99-proposed.txt", bytes: utf8(exampleNew), origin: "example" } });
      return;
    }
    setBusy("Preparing the example…");
    const { response } = engine.request({ type: "example-proposal", inForceText: exampleOld, proposedText: exampleNew });
    const res = await response;
    if (res.type !== "file") {
      setBusy(null);
      setGeneral(res.type === "error" ? res.general : "the example could not be prepared");
      return;
    }
    setFiles({ old, new: { name: "res-99-proposal-tracked.docx", bytes: new Uint8Array(res.bytes), origin: "example" } });
  };

  // a page-wide drop target: the drop says which side (or both, with two files)
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes("Files");
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      depth = 0;
      setDragging(false);
    };
    window.addEventListener("dragenter", enter);
    window.addEventListener("dragleave", leave);
    window.addEventListener("dragover", over);
    window.addEventListener("drop", drop);
    return () => {
      window.removeEventListener("dragenter", enter);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("dragover", over);
      window.removeEventListener("drop", drop);
    };
  }, []);

  useEffect(() => {
    const names = files.old && files.new ? `: ${files.old.name} → ${files.new.name}` : "";
    document.title = `redline${names}`;
  }, [files]);

  const exportAs = async (spec: ExportSpec) => {
    if (!result) return;
    const date = revisionDate(settings.date);
    if (date === null) {
      setExportNote(`The revision date '${settings.date}' is not a date: write it as 2024-10-15 or 2024-10-15T09:30:00Z, or leave it empty for now.`);
      return;
    }
    const newName = (result.kind === "compare" ? result.delta.new.name : result.check.proposal.name) ?? "redline";
    setBusy("Preparing the download…");
    setExportNote(null);
    try {
      const { response } = engine.request({ type: "export", of: result.id, format: spec.format, author: settings.author.trim() || "redline", date, moves: settings.moves });
      const res = await response;
      if (res.type === "file") {
        download(res.bytes, `${stem(newName)}${spec.suffix}`, spec.mime);
        setExportNote(res.notes.length > 0 ? `Note: ${res.notes.join("; ")}` : null);
        setAnnouncement(`Downloaded the ${spec.label} ${spec.detail}`.trim());
      } else if (res.type === "error") setExportNote(res.general ?? Object.values(res.errors).join("; "));
    } catch (e) {
      setExportNote(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const reset = () => {
    setResult(null);
    setFiles({ old: null, new: null });
    setErrors({ old: null, new: null });
    setGeneral(null);
  };

  const slots = SLOT_TEXT[mode];
  const dropInto = (side: Side) => (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const list = Array.from(e.dataTransfer?.files ?? []);
    if (list.length > 0) void pick(side, list);
  };

  return (
    <div class={`app mode-${mode}${result ? " has-result" : ""}`}>
      <header class="topbar">
        <div class="brand">
          <span class="logo" aria-hidden="true">
            <span class="logo-del">red</span>
            <span class="logo-ins">line</span>
          </span>
          <span class="tagline">Precise deltas of ITU resolutions and other numbered documents</span>
        </div>
        <nav class="modes" aria-label="Mode">
          <button type="button" class={`mode-button${mode === "compare" ? " on" : ""}`} aria-pressed={mode === "compare"} onClick={() => setMode("compare")}>
            Compare
          </button>
          <button type="button" class={`mode-button${mode === "check" ? " on" : ""}`} aria-pressed={mode === "check"} onClick={() => setMode("check")}>
            Check a proposal
          </button>
        </nav>
        <p class="privacy">
          <svg class="lock" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" stroke-width="1.6" />
            <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
          </svg>{" "}
          Your files stay on this computer: read in this tab, never uploaded. Once loaded, the page makes no network requests and works offline.
        </p>
      </header>

      <section class="inputs" aria-label="Documents">
        <FileCard side="old" title={slots.old.title} hint={slots.old.hint} picked={files.old} error={errors.old} onFiles={(s, l) => void pick(s, l)} />
        <div class="between">
          <button type="button" class="button icon-button" onClick={swap} disabled={!files.old && !files.new} title="Swap the two documents">
            <span aria-hidden="true">⇄</span>
            <span class="visually-hidden">Swap the two documents</span>
          </button>
        </div>
        <FileCard side="new" title={slots.new.title} hint={slots.new.hint} picked={files.new} error={errors.new} onFiles={(s, l) => void pick(s, l)} />
        <div class="input-actions">
          <button type="button" class="button secondary" id="load-example" onClick={() => void loadExample()}>
            {mode === "compare" ? "Load the example" : "Load the check example"}
          </button>
          <details
            class="options"
            onKeyDown={(e) => {
              if (e.key !== "Escape") return;
              const details = e.currentTarget as HTMLDetailsElement;
              details.open = false;
              details.querySelector("summary")?.focus();
            }}
          >
            <summary>Options</summary>
            <div class="options-body">
              <label>
                <span>Structure</span>
                <select value={settings.profile} onChange={(e) => setSettings({ ...settings, profile: (e.target as HTMLSelectElement).value as ProfileOption })}>
                  <option value="auto">Detect (auto)</option>
                  <option value="itu-resolution">ITU resolution</option>
                  <option value="numbered">Numbered clauses</option>
                  <option value="plain">Paragraphs</option>
                </select>
              </label>
              {mode === "check" && (
                <label class="check">
                  <input type="checkbox" checked={settings.strictSpacing} onChange={(e) => setSettings({ ...settings, strictSpacing: (e.target as HTMLInputElement).checked })} />
                  <span>Count differences in spacing alone as unmarked edits</span>
                </label>
              )}
              <fieldset>
                <legend>Tracked changes in the Word download</legend>
                <label>
                  <span>Author</span>
                  <input type="text" value={settings.author} onInput={(e) => setSettings({ ...settings, author: (e.target as HTMLInputElement).value })} />
                </label>
                <label>
                  <span>Date</span>
                  <input type="text" placeholder="now (or e.g. 2024-10-15)" value={settings.date} onInput={(e) => setSettings({ ...settings, date: (e.target as HTMLInputElement).value })} />
                </label>
                <label class="check">
                  <input type="checkbox" checked={settings.moves} onChange={(e) => setSettings({ ...settings, moves: (e.target as HTMLInputElement).checked })} />
                  <span>Show moved clauses as moves</span>
                </label>
              </fieldset>
            </div>
          </details>
        </div>
      </section>

      {dragging && (
        <div class="drop-overlay">
          <div class="drop-half" onDragOver={(e) => e.preventDefault()} onDrop={dropInto("old")}>
            <span>Drop here for {slots.old.title.toLowerCase()}</span>
            <small>or drop two files at once: the first is the old one</small>
          </div>
          <div class="drop-half" onDragOver={(e) => e.preventDefault()} onDrop={dropInto("new")}>
            <span>Drop here for {slots.new.title.toLowerCase()}</span>
            <small>or drop two files at once: the first is the old one</small>
          </div>
        </div>
      )}

      <div class="visually-hidden" aria-live="polite" id="announcer">
        {announcement}
      </div>
      <main class={result === null ? "start" : "result"} id="main">
        {general && (
          <p class="general-error" role="alert">
            <span aria-hidden="true">⚠ </span>
            {general}
          </p>
        )}
        {busy && (
          <p class="busy" role="status">
            <span class="spinner" aria-hidden="true" /> {busy}
          </p>
        )}

        <ErrorBoundary key={result?.id ?? 0} what="this result" onReset={reset}>
          {result === null ? (
            <Welcome mode={mode} onExample={() => void loadExample()} />
          ) : (
            <ResultView
              result={result}
              shownMs={shownMs}
              view={view}
              onView={setView}
              showUnchanged={showUnchanged}
              onShowUnchanged={setShowUnchanged}
              onExport={(spec) => void exportAs(spec)}
              exportNote={exportNote}
              announce={setAnnouncement}
            />
          )}
        </ErrorBoundary>
      </main>
    </div>
  );
}

