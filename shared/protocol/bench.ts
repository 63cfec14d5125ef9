/**
 * The benchmark's messages: the page round trip it times through an open
 * editor, and the report panel's.
 */
import type { BenchReport } from '../benchReport';
import { isRecord, notification, request } from '../rpc';
import { isBackend, type Backend } from '../types';
import { isPageParams, type PageParams, type PageResult } from './editor';

// ---- the page round trip (an editor's webview) ---------------------------------

/** host → webview: time `pages` page requests through `backend`; the webview answers with each round trip in ms. */
export const MeasureRoundTrip = request<{ backend: Backend; pages: number }, { samplesMs: number[] }>(
  'bench/measureRoundTrip',
  (p): p is { backend: Backend; pages: number } => isRecord(p) && isBackend(p.backend) && Number.isSafeInteger(p.pages) && (p.pages as number) > 0 && (p.pages as number) <= 10_000,
);

/** webview → host: one page through the named backend (only while a round-trip measurement runs). */
export const BenchReadPage = request<PageParams & { backend: Backend }, PageResult>(
  'bench/readPage',
  (p): p is PageParams & { backend: Backend } => isPageParams(p) && isBackend((p as { backend?: unknown }).backend),
);

// ---- the report panel ------------------------------------------------------------

export interface ReportEntry {
  report: BenchReport;
  conclusion: string;
}

export type ExportFormat = 'markdown' | 'json' | 'csv';

/** host → panel: the newest report first, then earlier runs on the same file. */
export const ShowReports = notification<{ entries: ReportEntry[]; running?: string }>('bench/showReports');

/** panel → host */
export const ReportReady = notification<Record<string, never>>('bench/reportReady', (p): p is Record<string, never> => p === undefined || isRecord(p));
export const ExportReport = notification<{ index: number; format: ExportFormat }>(
  'bench/exportReport',
  (p): p is { index: number; format: ExportFormat } =>
    isRecord(p) && Number.isSafeInteger(p.index) && (p.index as number) >= 0 && (p.index as number) < 100 && (p.format === 'markdown' || p.format === 'json' || p.format === 'csv'),
);
export const ClearHistory = notification<Record<string, never>>('bench/clearHistory', (p): p is Record<string, never> => p === undefined || isRecord(p));
