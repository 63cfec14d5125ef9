import * as fs from 'node:fs';
import { chooseBackend } from '../bytes/openByteSource';
import { runBenchmark } from './engine';
import { formatReport } from './report';

/** npm run bench -- <file> [--json out.json] [--quick] */
function main(argv: string[]): number {
  const args = [...argv];
  const quick = take(args, '--quick');
  const jsonAt = args.indexOf('--json');
  const jsonPath = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : undefined;
  const file = args[0];
  if (!file || args.length !== 1 || (jsonAt >= 0 && !jsonPath)) {
    console.error('Usage: npm run bench -- <file> [--json out.json] [--quick]');
    return 2;
  }
  const { addon, reason } = chooseBackend();
  if (!addon) console.error(`warning: mmap not measured — ${reason}`);
  const mapped = addon?.open(file);
  const report = runBenchmark(file, {
    mode: quick ? 'quick' : 'full',
    mapped,
    mappedUnavailable: reason,
    onProgress: (p) => process.stderr.write(`\r[${p.done}/${p.total}] ${p.label}`.padEnd(60)),
  });
  mapped?.close();
  process.stderr.write('\n');
  console.log(formatReport(report));
  if (jsonPath) {
    fs.writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');
    console.log(`\nJSON written to ${jsonPath}`);
  }
  return report.partial ? 1 : 0;
}

function take(args: string[], flag: string): boolean {
  const at = args.indexOf(flag);
  if (at >= 0) args.splice(at, 1);
  return at >= 0;
}

process.exitCode = main(process.argv.slice(2));
