/**
 * One instance of each hot class, kept for the life of the process.
 *
 * V8 frees a class's hidden class once no instance of it is left, and the
 * next full garbage collection then throws away every optimized function
 * that checked for it (`--trace-deopt` says "weak objects"). In a process
 * that compares document after document (the web viewer, a server, the
 * benchmarks), each comparison after a full collection started again in the
 * interpreter: Q.850's read, compare and write took about 225 ms instead of
 * 140. A kept instance keeps the hidden class, and with it the compiled code.
 */
const kept: object[] = [];

export function keepShape(instance: object): void {
  kept.push(instance);
}
