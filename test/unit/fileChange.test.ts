// Telling an append from a rewrite or a replacement, on real files.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyChange, markFile, statPath, type FileMark } from '../../src/core/fileChange';
import { tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir('hugeview-change-');
after(cleanup);

/** Reads the file at `file` as it is now, like the open byte source would (same inode). */
function reader(fd: number) {
  return (offset: number, length: number) => {
    const out = Buffer.alloc(length);
    const n = fs.readSync(fd, out, 0, length, offset);
    return out.subarray(0, n);
  };
}

function setup(name: string, content: string | Buffer) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(file, past, past); // a rewrite now has another mtime whatever the clock's granularity
  const fd = fs.openSync(file, 'r');
  const mark: FileMark = markFile(statPath(file), fs.fstatSync(fd).size, reader(fd));
  const look = () => classifyChange(mark, statPath(file), fs.fstatSync(fd).size, reader(fd));
  return { file, fd, mark, look };
}

describe('file change classification', () => {
  it('an untouched file is no change', () => {
    const { look, fd } = setup('same.log', 'a\nb\n');
    assert.equal(look(), 'none');
    fs.closeSync(fd);
  });

  it('an append is an append: the bytes already read are unchanged', () => {
    const { file, look, fd } = setup('append.log', 'x'.repeat(10_000) + '\n');
    fs.appendFileSync(file, 'more\n');
    assert.equal(look(), 'append');
    fs.closeSync(fd);
  });

  it('O_TRUNC and a slightly longer rewrite is a rewrite, not an append', () => {
    const old = Array.from({ length: 5000 }, (_, i) => `${i}`).join('\n') + '\n';
    const { file, look, fd } = setup('trunc.log', old);
    fs.writeFileSync(file, 'y'.repeat(old.length + 10)); // O_TRUNC, then longer
    assert.equal(look(), 'rewrite');
    fs.closeSync(fd);
  });

  it('a rewrite that keeps the first page but changes the last-read bytes is a rewrite', () => {
    const head = 'h'.repeat(8192);
    const { file, look, fd } = setup('tail.log', head + 'old tail\n');
    fs.writeFileSync(file, head + 'new tail\nand more\n');
    assert.equal(look(), 'rewrite');
    fs.closeSync(fd);
  });

  it('a same-size rewrite with a new mtime is a rewrite', () => {
    const { file, look, fd } = setup('same-size.log', 'AAAA\nBBBB\n');
    fs.writeFileSync(file, 'CCCC\nDDDD\n');
    assert.equal(look(), 'rewrite');
    fs.closeSync(fd);
  });

  it('a shrink is a rewrite', () => {
    const { file, look, fd } = setup('shrink.log', 'long content\n'.repeat(100));
    fs.truncateSync(file, 10);
    assert.equal(look(), 'rewrite');
    fs.closeSync(fd);
  });

  it('a new file at the path (rotation by rename) is a replacement', () => {
    const { file, look, fd } = setup('rotate.log', 'old file\n');
    fs.renameSync(file, file + '.1');
    fs.writeFileSync(file, 'new file\n');
    assert.equal(look(), 'replaced');
    fs.closeSync(fd);
  });

  it('while nothing is at the path (mid-rotation) the open file is still watched by size', () => {
    const { file, mark, fd } = setup('gone.log', 'old\n');
    fs.renameSync(file, file + '.1');
    fs.appendFileSync(file + '.1', 'written by the old writer\n');
    assert.equal(classifyChange(mark, statPath(file), fs.fstatSync(fd).size, reader(fd)), 'append');
    fs.closeSync(fd);
  });
});
