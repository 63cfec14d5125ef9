// Loaded by child processes of the native tests (built beside them).
export { loadAddon } from '../../src/bytes/nativeAddon';
export { openByteSource } from '../../src/bytes/openByteSource';
