/** Messages between the benchmark report panel and the extension host. */
import type { BenchReport } from './benchReport';
import { isRecord, notification } from './protocol';

export interface ReportEntry {
  report: BenchReport;
  conclusion: string;
}

export type ExportFormat = 'markdown' | 'json' | 'csv';

/** host → panel: the newest report first, then earlier runs on the same file. */
export const ShowReports = notification<{ entries: ReportEntry[]; running?: string }>('showReports');

/** panel → host */
export const ReportReady = notification<Record<string, never>>('reportReady', (p): p is Record<string, never> => p === undefined || isRecord(p));
export const ExportReport = notification<{ index: number; format: ExportFormat }>(
  'exportReport',
  (p): p is { index: number; format: ExportFormat } =>
    isRecord(p) && Number.isSafeInteger(p.index) && (p.index as number) >= 0 && (p.index as number) < 100 && (p.format === 'markdown' || p.format === 'json' || p.format === 'csv'),
);
export const ClearHistory = notification<Record<string, never>>('clearHistory', (p): p is Record<string, never> => p === undefined || isRecord(p));
