/**
 * The webview script's first line: main.ts imports this module first, so its
 * body runs before any other module's (the bundle's modules run in import
 * order). The viewer benchmark measures "our script → first rows" from here.
 */
export const scriptStart = performance.timeOrigin + performance.now();
performance.mark('hugeview:script');
