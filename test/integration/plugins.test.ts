// The viewer's plug-ins in a real VS Code: find and the data inspector both
// listen to the viewer's paint event (a listener list, not one slot), and the
// inspector reads the viewer's one page cache instead of asking the host for
// pages the viewer already holds.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Marker } from '../../webview/core/testMarkers';
import { patternBytes, tempDir } from '../helpers/files';
import { inWebviews, marker, press, waitFor } from './probe';

const PAGE = 64 * 1024;
const NEEDLE = 'NEEDLE-IN-HEX';
const FAR = 8 * PAGE + 0x40;
const { dir, cleanup } = tempDir('hugeview-plugins-it-');
const file = path.join(dir, 'plugins.bin');

/** What the focused webview shows of both plug-ins, and how many ReadPage requests it has sent. */
function plugins() {
  return inWebviews((m) => ({
    inspectorOffset: Number(document.body.dataset[m.inspectorOffset]),
    inspectorPending: document.body.dataset[m.inspectorPending],
    cursor: Number(document.body.dataset[m.cursor]),
    current: document.querySelectorAll('.hex-view .match.current').length,
    readPages: Number(document.body.dataset[m.readPages]),
  }), Marker).then((all) => all[0]);
}

async function inspectorAt(offset: number) {
  return waitFor(`the inspector at 0x${offset.toString(16)}`, async () => {
    const shown = await plugins();
    return shown?.inspectorOffset === offset && shown.inspectorPending === '0' ? shown : undefined;
  });
}

suite('HugeView viewer plug-ins', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    const data = patternBytes(16 * PAGE, 5);
    data.write(NEEDLE, 0x40, 'latin1');
    data.write(NEEDLE, FAR, 'latin1');
    fs.writeFileSync(file, data);
    await vscode.extensions.getExtension('hugeview.hugeview')!.activate();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('hugeview.toggleInspector', false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  suiteTeardown(cleanup);

  test('find highlights and the data inspector both follow the same paint', async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
    await waitFor('the viewer painted', async () => (await marker(Marker.ready)) === '1');
    await vscode.commands.executeCommand('hugeview.toggleInspector', true);
    await vscode.commands.executeCommand('hugeview.find', { pattern: NEEDLE, mode: 'text', caseSensitive: true });
    await waitFor('the first match current and inspected', async () => {
      const shown = await plugins();
      return shown && shown.current > 0 && shown.inspectorOffset === 0x40 && shown.inspectorPending === '0';
    });
    await press('F3'); // a jump of eight pages: one paint, both listeners
    const far = await waitFor('the far match current and inspected', async () => {
      const shown = await plugins();
      return shown && shown.cursor >= FAR && shown.current > 0 && shown.inspectorOffset === FAR && shown.inspectorPending === '0' ? shown : undefined;
    });
    assert.ok(far.current >= NEEDLE.length, `the far match is highlighted (${far.current} cells)`);
  });

  test('the data inspector reads the pages the viewer holds: no ReadPage of its own', async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
    await waitFor('the viewer painted', async () => (await marker(Marker.ready)) === '1');
    const opened = await waitFor('the viewer\'s first pages asked', async () => (await plugins())?.readPages);
    await vscode.commands.executeCommand('hugeview.toggleInspector', true);
    const shown = await inspectorAt(0);
    for (let i = 1; i <= 3; i++) {
      await press('ArrowRight');
      await inspectorAt(i);
    }
    await press('ArrowDown');
    const moved = await waitFor('the inspector a row down', async () => {
      const now = await plugins();
      return now && now.inspectorOffset > 3 && now.inspectorPending === '0' ? now : undefined;
    });
    await vscode.commands.executeCommand('hugeview.goToOffset', FAR);
    const jumped = await inspectorAt(FAR);
    console.log(`      ReadPage requests: ${opened} on open, ${shown.readPages} with the inspector open, ${moved.readPages} after four moves, ${jumped.readPages} after a jump of eight pages`);
    assert.equal(shown.readPages, opened, 'opening the inspector on bytes on screen asks for no page');
    assert.equal(moved.readPages, opened, 'moving the cursor on screen asks for no page');
    // The jump: only the viewer's own pages around the new view (at most one either side of the screen).
    assert.ok(jumped.readPages - moved.readPages <= 4, `the jump asked for ${jumped.readPages - moved.readPages} pages`);
  });
});
