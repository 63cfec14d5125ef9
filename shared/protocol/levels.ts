/**
 * Log levels: the host tells the text view which tokens to colour (the level
 * words and the user's `hugeview.highlights`) and where the ERROR and WARN
 * lines are across the file (counts per scrollbar bucket). The host checks the
 * user's list before it sends it; the webview checks it again here.
 */
import { isOffset, isRecord, noParams, notification, request } from '../rpc';

/** A user highlight: a JavaScript regex (source and flags) and a colour, '#hex' or a theme colour id ('charts.red'). */
export interface UserHighlight {
  pattern: string;
  flags: string;
  color: string;
}

export interface LevelSettings {
  /** hugeview.levels.enabled: colours and scrollbar marks on or off. */
  enabled: boolean;
  highlights: UserHighlight[];
}

/** Lines with ERROR (FATAL, CRITICAL) and WARN (WARNING) per bucket: bucket b holds the lines starting in [b * bucketBytes, (b + 1) * bucketBytes). */
export interface LevelMarks {
  /** The file size the counts are for. */
  size: number;
  bucketBytes: number;
  error: number[];
  warn: number[];
  /** False while the count is running (the buckets so far). */
  done: boolean;
}

export const HEX_COLOR = /^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
export const THEME_COLOR_ID = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)+$/;
export const MAX_HIGHLIGHTS = 64;
export const MAX_BUCKETS = 4096;

export function isColor(value: unknown): value is string {
  return typeof value === 'string' && (HEX_COLOR.test(value) || THEME_COLOR_ID.test(value));
}

function isUserHighlight(value: unknown): value is UserHighlight {
  return isRecord(value) && typeof value.pattern === 'string' && value.pattern.length > 0 && value.pattern.length <= 1024 &&
    typeof value.flags === 'string' && /^[imsu]*$/.test(value.flags) && isColor(value.color);
}

export function isLevelSettings(p: unknown): p is LevelSettings {
  return isRecord(p) && typeof p.enabled === 'boolean' && Array.isArray(p.highlights) && p.highlights.length <= MAX_HIGHLIGHTS && p.highlights.every(isUserHighlight);
}

const isCounts = (v: unknown): v is number[] => Array.isArray(v) && v.length <= MAX_BUCKETS && v.every(isOffset);

export function isLevelMarks(p: unknown): p is LevelMarks {
  return isRecord(p) && isOffset(p.size) && isOffset(p.bucketBytes) && isCounts(p.error) && isCounts(p.warn) && p.error.length === p.warn.length && typeof p.done === 'boolean';
}

export interface LevelStateReply {
  settings: LevelSettings;
  marks: LevelMarks | null;
}

/** Replies are not checked by the messenger: the webview checks this one with it. */
export function isLevelState(p: unknown): p is LevelStateReply {
  return isRecord(p) && isLevelSettings(p.settings) && (p.marks === null || isLevelMarks(p.marks));
}

// ---- host → webview ----------------------------------------------------------

export const LevelSettingsChanged = notification<LevelSettings>('levels/settings', isLevelSettings);
export const LevelMarksChanged = notification<LevelMarks>('levels/marks', isLevelMarks);

// ---- webview → host ----------------------------------------------------------

/** The webview (re)started: the settings and the latest marks. */
export const LevelState = request<Record<string, never>, LevelStateReply>('levels/state', noParams);
