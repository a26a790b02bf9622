/**
 * The page's side of the worker: one promise per request. A worker that dies
 * (out of memory on a huge file, say) fails its pending requests with a
 * message and is replaced by a fresh one for the next request.
 */
import type { Request, Response } from "./protocol.js";

type Pending = { resolve: (r: Response) => void; reject: (e: Error) => void };
type Outgoing = Request extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

export class EngineClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** Starts the worker ahead of the first request, so that its code is loaded by the time the files are. */
  warm(): void {
    this.get();
  }

  private get(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "redline-engine" });
    worker.onmessage = (event: MessageEvent<Response>) => {
      const p = this.pending.get(event.data.id);
      if (!p) return;
      this.pending.delete(event.data.id);
      p.resolve(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail(`the comparison engine stopped${event.message ? ` (${event.message})` : ""}; try again, or with smaller files`);
    };
    this.worker = worker;
    return worker;
  }

  private fail(message: string): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }

  /** Sends a request (its ArrayBuffers are transferred, not copied) and answers its response. */
  request(message: Outgoing, transfer: Transferable[] = []): { id: number; response: Promise<Response> } {
    const id = this.nextId++;
    const response = new Promise<Response>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.get().postMessage({ ...message, id } as Request, transfer);
    });
    return { id, response };
  }
}
