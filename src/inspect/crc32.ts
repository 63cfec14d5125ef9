import * as zlib from 'node:zlib';

/**
 * CRC-32 (IEEE 802.3, the zlib / PNG / gzip one). zlib.crc32 (Node 20.15+,
 * 22.2+) when the running Node has it; otherwise slice-by-8 in JS, which
 * does about 1 GB/s.
 */
const TABLES = makeTables();

function makeTables(): Uint32Array[] {
  const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[0][n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = tables[0][n];
    for (let t = 1; t < 8; t++) {
      c = tables[0][c & 0xff] ^ (c >>> 8);
      tables[t][n] = c >>> 0;
    }
  }
  return tables;
}

/** The CRC-32 of `data` continuing from `previous` (0 to start), slice-by-8 in JS. */
export function crc32Js(data: Uint8Array, previous = 0): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES;
  let crc = ~previous >>> 0;
  let i = 0;
  const n = data.length;
  const fast = n - (n % 8);
  while (i < fast) {
    const a = (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)) ^ crc;
    crc =
      t7[a & 0xff] ^ t6[(a >>> 8) & 0xff] ^ t5[(a >>> 16) & 0xff] ^ t4[a >>> 24] ^
      t3[data[i + 4]] ^ t2[data[i + 5]] ^ t1[data[i + 6]] ^ t0[data[i + 7]];
    i += 8;
  }
  while (i < n) crc = t0[(crc ^ data[i++]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

type Crc32 = (data: Uint8Array, previous?: number) => number;
const native = (zlib as unknown as { crc32?: Crc32 }).crc32;

/** The fastest CRC-32 this Node has. */
export const crc32: Crc32 = typeof native === 'function' ? (data, previous = 0) => native(data, previous) : crc32Js;
export const crc32Implementation = typeof native === 'function' ? 'zlib.crc32' : 'js slice-by-8';
