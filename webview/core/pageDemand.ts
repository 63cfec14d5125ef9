import { PAGE_SIZE } from '../../shared/offsets';
import { SCAN_BACK } from '../text/TextLayout';

export interface PageDemand {
  size: number;
  /** First byte on screen, and the end of what is (or will be) on screen. */
  top: number;
  viewEnd: number;
  /** Pages a navigation or paint found missing: asked first. */
  missing: Iterable<number>;
  /** Text rows look back up to SCAN_BACK bytes for their line start. */
  scansBack: boolean;
}

/** The pages to keep loaded, most urgent first: missing ones, the screen, then one page either side. */
export function wantedPages(demand: PageDemand): number[] {
  const { size, top } = demand;
  if (size === 0) return [];
  const lastPage = Math.floor((size - 1) / PAGE_SIZE);
  const first = Math.floor(Math.min(top, size - 1) / PAGE_SIZE);
  const last = Math.max(first, Math.floor((Math.min(size, demand.viewEnd) - 1) / PAGE_SIZE));
  const wanted: number[] = [...demand.missing];
  for (let page = first; page <= last; page++) wanted.push(page);
  wanted.push(first - 1, last + 1);
  if (demand.scansBack) wanted.push(Math.floor(Math.max(0, top - SCAN_BACK) / PAGE_SIZE));
  return wanted.filter((page) => page >= 0 && page <= lastPage);
}
