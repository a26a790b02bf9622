/**
 * Runs one thread's pairs one after another without waiting for the disk:
 * the next pair starts as soon as the previous one's result is handed to
 * writeAtomicSoon, so the files are fsynced while the comparisons go on.
 * Each pair is reported once its file is in place, in the order the pairs
 * ran (so that `--jobs 1` logs them in order).
 */
import type { HooksFor } from "../commands/compare.js";
import { startPair, type PairResult, type PairSettings, type PairTask } from "./pair.js";

/** Results being written at once, at most: bounds the open files when the disk is slower than the comparisons. */
const MAX_WRITING = 8;

export class PairRunner {
  private reported: Promise<void> = Promise.resolve();
  private writing = 0;

  constructor(
    private readonly settings: PairSettings,
    private readonly hooksFor: HooksFor,
    /** called once per pair, when its file is in place or it failed */
    private readonly report: (result: PairResult) => void,
    /** called once per pair, when it is compared and its result is on the way to the disk (in `temp`, if it has one) */
    private readonly computed: (task: PairTask, temp: string | null) => void = () => {},
  ) {}

  /** Runs `task`; resolves when this thread can take the next one. */
  async run(task: PairTask): Promise<void> {
    const { done, temp } = await startPair(task, this.settings, this.hooksFor);
    this.computed(task, temp);
    this.writing++;
    this.reported = this.reported.then(async () => {
      const result = await done;
      this.writing--;
      this.report(result);
    });
    if (this.writing >= MAX_WRITING) await this.reported;
    // fsyncs' completions (and, in the main thread, the workers' messages) are handled only when the event loop gets a turn
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Settles once every pair run so far has been reported. */
  idle(): Promise<void> {
    return this.reported;
  }
}
