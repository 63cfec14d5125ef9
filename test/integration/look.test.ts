// How the viewer looks in a real VS Code: contrast in four themes, the current line, narrow editors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { patternBytes, tempDir } from '../helpers/files';
import { inWebviews, press, screenshot, setViewport, waitFor, marker } from './probe';
import { Marker } from '../../webview/core/testMarkers';

const { dir, cleanup } = tempDir('hugeview-look-it-');
const bytesFile = path.join(dir, 'all-bytes.bin');
const textFile = path.join(dir, 'notes.log');
const SHOTS = process.env.HUGEVIEW_LOOK_SHOTS;
let api: HugeViewApi; // a folder: also save screenshots there (for people to look at)

const THEMES = [
  { id: 'Default Dark Modern', kind: 'vscode-dark', background: 'rgb(31, 31, 31)' },
  { id: 'Default Light Modern', kind: 'vscode-light', background: 'rgb(255, 255, 255)' },
  { id: 'Default High Contrast', kind: 'vscode-high-contrast', background: 'rgb(0, 0, 0)' },
  { id: 'Default High Contrast Light', kind: 'vscode-high-contrast-light', background: 'rgb(255, 255, 255)' },
] as const;

async function setTheme(theme: (typeof THEMES)[number]): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme.id, vscode.ConfigurationTarget.Global);
  await waitFor(`the webview in ${theme.id}`, async () => {
    const [seen] = await inWebviews((kind) => document.body.classList.contains(kind) && getComputedStyle(document.body).backgroundColor, theme.kind);
    return seen === theme.background;
  });
}

async function open(file: string, mode: 'hex' | 'text'): Promise<void> {
  const shown = () => inWebviews((m) => ({ ready: document.body.dataset[m.ready], mode: document.body.dataset[m.mode] }), Marker).then((all) => all[0]);
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
  const first = await waitFor(`${path.basename(file)} painted`, async () => ((await shown())?.ready === '1' ? shown() : undefined));
  if (first.mode !== mode) await vscode.commands.executeCommand('hugeview.toggleMode');
  await waitFor(`${path.basename(file)} in ${mode}`, async () => (await shown())?.mode === mode);
}

async function shot(name: string): Promise<void> {
  if (SHOTS) await screenshot(path.join(SHOTS, `ux-look-${name}.png`));
}

/**
 * Every text colour on screen in the viewer against the background it is
 * drawn on (WCAG 2 contrast ratio), one entry per distinct pair. Runs in the
 * webview: backgrounds are composited from the page down to the element,
 * a find match's colour layer (--hv-match) included, then the text colour
 * (and any opacity) over that.
 */
