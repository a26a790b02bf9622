/**
 * A batch worker (its own bundle, dist/batch-worker.js): runs the PairTasks
 * the main thread posts, one at a time and in order, with runPair, and posts
 * each PairResult back. The settings come once, as workerData. Pairs that involve no Word
 * document run without loading the docx package at all.
 */
import { parentPort, workerData } from "node:worker_threads";
import { buildHooks } from "../hooks.js";
import { runPair, type PairSettings, type PairTask } from "./pair.js";

const port = parentPort;
if (!port) throw new Error("batch-worker.js runs inside 'redline batch', not on its own");
const settings = workerData as PairSettings;

// one pair at a time, in the order posted (the main thread keeps a pair or two waiting here)
let queue: Promise<void> = Promise.resolve();
port.on("message", (task: PairTask) => {
  queue = queue.then(() => runPair(task, settings, buildHooks)).then((result) => port.postMessage(result));
});
