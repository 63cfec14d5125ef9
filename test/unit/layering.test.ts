import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { extensionRoot } from '../../src/bytes/nativeAddon';
import { forbidden, importEdges, importSpecifiers, violations } from '../helpers/layering';

describe('import layering (issue 12)', () => {
  it('every import in src/, shared/ and webview/ keeps the rules', () => {
    const edges = importEdges(extensionRoot(__dirname), ['src', 'shared', 'webview']);
    // The scan really read the files: a known edge of each kind is in it.
    for (const [from, to] of [
      ['src/search/SearchSession.ts', 'shared/protocol/search'],
      ['src/editor/ViewerPanel.ts', 'src/core/PanelChannel'],
      ['src/extension.ts', 'src/search/register'],
      ['shared/protocol/editor.ts', 'shared/rpc'],
      ['webview/main.ts', 'webview/find/findFeature'],
      ['src/filter/compileFilters.ts', 'src/search/compileQuery'],
      ['webview/main.ts', 'webview/filter/wireFilter'],
      ['webview/find/findFeature.ts', 'webview/core/Viewer'],
      ['src/levels/LevelSession.ts', 'shared/protocol/levels'],
      ['src/extension.ts', 'src/levels/register'],
      ['src/extension.ts', 'src/time/register'],
      ['webview/main.ts', 'webview/levels/wireLevels'],
      ['webview/levels/wireLevels.ts', 'webview/core/Viewer'],
      ['src/tags/register.ts', 'shared/protocol/tags'],
      ['webview/tags/wireTags.ts', 'shared/protocol/tags'],
      ['src/extension.ts', 'src/compare/register'],
      ['webview/compare/main.ts', 'webview/core/Viewer'],
      ['src/extension.ts', 'src/filemap/register'],
      ['src/extension.ts', 'src/strings/register'],
      ['webview/main.ts', 'webview/filemap/wireFileMap'],
      ['webview/main.ts', 'webview/strings/wireStrings'],
      ['webview/filemap/wireFileMap.ts', 'shared/protocol/filemap'],
      ['src/strings/StringsSession.ts', 'shared/protocol/strings'],
    ]) {
      assert.ok(edges.some((e) => e.from === from && e.to === to), `the scan found ${from} → ${to}`);
    }
    assert.deepEqual(violations(edges), []);
  });

  it('a feature importing editor/ or another feature is a violation', () => {
    assert.match(forbidden('src/search/SearchSession.ts', 'src/editor/ViewerPanel')!, /feature search imports editor/);
    assert.match(forbidden('src/inspect/register.ts', 'src/text/TextSession')!, /feature inspect imports feature text/);
    assert.match(forbidden('src/time/goToTime.ts', 'src/follow/FollowSession')!, /feature time imports feature follow/);
    assert.match(forbidden('src/bench/register.ts', 'shared/protocol/search')!, /feature bench imports the search feature's protocol/);
    assert.match(forbidden('src/levels/LevelSession.ts', 'src/search/scanners')!, /feature levels imports feature search/);
    assert.match(forbidden('src/time/goToTime.ts', 'src/text/goToLine')!, /feature time imports feature text/);
    assert.match(forbidden('src/time/register.ts', 'shared/protocol/levels')!, /feature time imports the levels feature's protocol/);
    assert.match(forbidden('src/strings/StringsSession.ts', 'src/filemap/FileMapSession')!, /feature strings imports feature filemap/);
    assert.match(forbidden('src/filemap/FileMapSession.ts', 'shared/protocol/strings')!, /feature filemap imports the strings feature's protocol/);
    // the filtered view scans with search's engines, but never reaches into its session or wiring, nor search into filter
    assert.match(forbidden('src/filter/FilterSession.ts', 'src/search/SearchSession')!, /feature filter imports feature search/);
    assert.match(forbidden('src/filter/register.ts', 'src/search/register')!, /feature filter imports feature search/);
    assert.match(forbidden('src/search/scanners.ts', 'src/filter/FilterScan')!, /feature search imports feature filter/);
    assert.match(forbidden('webview/filter/wireFilter.ts', 'webview/find/FindWidget')!, /plug-in filter imports plug-in search/);
    assert.match(forbidden('src/filter/FilterSession.ts', 'shared/protocol/inspect')!, /feature filter imports the inspect feature's protocol/);
  });

  it('editor/ and core/ importing a feature, and host ↔ webview imports, are violations', () => {
    assert.match(forbidden('src/editor/ViewerPanel.ts', 'src/search/SearchSession')!, /editor\/ imports feature search/);
    assert.match(forbidden('src/editor/ViewerPanel.ts', 'shared/protocol/follow')!, /editor\/ imports the follow feature's protocol/);
    assert.match(forbidden('src/core/Editors.ts', 'src/editor/ViewerPanel')!, /core\/ imports editor/);
    assert.match(forbidden('src/core/HugeViewDocument.ts', 'src/text/TextSession')!, /core\/ imports feature text/);
    assert.match(forbidden('src/text/TextSession.ts', 'webview/main')!, /never imports the webview/);
    assert.match(forbidden('webview/main.ts', 'src/log')!, /never imports the extension host/);
    assert.match(forbidden('shared/types.ts', 'src/log')!, /shared\/ imports only shared/);
    assert.match(forbidden('shared/protocol/search.ts', 'shared/protocol/inspect')!, /another feature's protocol/);
  });

  it('in the webview, core importing a plug-in, a plug-in importing another, a view or another protocol are violations', () => {
    assert.match(forbidden('webview/core/Viewer.ts', 'webview/inspect/byteMarks')!, /webview core\/ imports plug-in inspect/);
    assert.match(forbidden('webview/hex/HexView.ts', 'webview/find/FindHighlights')!, /webview hex\/ imports plug-in search/);
    assert.match(forbidden('webview/find/findFeature.ts', 'webview/inspect/wireInspect')!, /plug-in search imports plug-in inspect/);
    assert.match(forbidden('webview/inspect/wireInspect.ts', 'webview/hex/HexView')!, /through core/);
    assert.match(forbidden('webview/inspect/wireInspect.ts', 'webview/main')!, /composition root/);
    assert.match(forbidden('webview/find/FindController.ts', 'shared/protocol/inspect')!, /plug-in search imports the inspect feature's protocol/);
    assert.match(forbidden('webview/core/Viewer.ts', 'shared/protocol/search')!, /core\/ imports the search feature's protocol/);
    assert.match(forbidden('webview/levels/LevelHighlights.ts', 'webview/text/utf8')!, /plug-in levels imports the viewer's text\/ view/);
    assert.match(forbidden('webview/levels/wireLevels.ts', 'webview/find/FindHighlights')!, /plug-in levels imports plug-in search/);
    assert.match(forbidden('webview/core/decorations.ts', 'webview/levels/LevelHighlights')!, /webview core\/ imports plug-in levels/);
    assert.match(forbidden('webview/compare/main.ts', 'webview/hex/HexView')!, /through core/);
    assert.match(forbidden('webview/compare/RangeList.ts', 'webview/find/matchWindow')!, /plug-in compare imports plug-in search/);
    assert.match(forbidden('webview/core/Viewer.ts', 'shared/protocol/compare')!, /core\/ imports the compare feature's protocol/);
    assert.match(forbidden('src/compare/ComparePanel.ts', 'src/editor/settings')!, /feature compare imports editor/);
    assert.match(forbidden('src/search/SearchSession.ts', 'shared/protocol/compare')!, /feature search imports the compare feature's protocol/);
    assert.match(forbidden('webview/strings/StringsPane.ts', 'webview/filemap/FileMapStrip')!, /plug-in strings imports plug-in filemap/);
    assert.match(forbidden('webview/filemap/wireFileMap.ts', 'shared/protocol/strings')!, /plug-in filemap imports the strings feature's protocol/);
    assert.match(forbidden('webview/core/Viewer.ts', 'webview/filemap/FileMapStrip')!, /webview core\/ imports plug-in filemap/);
  });

  it('tags keep to their own folders: bookmarks live there, not in inspect', () => {
    assert.match(forbidden('src/tags/register.ts', 'src/inspect/InspectSession')!, /feature tags imports feature inspect/);
    assert.match(forbidden('src/inspect/register.ts', 'src/tags/TagStore')!, /feature inspect imports feature tags/);
    assert.match(forbidden('webview/tags/wireTags.ts', 'webview/inspect/byteMarks')!, /plug-in tags imports plug-in inspect/);
    assert.match(forbidden('webview/inspect/wireInspect.ts', 'shared/protocol/tags')!, /plug-in inspect imports the tags feature's protocol/);
    assert.match(forbidden('webview/tags/TagHighlights.ts', 'webview/hex/HexView')!, /through core/);
    assert.match(forbidden('shared/protocol/tags.ts', 'shared/protocol/inspect')!, /another feature's protocol/);
    assert.equal(forbidden('webview/tags/TagHighlights.ts', 'webview/core/decorations'), undefined);
  });

  it('what the rules allow passes', () => {
    for (const [from, to] of [
      ['src/search/SearchSession.ts', 'src/core/Editor'],
      ['src/search/scanners.ts', 'src/bytes/nativeAddon'],
      ['src/search/SearchSession.ts', 'shared/protocol/search'],
      ['src/follow/register.ts', 'src/log'],
      ['src/bench/register.ts', 'shared/protocol/editor'],
      ['src/editor/ViewerPanel.ts', 'src/core/HugeViewDocument'],
      ['src/extension.ts', 'src/search/register'],
      ['shared/protocol/bench.ts', 'shared/protocol/editor'],
      ['webview/main.ts', 'shared/rpc'],
      ['webview/main.ts', 'webview/inspect/wireInspect'],
      ['webview/core/Screen.ts', 'webview/hex/HexView'],
      ['webview/find/FindController.ts', 'webview/core/Viewer'],
      ['webview/find/FindController.ts', 'shared/protocol/search'],
      ['webview/report/main.ts', 'shared/protocol/bench'],
      ['webview/inspect/wireInspect.ts', 'shared/protocol/editor'],
      ['src/levels/LevelSession.ts', 'src/core/Editor'],
      ['src/time/TimeSession.ts', 'src/core/Editor'],
      ['src/levels/levelCountJs.ts', 'src/bytes/nativeAddon'],
      ['webview/levels/LevelHighlights.ts', 'webview/core/decorations'],
      ['webview/levels/wireLevels.ts', 'shared/protocol/levels'],
      // compare (issue 15): its own panel entry builds on the viewer's core, reads pages through its own protocol
      ['src/compare/ComparePanel.ts', 'shared/protocol/compare'],
      ['src/compare/openPair.ts', 'src/bytes/openByteSource'],
      ['webview/compare/main.ts', 'webview/core/Viewer'],
      ['webview/compare/DiffHighlights.ts', 'webview/core/decorations'],
      ['webview/compare/main.ts', 'shared/protocol/compare'],
      ['src/filemap/fileMapJob.ts', 'src/core/workerJob'],
      ['src/strings/stringsJob.ts', 'src/bytes/nativeAddon'],
      ['webview/strings/StringsPane.ts', 'shared/protocol/strings'],
      ['webview/filemap/FileMapStrip.ts', 'webview/core/dom'],
      ['src/filter/compileFilters.ts', 'src/search/compileQuery'],
      ['src/filter/compileFilters.ts', 'src/search/scanners'],
      ['src/filter/compileFilters.ts', 'shared/protocol/search'],
      ['src/filter/FilterSession.ts', 'shared/protocol/filter'],
      ['webview/filter/wireFilter.ts', 'shared/protocol/filter'],
      ['src/extension.ts', 'src/filter/register'],
    ]) {
      assert.equal(forbidden(from, to), undefined, `${from} → ${to}`);
    }
  });

  it('finds import, export-from, dynamic import and require specifiers, relative ones only', () => {
    const source = `import type { A } from '../a';\nimport {\n  B,\n} from "./b";\nexport { C } from '../c';\nimport 'vscode';\nconst d = await import('../d');\nrequire('./e');\nimport * as fs from 'node:fs';`;
    assert.deepEqual(importSpecifiers(source).sort(), ['../a', '../c', '../d', './b', './e']);
  });

  it('reports a forbidden edge among allowed ones with its reason', () => {
    assert.deepEqual(violations([
      { from: 'src/text/goToLine.ts', to: 'src/core/Editor' },
      { from: 'src/text/goToLine.ts', to: 'src/editor/ViewerPanel' },
    ]), ['src/text/goToLine.ts → src/editor/ViewerPanel: feature text imports editor/']);
  });
});
