import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { looksLikeHexBytes } from '../../webview/find/findFormat';

describe('find in the hex view: what reads as hex bytes', () => {
  it('takes space-separated pairs of hex digits, ?? wildcards and a 0x run of whole bytes as bytes', () => {
    for (const query of ['DE AD', 'de ad be ef', '7F 45 4C 46', 'DE ?? EF', '  00 01  ', '0xDEADBEEF', '0xde']) assert.equal(looksLikeHexBytes(query), true, query);
  });
  it('leaves words, single pairs, odd digits and wildcards alone as text', () => {
    for (const query of ['dead', 'DEAD BEEF', 'cafe', 'DE', 'be', 'DE A', 'DE AD x', '?? ??', '0xABC', '0x', '', 'ab cd ef gh']) assert.equal(looksLikeHexBytes(query), false, query);
  });
});
