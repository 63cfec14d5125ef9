// Loaded by child processes of the native tests (built beside them).
export { loadAddon } from '../../src/bytes/nativeAddon';
export { runBenchmark } from '../../src/bench/engine';
