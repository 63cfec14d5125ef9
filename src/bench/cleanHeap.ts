import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * A full garbage collection, so every timed row starts from the same heap.
 *
 * fs.readSync leaves garbage (an object per call), and V8 then collects it
 * incrementally: a row measured after the pread row ran with that cycle
 * still open, and a 16-byte read through the addon took 4-5 ns more (56.8
 * → 59 ns) until a full collection closed it (measured, 2026-11-30). The
 * first row of a run never had pread before it, so the backend measured
 * first (mmap) got a clean heap the others did not: that, not the residency
 * check, was most of the "7 ns adaptive decision" README reported. A full
 * collection before every row gives each backend the same start; pread still
 * pays, inside its own rows, for the garbage it makes.
 *
 * V8 exposes gc() only behind a flag: set it for one new context, take its
 * gc, and clear it again, so no other context (an extension host's) gets a
 * global gc. Undefined when V8 refuses (the rows then run as before).
 */
export const collectGarbage: (() => void) | undefined = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
})();
