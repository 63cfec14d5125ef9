import * as vscode from 'vscode';
import { isColor, MAX_HIGHLIGHTS, type LevelSettings, type UserHighlight } from '../../shared/protocol/levels';

/** The levels settings as the webview gets them, and what was wrong with the user's list (one line per bad entry). */
export function readLevelSettings(): { settings: LevelSettings; problems: string[] } {
  const config = vscode.workspace.getConfiguration('hugeview');
  const enabled = config.get<boolean>('levels.enabled', true) !== false;
  const { highlights, problems } = checkHighlights(config.get<unknown>('highlights', []));
  return { settings: { enabled, highlights }, problems };
}

/**
 * hugeview.highlights: `[{ regex, color }]`. An entry whose regex does not
 * compile or whose colour is neither '#hex' nor a theme colour id is left out,
 * and said why; the rest are kept.
 */
export function checkHighlights(value: unknown): { highlights: UserHighlight[]; problems: string[] } {
  const highlights: UserHighlight[] = [];
  const problems: string[] = [];
  if (!Array.isArray(value)) return { highlights, problems: value === undefined ? [] : ['hugeview.highlights must be a list of { "regex": "...", "color": "..." }'] };
  value.forEach((entry: unknown, i) => {
    const where = `hugeview.highlights[${i}]`;
    const record = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const regex = record.regex;
    const color = record.color;
    if (typeof regex !== 'string' || regex.length === 0 || regex.length > 1024) return problems.push(`${where}: "regex" must be a non-empty string (at most 1024 characters)`);
    if (!isColor(color)) return problems.push(`${where}: "color" ${JSON.stringify(color)} is neither a #hex colour nor a theme colour id such as "charts.red"`);
    let flags = 'u';
    try {
      new RegExp(regex, flags);
    } catch {
      flags = '';
      try {
        new RegExp(regex, flags);
      } catch (error) {
        return problems.push(`${where}: the regex ${JSON.stringify(regex)} is invalid: ${(error as Error).message}`);
      }
    }
    if (highlights.length >= MAX_HIGHLIGHTS) return problems.push(`${where}: only the first ${MAX_HIGHLIGHTS} highlights are used`);
    highlights.push({ pattern: regex, flags, color: color as string });
    return undefined;
  });
  return { highlights, problems };
}
