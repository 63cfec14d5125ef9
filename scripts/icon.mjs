#!/usr/bin/env node
// npm run icon: draws images/icon.png (128×128 RGBA) — rows of byte cells on a
// dark tile, one row highlighted as a found match — and writes the PNG bytes
// with zlib, so the icon is reproducible without an image editor.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const size = 128;
const pixels = Buffer.alloc(size * size * 4);

function fill(x0, y0, w, h, [r, g, b], radius = 0) {
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) {
      const dx = Math.max(x0 + radius - x - 0.5, 0, x + 0.5 - (x0 + w - radius));
      const dy = Math.max(y0 + radius - y - 0.5, 0, y + 0.5 - (y0 + h - radius));
      const coverage = Math.min(1, Math.max(0, radius + 0.5 - Math.hypot(dx, dy)));
      if (radius && coverage <= 0) continue;
      const i = (y * size + x) * 4;
      const a = radius ? coverage : 1;
      pixels[i] = Math.round(r * a + pixels[i] * (1 - a));
      pixels[i + 1] = Math.round(g * a + pixels[i + 1] * (1 - a));
      pixels[i + 2] = Math.round(b * a + pixels[i + 2] * (1 - a));
      pixels[i + 3] = Math.max(pixels[i + 3], Math.round(255 * a));
    }
  }
}

fill(4, 4, 120, 120, [0x1e, 0x1e, 0x2e], 22);            // the tile
const cells = [[0x89, 0xb4, 0xfa], [0x74, 0xc7, 0xec], [0xa6, 0xe3, 0xa1]];
for (let row = 0; row < 6; row++) {
  const y = 20 + row * 15;
  fill(18, y, 10, 9, [0x58, 0x5b, 0x70], 2);              // offset gutter
  for (let col = 0; col < 6; col++) {
    const match = row === 3 && col >= 2 && col <= 4;
    const colour = match ? [0xf9, 0xe2, 0xaf] : cells[(row * 7 + col * 3) % cells.length];
    fill(34 + col * 13, y, 10, 9, colour, 2);
  }
}
fill(18, 110, 92, 4, [0x89, 0xb4, 0xfa], 2);              // the scrollbar of a huge file

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])) >>> 0, 8 + data.length);
  return out;
}
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
]);
const file = path.join(root, 'images', 'icon.png');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, png);
console.log(`icon: ${path.relative(root, file)} ${png.length} bytes`);