function contrastPairs() {
  type RGBA = [number, number, number, number];
  const scratch = document.createElement('i');
  document.body.appendChild(scratch);
  const parse = (value: string): RGBA => {
    scratch.style.color = '';
    scratch.style.color = value;
    const m = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:[,/] ?([\d.]+))?\)/.exec(getComputedStyle(scratch).color);
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : [0, 0, 0, 0];
  };
  const over = (top: RGBA, under: RGBA): RGBA => {
    const a = top[3];
    return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1];
  };
  const luminance = ([r, g, b]: RGBA) => {
    const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const hex = (c: RGBA) => '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
  const pairs = new Map<string, { fg: string; bg: string; ratio: number; where: string; text: string }>();
  const candidates = document.querySelectorAll<HTMLElement>('.viewer *, #inspector *');
  for (const el of candidates) {
    const text = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('');
    if (!text.trim() || el.closest('.probe, [hidden]') || el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const chain: HTMLElement[] = [];
    for (let at: HTMLElement | null = el; at; at = at.parentElement) chain.unshift(at);
    let background: RGBA = [255, 255, 255, 1];
    let opacity = 1;
    for (const at of chain) {
      const s = getComputedStyle(at);
      background = over(parse(s.backgroundColor), background);
      if (at.classList.contains('match') && s.backgroundImage !== 'none') background = over(parse(s.getPropertyValue('--hv-match').trim() || 'transparent'), background);
      opacity *= Number(s.opacity);
    }
    const color = parse(style.color);
    const fg = over([color[0], color[1], color[2], color[3] * opacity], background);
    const [l1, l2] = [luminance(fg), luminance(background)].sort((a, b) => b - a);
    const ratio = Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100;
    const key = hex(fg) + hex(background);
    if (!pairs.has(key)) pairs.set(key, { fg: hex(fg), bg: hex(background), ratio, where: el.className || el.tagName, text: text.slice(0, 8) });
  }
  scratch.remove();
  return [...pairs.values()];
}

/**
 * Every hex row on screen: are all its byte cells and its decoded column
 * inside the rows area and the window (bounding rects)? Runs in the webview.
 */
function hexRowsFit(m: typeof Marker) {
  const area = document.querySelector('.rows')!.getBoundingClientRect();
  const left = Math.max(area.left, 0);
  const right = Math.min(area.right, window.innerWidth);
  const clipped: string[] = [];
  const rows = [...document.querySelectorAll<HTMLElement>('.hex-view .row[data-offset]:not([hidden])')].filter((row) => row.getBoundingClientRect().bottom <= area.bottom);
  for (const row of rows) {
    for (const cell of row.querySelectorAll<HTMLElement>('.hex .b, .ascii .b')) {
      const box = cell.getBoundingClientRect();
      if (box.left < left - 0.5 || box.right > right + 0.5 || box.width === 0) clipped.push(`row ${row.dataset.offset} ${cell.parentElement!.className} "${cell.textContent}" ${box.left.toFixed(1)}–${box.right.toFixed(1)} outside ${left.toFixed(1)}–${right.toFixed(1)}`);
    }
  }
  const header = [...document.querySelectorAll<HTMLElement>('.hex-header .hex .b')].map((b) => b.textContent);
  return { width: window.innerWidth, bytesPerRow: Number(document.querySelector<HTMLElement>('.rows .hex-view')!.dataset.bytesPerRow), rows: rows.length, clipped: clipped.slice(0, 4), clippedCount: clipped.length, header, top: Number(document.body.dataset[m.top]), ready: document.body.dataset[m.ready] };
}

/** The find widget's box against the window. */
function findWidgetBox() {
  const widget = document.querySelector<HTMLElement>('.find-widget');
  if (!widget || widget.hidden) return undefined;
  const box = widget.getBoundingClientRect();
  return { left: box.left, right: box.right, width: window.innerWidth, inside: box.left >= 0 && box.right <= window.innerWidth + 0.5 };
}

suite('HugeView look: themes and narrow editors', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    // every byte value, then runs of each class, so every colour shows
    const all = Buffer.alloc(4096);
    for (let i = 0; i < all.length; i++) all[i] = i % 256;
    fs.writeFileSync(bytesFile, Buffer.concat([all, patternBytes(4096, 9)]));
    fs.writeFileSync(textFile, Array.from({ length: 400 }, (_, i) => `line ${i}: the quick brown fox\tjumps ${'é'.repeat(i % 3)}`).join('\n') + '\n');
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
    // as in the demo: the empty secondary side bar closed, the explorer open (widths below are the editor's)
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('hugeview.toggleInspector', false);
    await vscode.workspace.getConfiguration('hugeview').update('colorizeBytes', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('hugeview').update('bytesPerRow', undefined, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await setViewport(1280, 800);
    cleanup();
  });

  test('every text colour (byte colours, a find match and the selection over them, offsets, text, gutter) has ≥ 4.5:1 contrast in four themes', async () => {
    await vscode.workspace.getConfiguration('hugeview').update('colorizeBytes', true, vscode.ConfigurationTarget.Global);
    const failures: string[] = [];
    for (const theme of THEMES) {
      await open(bytesFile, 'hex');
      await setTheme(theme);
      await waitFor('bytes coloured', async () => (await inWebviews(() => document.querySelectorAll('.hv-colorize .hex-view .b.bh').length))[0]);
      // a find match over high bytes (the current match is also the selection), and other matches around
      await vscode.commands.executeCommand('hugeview.find', { pattern: 'F0 F1 F2 F3', mode: 'hex' });
      await waitFor('matches painted', async () => (await inWebviews(() => document.querySelectorAll('.hex-view .match.selected').length))[0] >= 8);
      const unfocused = (await inWebviews(contrastPairs))[0];
      if (SHOTS) {
        // for people to look at: each theme at 1600 and 1024 px (the checks below run at the harness's 1280 px)
        for (const [width, height] of [[1600, 900], [1024, 700]]) {
          await setViewport(width, height);
          await waitFor(`the view at ${width} px`, async () => (await inWebviews(() => window.innerWidth))[0] < width - 300);
          await inWebviews(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(1))))); // the resize painted
          await shot(`${theme.kind}-${width}`);
        }
        await setViewport(1280, 800);
      }
      // focused: the cursor is a block, the selection the active one
      await press('Shift+ArrowRight');
      await waitFor('the viewer focused', async () => (await inWebviews(() => document.hasFocus() && !!document.querySelector('.viewer:focus-within')))[0]);
      const hexPairs = [...unfocused, ...(await inWebviews(contrastPairs))[0]];
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await open(textFile, 'text');
      await waitFor('line numbers', async () => (await inWebviews(() => document.querySelectorAll('.text-view .gutter:not(.offset)').length))[0] > 5);
      const textPairs = (await inWebviews(contrastPairs))[0];
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      console.log(`    ${theme.id}: ${hexPairs.length + textPairs.length} colour pairs, lowest ${Math.min(...[...hexPairs, ...textPairs].map((p) => p.ratio))}:1`);
      for (const p of [...hexPairs, ...textPairs]) if (p.ratio < 4.5) failures.push(`${theme.id}: ${p.where} "${p.text}" ${p.fg} on ${p.bg} = ${p.ratio}:1`);
    }
    assert.deepEqual(failures, []);
  });

  test('at a 1024 px window every hex byte and the decoded column of a row are fully visible (bytesPerRow "auto"); the find widget stays on screen', async () => {
    await setViewport(1024, 700);
    await open(bytesFile, 'hex');
    const fit = await waitFor('rows laid out', async () => {
      const [view] = await inWebviews(hexRowsFit, Marker);
      return view?.rows > 5 ? view : undefined;
    });
    await shot('narrow-1024');
    assert.deepEqual(fit.clipped, [], `${fit.clippedCount} cells clipped at ${fit.width} px (${fit.bytesPerRow} bytes per row)`);
    assert.ok(fit.bytesPerRow >= 8, `${fit.bytesPerRow} bytes per row at ${fit.width} px`);
    assert.deepEqual(fit.header, Array.from({ length: fit.bytesPerRow }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0')), 'the column header matches the row');
    await vscode.commands.executeCommand('hugeview.find', { pattern: 'F0 F1', mode: 'hex' });
    const box = await waitFor('the find widget', async () => (await inWebviews(findWidgetBox))[0]);
    assert.ok(box.inside, `the find widget ${box.left}–${box.right} is outside the ${box.width} px window`);
  });

  test('beside the data inspector and in a split editor every hex byte stays visible; both find widgets stay on screen', async () => {
    await setViewport(1024, 700);
    await open(bytesFile, 'hex');
    await vscode.commands.executeCommand('hugeview.toggleInspector', true);
    const beside = await waitFor('rows beside the inspector', async () => {
      const [view] = await inWebviews(hexRowsFit, Marker);
      return view?.rows > 5 && view.clippedCount === 0 ? view : undefined;
    }).catch(async () => (await inWebviews(hexRowsFit, Marker))[0]);
    await shot('narrow-1024-inspector');
    assert.deepEqual(beside.clipped, [], `${beside.clippedCount} cells clipped beside the inspector (${beside.bytesPerRow} bytes per row)`);
    await vscode.commands.executeCommand('hugeview.toggleInspector', false);
    await setViewport(1280, 800);
    await vscode.commands.executeCommand('workbench.action.splitEditorRight');
    const views = await waitFor('two editors painted', async () => {
      const all = await inWebviews(hexRowsFit, Marker);
      return all.length === 2 && all.every((v) => v.ready === '1' && v.rows > 5) ? all : undefined;
    });
    await vscode.commands.executeCommand('hugeview.find', { pattern: 'F0 F1', mode: 'hex' });
    await shot('split-1280');
    for (const view of views) assert.deepEqual(view.clipped, [], `${view.clippedCount} cells clipped in a ${view.width} px split (${view.bytesPerRow} bytes per row)`);
    const box = await waitFor('the find widget', async () => (await inWebviews(findWidgetBox))[0]);
    assert.ok(box.inside, `the find widget ${box.left}–${box.right} is outside the ${box.width} px editor`);
  });

  test('a fixed bytesPerRow wider than the editor scrolls sideways to the decoded column; "auto" keeps the top byte in the top row on resize', async () => {
    await setViewport(1600, 900);
    await open(bytesFile, 'hex');
    await vscode.commands.executeCommand('hugeview.goToOffset', '0x1234');
    const wide = await waitFor('the jump', async () => {
      const [view] = await inWebviews(hexRowsFit, Marker);
      return view?.top > 0 ? view : undefined;
    });
    await shot('wide-1600');
    await setViewport(1024, 700);
    const narrow = await waitFor('fewer bytes per row', async () => {
      const [view] = await inWebviews(hexRowsFit, Marker);
      return view && view.bytesPerRow < wide.bytesPerRow ? view : undefined;
    });
    assert.ok(narrow.top <= wide.top && wide.top < narrow.top + narrow.bytesPerRow, `top byte ${wide.top} is in the top row ${narrow.top} (+${narrow.bytesPerRow})`);
    await vscode.workspace.getConfiguration('hugeview').update('bytesPerRow', 32, vscode.ConfigurationTarget.Global);
    await waitFor('32 bytes per row', async () => (await inWebviews(hexRowsFit, Marker))[0]?.bytesPerRow === 32);
    const scrolled = await waitFor('scrolled to the decoded column', async () => {
      const [result] = await inWebviews(() => {
        const area = document.querySelector<HTMLElement>('.rows')!;
        area.scrollLeft = area.scrollWidth;
        const last = document.querySelector<HTMLElement>('.hex-view .row[data-offset] .ascii .b:last-child')!.getBoundingClientRect();
        const header = document.querySelector<HTMLElement>('.hex-header')!;
        return { overflow: area.scrollWidth - area.clientWidth, lastRight: last.right, areaRight: area.getBoundingClientRect().right, headerScroll: header.scrollLeft, scrollLeft: area.scrollLeft };
      });
      return result.scrollLeft > 0 && result.headerScroll === result.scrollLeft ? result : undefined;
    });
    assert.ok(scrolled.overflow > 0, 'the rows are wider than the editor');
    assert.ok(scrolled.lastRight <= scrolled.areaRight + 0.5, `the last decoded byte (right ${scrolled.lastRight}) is reachable (${scrolled.areaRight})`);
    await shot('fixed-32-scrolled-1024');
  });

  test('the inspector reads a selection from its first byte and at the last byte says in one line which types run past the end; a bookmark shows its name and a scrollbar mark', async () => {
    await setViewport(1600, 900);
    await open(bytesFile, 'hex');
    await vscode.commands.executeCommand('hugeview.toggleInspector', true);
    await vscode.commands.executeCommand('hugeview.goToOffset', '0x20');
    await waitFor('the cursor at 0x20', async () => Number(await marker(Marker.cursor)) === 0x20);
    for (let i = 0; i < 4; i++) await press('Shift+ArrowRight');
    await waitFor('4 bytes selected', async () => Number(await marker(Marker.cursor)) === 0x24);
    const inspected = await waitFor('the inspector', async () => (await inWebviews(() => document.querySelector('#inspector-offset')?.textContent))[0]);
    assert.match(inspected, /0x0+20 \(32\)/, 'the selection [0x20, 0x24) is inspected from 0x20');

    await press('Control+End');
    const end = await waitFor('the inspector at the end', async () => {
      const [shown] = await inWebviews(() => ({
        offset: document.querySelector('#inspector-offset')?.textContent ?? '',
        visibleUnavailable: [...document.querySelectorAll<HTMLElement>('#inspector tr[data-field]')].filter((r) => !r.hidden && r.textContent!.includes('unavailable')).length,
        note: document.querySelector<HTMLElement>('#inspector-unavailable:not([hidden])')?.textContent ?? '',
      }));
      return shown.offset.includes('1FFF') ? shown : undefined;
    });
    assert.equal(end.visibleUnavailable, 0, 'no row of "unavailable"');
    assert.match(end.note, /^Past the end of the file: .*uint16.*GUID\.$/);
    await vscode.commands.executeCommand('hugeview.toggleInspector', false);

    await vscode.commands.executeCommand('hugeview.goToOffset', '0x40');
    // the host places the bookmark at the cursor it was told about: wait for the host, not only the webview
    await waitFor('the host knows the cursor at 0x40', () => api.activeCursor()?.offset === 0x40);
    assert.deepEqual(await vscode.commands.executeCommand('hugeview.toggleBookmark', 'record table'), { offset: 0x40, added: true });
    const mark = await waitFor('the bookmark drawn', async () => {
      const [seen] = await inWebviews(() => {
        const row = document.querySelector<HTMLElement>('.hex-view .row.bookmarked');
        const name = row?.querySelector<HTMLElement>('.mark-name');
        const overview = document.querySelector<HTMLElement>('.tag-overview .mark');
        if (!row || !name || !overview) return undefined;
        const box = name.getBoundingClientRect();
        const bar = getComputedStyle(row, '::before');
        return { name: name.textContent, nameVisible: box.width > 0 && box.right <= window.innerWidth, barWidth: parseFloat(bar.width), overviewTop: overview.style.top, overviewHeight: overview.getBoundingClientRect().height };
      });
      return seen;
    });
    await shot('bookmark-1600');
    assert.equal(mark.name, 'record table');
    assert.ok(mark.nameVisible, 'the bookmark name is on screen');
    assert.ok(mark.barWidth >= 4, `the bar is ${mark.barWidth} px wide`);
    assert.ok(mark.overviewHeight >= 2, 'a mark on the scrollbar');
    await vscode.commands.executeCommand('hugeview.toggleBookmark');
  });

  test('the current line is marked in Dark Modern and Light Modern (background where the theme has one, border otherwise)', async () => {
    for (const theme of THEMES.slice(0, 2)) {
      await open(bytesFile, 'hex');
      await setTheme(theme);
      const [look] = await inWebviews(() => {
        const row = document.querySelector<HTMLElement>('.hex-view .row.current')!;
        const style = getComputedStyle(row);
        return { background: style.backgroundColor, shadow: style.boxShadow, outline: `${style.outlineStyle} ${style.outlineColor}`, page: getComputedStyle(document.body).backgroundColor };
      });
      const hasBackground = look.background !== 'rgba(0, 0, 0, 0)' && look.background !== look.page;
      const hasBorder = look.shadow !== 'none' && !look.shadow.startsWith('rgba(0, 0, 0, 0)');
      assert.ok(hasBackground || hasBorder, `${theme.id}: the current row is not marked: ${JSON.stringify(look)}`);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
