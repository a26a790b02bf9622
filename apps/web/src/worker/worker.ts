/**
 * The page's worker: reads the documents, compares them and renders the
 * exports, so that the page stays responsive while a long document is
 * compared. It keeps the last result (with the packages read for it) so an
 * export does not read the files again.
 */
import { sha256Hex } from "../engine/sha256.js";
import { checkJson, checkPair, comparePair, correctedDocx, errorMessage, exampleProposal, exportDelta, InputErrors, readerWarnings, type Checked, type Compared } from "../engine/pipeline.js";
import type { Input } from "../engine/input.js";
import type { Request, Response, WireInput } from "./protocol.js";

interface WorkerScope {
  onmessage: ((event: MessageEvent<Request>) => void) | null;
  postMessage(message: Response, transfer?: Transferable[]): void;
}
const scope = globalThis as unknown as WorkerScope;

let last: { id: number; compared: Compared | null; checked: Checked | null } | null = null;

async function input(w: WireInput): Promise<Input> {
  const bytes = new Uint8Array(w.bytes);
  return { name: w.name, bytes, sha256: await sha256Hex(bytes) };
}

async function handle(req: Request): Promise<Response> {
  switch (req.type) {
    case "compare": {
      const t0 = performance.now();
      const compared = comparePair(await input(req.old), await input(req.new), req.profile);
      last = { id: req.id, compared, checked: null };
      const json = JSON.stringify(compared.delta);
      const warnings = { old: readerWarnings(compared.old).map((m) => m.text), new: readerWarnings(compared.new).map((m) => m.text) };
      return { type: "delta", id: req.id, json, warnings, ms: performance.now() - t0 };
    }
    case "check": {
      const t0 = performance.now();
      const checked = checkPair(await input(req.old), await input(req.new), { profile: req.profile, strictSpacing: req.strictSpacing });
      last = { id: req.id, compared: null, checked };
      return { type: "check", id: req.id, json: JSON.stringify(checked.result), ms: performance.now() - t0 };
    }
    case "export": {
      if (last === null || last.id !== req.of) return { type: "error", id: req.id, errors: {}, general: "the result to export is no longer there; compare the files again" };
      const opts = { author: req.author, date: req.date, moves: req.moves };
      let out;
      if (req.format === "check-json" || req.format === "corrected-docx") {
        if (!last.checked) throw new Error("export of a check asked for a comparison");
        out = req.format === "check-json" ? checkJson(last.checked) : await correctedDocx(last.checked, opts);
      } else {
        if (!last.compared) throw new Error("export of a comparison asked for a check");
        out = await exportDelta(last.compared, req.format, opts);
      }
      const bytes = out.bytes.slice().buffer;
      return { type: "file", id: req.id, bytes, notes: out.notes };
    }
    case "example-proposal": {
      const bytes = (await exampleProposal(req.inForceText, req.proposedText)).slice().buffer;
      return { type: "file", id: req.id, bytes, notes: [] };
    }
  }
}

scope.onmessage = (event) => {
  const req = event.data;
  handle(req).then(
    (res) => scope.postMessage(res, res.type === "file" ? [res.bytes] : []),
    (e: unknown) => {
      const res: Response = e instanceof InputErrors ? { type: "error", id: req.id, errors: e.errors, general: null } : { type: "error", id: req.id, errors: {}, general: errorMessage(e) };
      scope.postMessage(res);
    },
  );
};
