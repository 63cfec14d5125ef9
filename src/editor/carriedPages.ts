import type { CarriedPage } from '../../shared/protocol/editor';
import { PAGE_SIZE } from '../../shared/offsets';

/** Bytes from a page edge within which the neighbouring page goes along too (the rows above the target, a line's start). */
const EDGE = 16 * 1024;

/**
 * The pages a jump to `offset` paints from: the target's page, and the page
 * before or after it when the target is within EDGE of that side. They go
 * with the GoTo, so the view paints the target without asking (one round
 * trip and one frame less; `npm run bench:viewer` measures the jumps).
 * A page that cannot be read now is left out: the view asks for it.
 */
export function carriedPages(document: { size: number; read(offset: number, length: number): Uint8Array }, offset: number): CarriedPage[] {
  const size = document.size;
  if (size === 0) return [];
  const target = Math.floor(Math.min(offset, size - 1) / PAGE_SIZE);
  const within = Math.min(offset, size - 1) - target * PAGE_SIZE;
  const indexes = [target];
  if (within < EDGE && target > 0) indexes.unshift(target - 1);
  if (PAGE_SIZE - within < EDGE && (target + 1) * PAGE_SIZE < size) indexes.push(target + 1);
  const pages: CarriedPage[] = [];
  for (const index of indexes) {
    try {
      const bytes = document.read(index * PAGE_SIZE, Math.min(PAGE_SIZE, size - index * PAGE_SIZE));
      if (bytes.length === 0) continue;
      const data = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
      pages.push({ index, data: data as ArrayBuffer });
    } catch {
      // the view asks for it and shows the error where it paints
    }
  }
  return pages;
}
