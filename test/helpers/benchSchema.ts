// Checks a benchmark JSON against the schema README documents ("hugeview.bench/1").
// Returns the list of problems; empty means valid.
export function validateBenchReport(value: unknown): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const isStr = (v: unknown) => typeof v === 'string';
  const fraction = (v: unknown) => v === null || (isNum(v) && (v as number) >= 0 && (v as number) <= 1);
  if (!isObj(value)) return ['not an object'];
  const r = value;
  expect(r.schema === 'hugeview.bench/1', 'schema');
  expect(isObj(r.file) && isStr(r.file.path) && isNum(r.file.size), 'file');
  const m = r.machine;
  expect(isObj(m) && ['cpu', 'os', 'kernel', 'node', 'fsType'].every((k) => isStr(m[k])) && isNum(m.cores) && isNum(m.memoryBytes), 'machine');
  expect(r.mode === 'quick' || r.mode === 'full', 'mode');
  expect(isStr(r.startedAt) && !Number.isNaN(Date.parse(r.startedAt as string)), 'startedAt');
  expect(isNum(r.durationMs), 'durationMs');
  expect(fraction(r.residencyBefore) && fraction(r.residencyAfter), 'residency');
  expect(typeof r.partial === 'boolean', 'partial');
  const stats = (s: unknown, where: string) => {
    if (s === null) return;
    expect(isObj(s) && ['ops', 'p50Ns', 'p99Ns', 'meanNs', 'mbPerS', 'batch'].every((k) => isNum((s as Record<string, unknown>)[k])), `${where} stats`);
    if (isObj(s)) expect((s.p99Ns as number) >= (s.p50Ns as number), `${where} p99 >= p50`);
  };
  if (!Array.isArray(r.cases)) problems.push('cases');
  else
    r.cases.forEach((c: unknown, i: number) => {
      if (!isObj(c)) {
        problems.push(`cases[${i}]`);
        return;
      }
      expect(['hot', 'random', 'sequential'].includes(c.pattern as string), `cases[${i}].pattern`);
      expect([16, 4096, 65536, 1 << 20].includes(c.blockBytes as number), `cases[${i}].blockBytes`);
      expect(c.cache === 'warm' || c.cache === 'cold', `cases[${i}].cache`);
      stats(c.mmap, `cases[${i}].mmap`);
      stats(c.pread, `cases[${i}].pread`);
      if (c.adaptive !== undefined) stats(c.adaptive, `cases[${i}].adaptive`);
      expect(c.adaptiveVsBest === undefined || c.adaptiveVsBest === null || isNum(c.adaptiveVsBest), `cases[${i}].adaptiveVsBest`);
      expect(c.adaptivePreadShare === undefined || c.adaptivePreadShare === null || fraction(c.adaptivePreadShare), `cases[${i}].adaptivePreadShare`);
      expect(c.speedup === null || isNum(c.speedup), `cases[${i}].speedup`);
      expect(c.winner === null || ['mmap', 'pread', 'tie'].includes(c.winner as string), `cases[${i}].winner`);
      expect(c.note === undefined || isStr(c.note), `cases[${i}].note`);
      expect((c.mmap !== null && c.pread !== null) === (c.speedup !== null), `cases[${i}] speedup iff both sides`);
      expect(c.mmap !== null && c.pread !== null ? true : isStr(c.note), `cases[${i}] a missing side has a note`);
    });
  expect(Array.isArray(r.scans) && r.scans.every((s: unknown) => isObj(s) && (s.backend === 'mmap' || s.backend === 'pread') && isNum(s.bytes) && isNum(s.mbPerS) && typeof s.complete === 'boolean'), 'scans');
  expect(
    r.inPlace === undefined ||
      (Array.isArray(r.inPlace) &&
        r.inPlace.every((p: unknown, i: number) => {
          if (!isObj(p)) return false;
          stats(p.inPlace, `inPlace[${i}].inPlace`);
          stats(p.pread, `inPlace[${i}].pread`);
          return ['hot', 'random', 'sequential'].includes(p.pattern as string) && isNum(p.recordBytes) && (p.speedup === null || isNum(p.speedup));
        })),
    'inPlace',
  );
  expect(r.guard === null || (isObj(r.guard) && isNum(r.guard.guardedNs) && isNum(r.guard.unguardedNs) && isNum(r.guard.overheadPct)), 'guard');
  expect(r.roundTrip === undefined || (Array.isArray(r.roundTrip) && r.roundTrip.every((t: unknown) => isObj(t) && isNum(t.p50Ms) && isNum(t.p99Ms) && isNum(t.pages))), 'roundTrip');
  expect(!r.partial || (isObj(r.error) && isStr(r.error.code) && isStr(r.error.message)), 'error when partial');
  return problems;
}
