/**
 * The import rules of issue 12, as pure functions over repository-relative
 * paths (posix separators), so the layering test can check them on synthetic
 * edges as well as on every real import:
 * - src/ never imports webview/, and webview/ never imports src/;
 * - shared/ imports only shared/; a feature's protocol (shared/protocol/<f>.ts)
 *   no other feature's (the editor's own protocol is core to all);
 * - core/, bytes/ and the log import no feature and not editor/;
 * - a feature (a folder of src/ other than core, bytes, editor) imports only
 *   core, bytes, shared and the log, its own files and its own protocol —
 *   never editor/ or another feature;
 * - editor/ imports no feature and no feature's protocol.
 * In the webview, the same shape:
 * - core/ (the viewer, its page cache, scroller) and the viewer's own views
 *   (hex/, text/) import no plug-in and not main.ts;
 * - a plug-in (find/, inspect/, bench/, report/ — any other folder)
 *   imports only core/, shared/ and its own files — never hex/ or text/,
 *   another plug-in or main.ts — and only its own feature's protocol (find/ is
 *   the search feature's widget, report/ the bench feature's report page);
 * - core/ and the views use no feature's protocol, only the editor's.
 * - one exception, by name: a feature built on another's engine (ENGINE_USERS:
 *   the filtered view scans with search's engines) may import that feature's
 *   engine files and its protocol's types — never its session or register.
 * The composition roots (src/extension.ts, webview/main.ts) and the test API (src/testApi.ts) see everything.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';


export type Place =
  | { area: 'src'; part: 'core' | 'bytes' | 'editor' | 'log' | 'root' }
  | { area: 'src'; part: 'feature'; feature: string }
  | { area: 'shared'; protocol?: string }
  | { area: 'webview'; part: 'main' | 'core' | 'view' | 'plugin'; feature: string }
  | { area: 'other' };

/** Host features that scan with another feature's engine: filter → search (compileQuery, the scanners, the prefilter). */
const ENGINE_USERS: Record<string, string[]> = { filter: ['search'] };
/** Per-editor and wiring files of a feature, which stay its own even for its engine's users. */
const NOT_ENGINE = /\/(register|\w*Session)$/;

function usesEngine(user: string, engine: string, file: string): boolean {
  return (ENGINE_USERS[user] ?? []).includes(engine) && !NOT_ENGINE.test(file.replace(/\.(ts|js)$/, ''));
}

/** The webview folder that belongs to each feature whose name differs from its protocol's. */
const WEBVIEW_FEATURE: Record<string, string> = { find: 'search', report: 'bench' };

export function placeOf(file: string): Place {
  const parts = file.replace(/\.(ts|js|mjs|cjs)$/, '').split('/');
  if (parts[0] === 'src') {
    if (parts.length === 2) return { area: 'src', part: parts[1] === 'log' ? 'log' : 'root' };
    const folder = parts[1];
    if (folder === 'core' || folder === 'bytes' || folder === 'editor') return { area: 'src', part: folder };
    return { area: 'src', part: 'feature', feature: folder };
  }
  if (parts[0] === 'shared') return parts[1] === 'protocol' && parts.length === 3 ? { area: 'shared', protocol: parts[2] } : { area: 'shared' };
  if (parts[0] === 'webview') {
    if (parts.length === 2) return { area: 'webview', part: 'main', feature: parts[1] };
    const folder = parts[1];
    const part = folder === 'core' ? 'core' : folder === 'hex' || folder === 'text' ? 'view' : 'plugin';
    return { area: 'webview', part, feature: WEBVIEW_FEATURE[folder] ?? folder };
  }
  return { area: 'other' };
}

