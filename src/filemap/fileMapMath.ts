/**
 * The file map's arithmetic in JavaScript, the same as native/file_map.cc:
 * Shannon entropy per 4 KiB block (min / max / mean over a bucket's blocks)
 * and the fractions of a bucket's bytes that are zero, text (tab, LF, CR,
 * 0x20..0x7E) and high (0x80..0xFF). The pread backend's worker uses it.
 */
export const MAP_BLOCK = 4096;
export const MAP_FIELDS = 7;

/** A bucket size (whole 4 KiB blocks) giving at most about `wanted` buckets over `size` bytes, and the count. */
export function bucketLayout(size: number, wanted: number): { bucketSize: number; bucketCount: number } {
  const per = Math.ceil(size / Math.max(1, wanted));
  const bucketSize = Math.max(1, Math.ceil(per / MAP_BLOCK)) * MAP_BLOCK;
  return { bucketSize, bucketCount: Math.ceil(size / bucketSize) };
}

const PLOGP = new Float64Array(MAP_BLOCK + 1);
for (let c = 1; c <= MAP_BLOCK; c++) PLOGP[c] = c * Math.log2(c);

/** A bucket being filled, block by block. */
export class BucketStats {
  private entropyMin = 0;
  private entropyMax = 0;
  private entropySum = 0;
  private blocks = 0;
  private zero = 0;
  private text = 0;
  private high = 0;
  private readonly counts = new Uint32Array(256);

  constructor(private readonly length: number) {}

  /** Adds the block data[start, end) (at most 4 KiB). */
  addBlock(data: Uint8Array, start: number, end: number): void {
    const counts = this.counts;
    counts.fill(0);
    for (let i = start; i < end; i++) counts[data[i]]++;
    const n = end - start;
    let entropy = 0;
    if (counts[0] !== n) {
      let sum = 0;
      for (let c = 0; c < 256; c++) sum += PLOGP[counts[c]];
      entropy = Math.max(0, Math.log2(n) - sum / n);
    }
    let text = counts[9] + counts[10] + counts[13];
    for (let c = 0x20; c <= 0x7e; c++) text += counts[c];
    let high = 0;
    for (let c = 0x80; c < 256; c++) high += counts[c];
    this.entropyMin = this.blocks === 0 ? entropy : Math.min(this.entropyMin, entropy);
    this.entropyMax = this.blocks === 0 ? entropy : Math.max(this.entropyMax, entropy);
    this.entropySum += entropy;
    this.blocks++;
    this.zero += counts[0];
    this.text += text;
    this.high += high;
  }

  /** The bucket's MAP_FIELDS numbers, into out at `at`. */
  write(out: Float64Array, at: number): void {
    const n = this.length > 0 ? this.length : 1;
    out[at] = this.entropyMin;
    out[at + 1] = this.entropyMax;
    out[at + 2] = this.blocks ? this.entropySum / this.blocks : 0;
    out[at + 3] = this.zero / n;
    out[at + 4] = this.text / n;
    out[at + 5] = this.high / n;
    out[at + 6] = 0; // no hole information without the addon (Node has no SEEK_HOLE)
  }
}
