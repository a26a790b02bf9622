/**
 * Runs a batch's pairs, --jobs at a time: this thread takes pairs like the
 * others, next to jobs - 1 worker threads (so --jobs 1 uses no worker at all,
 * and this thread's already loaded code is not loaded a second time). Each
 * worker is kept two uncompared pairs ahead, so that it has its next pair
 * while this thread is busy comparing. A worker that dies fails the pair it
 * was comparing; its other pairs go back in the queue and a new worker takes
 * over. With workers, the largest pairs go first, so that the threads run
 * out of pairs at about the same time instead of one finishing a big pair
 * alone; results come back in task order whatever the scheduling.
 */
import { existsSync, statSync, unlinkSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { HooksFor } from "../commands/compare.js";
import type { PairResult, PairSettings, PairTask } from "./pair.js";
import { PairRunner } from "./runner.js";

export interface PoolOptions {
  jobs: number;
  settings: PairSettings;
  /** readers and writers for the pairs this thread runs (workers load the build's own, from readers.ts) */
  hooksFor: HooksFor;
  /** called once per pair, as it finishes */
  onDone: (result: PairResult) => void;
}

/** What a worker posts: a pair compared (its result still being written to `temp`), then the pair's result. */
export type FromWorker = { kind: "computed"; index: number; temp: string | null } | { kind: "result"; result: PairResult };

/** Pairs posted to a worker and not yet compared there. */
const AHEAD = 2;

/** The tasks by the size of their two files, largest first (ties in task order); a file that cannot be read counts as empty. */
function largestFirst(tasks: PairTask[]): PairTask[] {
  const size = (path: string): number => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  const sizes = tasks.map((t) => size(t.old.path) + size(t.new.path));
  return tasks.map((t, i) => ({ t, i })).sort((a, b) => sizes[b.i]! - sizes[a.i]! || a.i - b.i).map(({ t }) => t);
}

function removeLeftover(temp: string): void {
  try {
    unlinkSync(temp);
  } catch {
    /* moved into place before the worker died */
  }
}

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
  // one thread takes the pairs in the order given, so that --jobs 1 logs them in that order
  const queue = workers > 0 ? largestFirst(tasks) : tasks;
  const retry: PairTask[] = [];
  let next = 0;
  let finished = 0;
  let allDone = (): void => {};
  const done = new Promise<void>((resolve) => (allDone = resolve));
  const take = (): PairTask | null => retry.pop() ?? (next < queue.length ? queue[next++]! : null);
  const finish = (result: PairResult): void => {
    results[result.index] = result;
    opts.onDone(result);
    if (++finished === tasks.length) allDone();
  };

  const start = (url: URL): void => {
    const worker = new Worker(url, { workerData: opts.settings });
    /** posted and not yet finished, in the order posted (which is the order the worker runs them) */
    const posted: { task: PairTask; computed: boolean; temp: string | null }[] = [];
    let failure: string | null = null;
    const fill = (): void => {
      while (posted.filter((p) => !p.computed).length < AHEAD) {
        const task = take();
        if (!task) break;
        posted.push({ task, computed: false, temp: null });
        worker.postMessage(task);
      }
      if (posted.length === 0) void worker.terminate();
    };
    worker.on("message", (message: FromWorker) => {
      if (message.kind === "computed") {
        const p = posted.find((p) => p.task.index === message.index)!;
        p.computed = true;
        p.temp = message.temp;
      } else {
        posted.splice(posted.findIndex((p) => p.task.index === message.result.index), 1);
        finish(message.result);
      }
      fill();
    });
    worker.on("error", (e: Error) => {
      failure = e.message;
    });
    worker.on("exit", (code) => {
      if (posted.length === 0) return;
      // it died comparing the first pair not yet compared (if none, writing the first one); the others go back to the queue,
      // those compared included: their files may never have been moved into place, and their temporary files are left over
      const lost = posted.splice(0);
      for (const p of lost) if (p.temp) removeLeftover(p.temp);
      const culprit = lost.find((p) => !p.computed) ?? lost[0]!;
      retry.push(...lost.filter((p) => p !== culprit).map((p) => p.task).reverse());
      const why = (failure ?? `it exited with code ${code}`).replace(/\s*\n\s*/g, " ");
      finish({ index: culprit.task.index, status: "error", summary: null, error: `internal error: the worker comparing this pair stopped: ${why} (please report this with the input files)`, notes: [] });
      if (retry.length > 0 || next < queue.length) start(url);
    });
    fill();
  };
  if (url) for (let i = 0; i < workers; i++) start(url);

  const runner = new PairRunner(opts.settings, opts.hooksFor, finish);
  for (let task = take(); task; task = take()) await runner.run(task);
  await runner.idle();
  if (tasks.length > 0) await done;
  return { results, workers };
}
