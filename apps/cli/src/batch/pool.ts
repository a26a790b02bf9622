/**
 * Runs a batch's pairs, --jobs at a time: this thread takes pairs like the
 * others, next to jobs - 1 worker threads (so --jobs 1 uses no worker at all,
 * and this thread's already loaded code is not loaded a second time). Each
 * worker is kept two pairs ahead, so that it has its next pair while this
 * thread is busy comparing. A worker that dies fails the pair it was on; its
 * other pair goes back in the queue and a new worker takes over. Results come
 * back in task order whatever the scheduling.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { HooksFor } from "../commands/compare.js";
import { runPair, type PairResult, type PairSettings, type PairTask } from "./pair.js";

export interface PoolOptions {
  jobs: number;
  settings: PairSettings;
  /** readers and writers for the pairs this thread runs (workers load the build's own, from readers.ts) */
  hooksFor: HooksFor;
  /** called once per pair, as it finishes */
  onDone: (result: PairResult) => void;
}

/** Pairs posted to a worker before it finishes one. */
const AHEAD = 2;

/** The worker bundle, next to the bundle this code is in (dist/). */
export function workerUrl(): URL | null {
  const url = new URL("./batch-worker.js", import.meta.url);
  return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url : null;
}

export async function runAll(tasks: PairTask[], opts: PoolOptions): Promise<{ results: PairResult[]; workers: number }> {
  // from the sources (no dist/batch-worker.js) this thread runs every pair: slower, same results
  const url = opts.jobs > 1 && tasks.length > 1 ? workerUrl() : null;
  const workers = url ? Math.min(opts.jobs, tasks.length) - 1 : 0;

  const results: PairResult[] = new Array<PairResult>(tasks.length);
  const retry: PairTask[] = [];
  let next = 0;
  let finished = 0;
  let allDone = (): void => {};
  const done = new Promise<void>((resolve) => (allDone = resolve));
  const take = (): PairTask | null => retry.pop() ?? (next < tasks.length ? tasks[next++]! : null);
  const finish = (result: PairResult): void => {
    results[result.index] = result;
    opts.onDone(result);
    if (++finished === tasks.length) allDone();
  };

  const start = (url: URL): void => {
    const worker = new Worker(url, { workerData: opts.settings });
    const posted: PairTask[] = [];
    let failure: string | null = null;
    const fill = (): void => {
      while (posted.length < AHEAD) {
        const task = take();
        if (!task) break;
        posted.push(task);
        worker.postMessage(task);
      }
      if (posted.length === 0) void worker.terminate();
    };
    worker.on("message", (result: PairResult) => {
      posted.splice(posted.findIndex((t) => t.index === result.index), 1);
      finish(result);
      fill();
    });
    worker.on("error", (e: Error) => {
      failure = e.message;
    });
    worker.on("exit", (code) => {
      if (posted.length === 0) return;
      // the worker runs its pairs in order: it died on the first; the others go back to the queue
      const [task, ...unstarted] = posted.splice(0);
      retry.push(...unstarted.reverse());
      const why = (failure ?? `it exited with code ${code}`).replace(/\s*\n\s*/g, " ");
      finish({ index: task!.index, status: "error", summary: null, error: `internal error: the worker comparing this pair stopped: ${why} (please report this with the input files)`, notes: [] });
      if (retry.length > 0 || next < tasks.length) start(url);
    });
    fill();
  };
  if (url) for (let i = 0; i < workers; i++) start(url);

  for (let task = take(); task; task = take()) {
    finish(await runPair(task, opts.settings, opts.hooksFor));
    // let the workers' results in, so that they get their next pairs
    if (workers > 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (tasks.length > 0) await done;
  return { results, workers };
}
