import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { InitParams } from '../../shared/protocol/editor';

let bundle: { path: string; mtimeMs: number; text: string } | undefined;

/** dist/webview.js, read once (again when it changes, e.g. under `npm run watch`). */
function webviewBundle(extensionUri: vscode.Uri): string {
  const file = vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js').fsPath;
  const mtimeMs = fs.statSync(file).mtimeMs;
  if (!bundle || bundle.path !== file || bundle.mtimeMs !== mtimeMs) {
    // '</script' cannot appear inside an inline script element.
    bundle = { path: file, mtimeMs, text: fs.readFileSync(file, 'utf8').replace(/<\/script/gi, '<\\/script') };
  }
  return bundle.text;
}

/**
 * The webview's HTML: strict CSP (default-src 'none'; the one script by
 * nonce; styles only from the bundle folder). The script is inlined, and the
 * first Init and the file's first page are embedded, both base64 (so no
 * markup can come from a file name or the file's bytes): the view paints its
 * first rows from its first script run, without a fetch through the
 * webview's service worker, a Ready → Init or a ReadPage round trip.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, init?: InitParams, firstPage?: Uint8Array): string {
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.css'));
  const nonce = crypto.randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  const initAttribute = init ? ` data-init="${Buffer.from(JSON.stringify(init)).toString('base64')}"` : '';
  const pageAttribute = init && firstPage ? ` data-first-page="${Buffer.from(firstPage.buffer, firstPage.byteOffset, firstPage.byteLength).toString('base64')}"` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>HugeView</title>
</head>
<body data-vscode-context='{"preventDefaultContextMenuItems": true}'>
<div id="root"${initAttribute}${pageAttribute}></div>
<script nonce="${nonce}">${webviewBundle(extensionUri)}</script>
</body>
</html>`;
}

/** Webview options: scripts on, resources only from dist/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
}
