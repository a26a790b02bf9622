/**
 * A batch worker (its own bundle, dist/batch-worker.js): runs the PairTasks
 * the main thread posts, one at a time and in order, and posts back, for each,
 * a FromWorker "computed" when it is compared (its result still on the way to
 * the disk) and then its PairResult. The settings come once, as workerData.
 * Pairs that involve no Word document run without loading the docx package
 * at all.
 */
import { parentPort, workerData } from "node:worker_threads";
import { buildHooks } from "../hooks.js";
import type { PairSettings, PairTask } from "./pair.js";
import { PairRunner } from "./runner.js";
import type { FromWorker } from "./pool.js";

const port = parentPort;
if (!port) throw new Error("batch-worker.js runs inside 'redline batch', not on its own");
const post = (message: FromWorker): void => port.postMessage(message);
const runner = new PairRunner(
  workerData as PairSettings,
  buildHooks,
  (result) => post({ kind: "result", result }),
  (task, temp) => post({ kind: "computed", index: task.index, temp }),
);

// one pair at a time, in the order posted (the main thread keeps a pair or two waiting here)
let queue: Promise<void> = Promise.resolve();
port.on("message", (task: PairTask) => {
  queue = queue.then(() => runner.run(task));
});
