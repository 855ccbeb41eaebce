/** A rich menu image's type and size, read from its header as LINE will check them. */
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { imageFacts } from '../../engine/services/rich-menus/image-dimensions.ts';

test('a PNG is known by its signature, with the size of its IHDR chunk', () => {
  const bytes = fs.readFileSync('docs/examples/rich-menus/menus/bot.png');
  assert.equal(imageFacts(bytes), { contentType: 'image/png', width: 2500, height: 843 });
});

test("a JPEG's size comes from its start-of-frame, after the segments before it", () => {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Array<number>(14).fill(0)];
  const huffman = [0xff, 0xc4, 0x00, 0x04, 0x00, 0x00]; // 0xc4 is not a frame, though it is in the range
  const sof2 = [0xff, 0xc2, 0x00, 0x11, 0x08, 0x03, 0x4b, 0x09, 0xc4, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const bytes = Buffer.from([0xff, 0xd8, ...app0, ...huffman, 0xff, ...sof2]);
  assert.equal(imageFacts(bytes), { contentType: 'image/jpeg', width: 2500, height: 843 });
});

test('anything else, or a header cut short, is not an image', () => {
  assert.is(imageFacts(Buffer.from('GIF89a............................')), null);
  assert.is(imageFacts(fs.readFileSync('docs/examples/rich-menus/menus/bot.png').subarray(0, 20)), null);
  assert.is(imageFacts(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10])), null);
});

test.run();