/** Why `from` may not import `to`, or undefined when it may. */
export function forbidden(from: string, to: string): string | undefined {
  const a = placeOf(from);
  const b = placeOf(to);
  if (a.area === 'src' && b.area === 'webview') return 'the extension host never imports the webview';
  if (a.area === 'webview' && b.area === 'src') return 'the webview never imports the extension host';
  if (a.area === 'webview') return forbiddenInWebview(a, b);
  if (a.area === 'shared') {
    if (b.area !== 'shared') return 'shared/ imports only shared/';
    if (a.protocol && b.protocol && b.protocol !== 'editor' && b.protocol !== a.protocol) return `the ${a.protocol} protocol imports another feature's protocol (${b.protocol})`;
    return undefined;
  }
  if (a.area !== 'src' || b.area !== 'src') {
    if (a.area === 'src' && b.area === 'shared' && b.protocol && b.protocol !== 'editor') {
      if (a.part === 'feature' && a.feature !== b.protocol && !usesEngine(a.feature, b.protocol, to)) return `feature ${a.feature} imports the ${b.protocol} feature's protocol`;
      if (a.part === 'editor' || a.part === 'core' || a.part === 'bytes' || a.part === 'log') return `${a.part}/ imports the ${b.protocol} feature's protocol`;
    }
    return undefined;
  }
  if (a.part === 'root') return undefined;
  if (b.part === 'root') return `${a.part === 'feature' ? `feature ${a.feature}` : `${a.part}/`} imports the composition root`;
  if (a.part === 'core' || a.part === 'bytes' || a.part === 'log') {
    if (b.part === 'feature') return `${a.part}/ imports feature ${b.feature}`;
    if (b.part === 'editor') return `${a.part}/ imports editor/`;
    return undefined;
  }
  if (a.part === 'editor') return b.part === 'feature' ? `editor/ imports feature ${b.feature}` : undefined;
  if (a.part !== 'feature') return undefined;
  if (b.part === 'editor') return `feature ${a.feature} imports editor/`;
  if (b.part === 'feature' && b.feature !== a.feature && !usesEngine(a.feature, b.feature, to)) return `feature ${a.feature} imports feature ${b.feature}`;
  return undefined;
}

function forbiddenInWebview(a: Extract<Place, { area: 'webview' }>, b: Place): string | undefined {
  if (a.part === 'main') return undefined;
  const who = a.part === 'plugin' ? `webview plug-in ${a.feature}` : `webview ${a.part === 'core' ? 'core/' : `${a.feature}/`}`;
  if (b.area === 'shared') {
    if (!b.protocol || b.protocol === 'editor') return undefined;
    if (a.part !== 'plugin') return `${who} imports the ${b.protocol} feature's protocol`;
    return b.protocol === a.feature ? undefined : `${who} imports the ${b.protocol} feature's protocol`;
  }
  if (b.area !== 'webview') return undefined;
  if (b.part === 'main') return `${who} imports the composition root (webview/main)`;
  if (a.part !== 'plugin') return b.part === 'plugin' ? `${who} imports plug-in ${b.feature}` : undefined;
  if (b.part === 'view') return `${who} imports the viewer's ${b.feature}/ view (plug-ins see the viewer through core/)`;
  if (b.part === 'plugin' && b.feature !== a.feature) return `${who} imports plug-in ${b.feature}`;
  return undefined;
}

/** The relative module specifiers a TypeScript file imports (import/export … from, import(), require()). */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]);
  return found.filter((specifier) => specifier.startsWith('.'));
}

export interface ImportEdge {
  from: string;
  to: string;
}

/** Every relative import of every .ts file under `folders` of `root`, as repository-relative paths. */
export function importEdges(root: string, folders: string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        const from = path.relative(root, full).split(path.sep).join('/');
        for (const specifier of importSpecifiers(fs.readFileSync(full, 'utf8'))) {
          edges.push({ from, to: path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier)) });
        }
      }
    }
  };
  for (const folder of folders) walk(path.join(root, folder));
  return edges;
}

/** The forbidden edges among `edges`, each with its reason. */
export function violations(edges: ImportEdge[]): string[] {
  return edges.flatMap(({ from, to }) => {
    const why = forbidden(from, to);
    return why ? [`${from} → ${to}: ${why}`] : [];
  });
}

