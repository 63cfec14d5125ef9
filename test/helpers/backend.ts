import type { Backend } from '../../shared/types';

/**
 * The backend the integration suite must see: 'mmap' when the package under
 * test has the native addon (the development folder, a platform VSIX), 'pread'
 * for the universal VSIX. Set by test/run-all.mjs (HUGEVIEW_EXPECTED_BACKEND).
 */
export function expectedBackend(): Backend {
  return process.env.HUGEVIEW_EXPECTED_BACKEND === 'pread' ? 'pread' : 'mmap';
}
