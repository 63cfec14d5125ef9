import * as fs from 'node:fs';
import * as os from 'node:os';
import type { MachineInfo } from '../../shared/benchReport';

/** What the benchmark ran on: CPU, cores, memory, OS, kernel, and the file's file system. */
export function describeMachine(filePath: string): MachineInfo {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.arch()}`,
    kernel: os.release(),
    node: process.version,
    fsType: fileSystemType(filePath),
  };
}

/** The type of the mount holding `filePath` (Linux: longest mount-point prefix in /proc/self/mountinfo). */
export function fileSystemType(filePath: string): string {
  try {
    const real = fs.realpathSync(filePath);
    let best = '';
    let type = 'unknown';
    for (const line of fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
      const [left, right] = line.split(' - ');
      if (!right) continue;
      const mountPoint = left.split(' ')[4].replace(/\\040/g, ' ');
      const inside = real === mountPoint || real.startsWith(mountPoint.endsWith('/') ? mountPoint : mountPoint + '/');
      if (inside && mountPoint.length >= best.length) {
        best = mountPoint;
        type = right.split(' ')[0];
      }
    }
    return type;
  } catch {
    return 'unknown';
  }
}
