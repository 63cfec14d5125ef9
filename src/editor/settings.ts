import * as vscode from 'vscode';
import type { Detected } from '../core/textEncoding';
import { isBytesPerRow, type ViewSettings } from '../../shared/protocol/editor';
import { isEncoding, type TextEncodingName, type ViewMode } from '../../shared/types';

export const SECTION = 'hugeview';

/** The view settings the webview needs, from HugeView's and the editor's configuration. */
export function viewSettings(): ViewSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const editor = vscode.workspace.getConfiguration('editor');
  const bytesPerRow = config.get<unknown>('bytesPerRow', 'auto');
  return {
    bytesPerRow: isBytesPerRow(bytesPerRow) ? bytesPerRow : 'auto',
    maxLineColumns: clamp(config.get<number>('maxLineColumns', 1000), 40, 100_000),
    fontFamily: editor.get<string>('fontFamily', '') || 'monospace',
    fontSize: clamp(editor.get<number>('fontSize', 14), 6, 100),
  };
}

export function defaultMode(): ViewMode | 'auto' {
  const mode = vscode.workspace.getConfiguration(SECTION).get<string>('defaultMode', 'auto');
  return mode === 'hex' || mode === 'text' ? mode : 'auto';
}

export function largeFileThresholdBytes(): number {
  return clamp(vscode.workspace.getConfiguration(SECTION).get<number>('largeFileThresholdMB', 50), 1, 1e9) * 1024 * 1024;
}

export function openLargeFilesAutomatically(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>('openLargeFilesAutomatically', true);
}

/** True when a change touches anything viewSettings() reads. */
export function affectsView(event: vscode.ConfigurationChangeEvent): boolean {
  return ['hugeview.bytesPerRow', 'hugeview.maxLineColumns', 'editor.fontFamily', 'editor.fontSize'].some((key) => event.affectsConfiguration(key));
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}

/** hugeview.encoding, unless 'auto' (detect from BOM and content). */
export function configuredEncoding(): TextEncodingName | undefined {
  const value = vscode.workspace.getConfiguration(SECTION).get<string>('encoding', 'auto');
  return isEncoding(value) ? value : undefined;
}

/** The view a new editor opens in: the configured mode and encoding, else what the first bytes suggest. */
export function initialView(detected: Detected): { mode: ViewMode; encoding: TextEncodingName; why: string } {
  const preferred = defaultMode();
  const configured = configuredEncoding();
  return {
    mode: preferred === 'auto' ? (detected.text ? 'text' : 'hex') : preferred,
    encoding: configured ?? detected.encoding,
    why: configured ? 'set by hugeview.encoding' : detected.reason,
  };
}
