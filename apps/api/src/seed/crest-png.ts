import { deflateSync } from 'node:zlib';

/** 5x7 glyphs for the demo schools' initials; any other character draws as a filled block. */
const GLYPHS: Record<string, string[]> = {
  G: ['01110', '10001', '10000', '10111', '10001', '10001', '01110'],
  W: ['10001', '10001', '10001', '10101', '10101', '11011', '10001'],
  R: ['11110', '10001', '10001', '11110', '10100', '10010', '10001'],
  S: ['01111', '10000', '10000', '01110', '00001', '00001', '11110'],
  P: ['11110', '10001', '10001', '11110', '10000', '10000', '10000'],
  H: ['10001', '10001', '10001', '11111', '10001', '10001', '10001'],
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A small square crest made in code (no image files, no downloads): a coloured disc with a white ring and
 * the school's initials in white, as an RGBA PNG. Used by the demo seed and the tests.
 */
export function crestPng(initials: string, rgb: readonly [number, number, number], size = 96): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  const radius = size / 2 - 1;
  const letters = initials.toUpperCase().slice(0, 3).split('');
  const scale = Math.max(1, Math.floor(size / (letters.length * 6 + 6)));
  const textWidth = (letters.length * 6 - 1) * scale;
  const left = Math.floor((size - textWidth) / 2);
  const top = Math.floor((size - 7 * scale) / 2);
  const inText = (x: number, y: number): boolean => {
    const gx = Math.floor((x - left) / scale);
    const gy = Math.floor((y - top) / scale);
    if (gx < 0 || gy < 0 || gy >= 7) return false;
    const letter = letters[Math.floor(gx / 6)];
    if (letter === undefined || gx % 6 === 5) return false;
    const glyph = GLYPHS[letter];
    return glyph ? glyph[gy]![gx % 6] === '1' : true;
  };
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - centre, y - centre);
      const at = (y * size + x) * 4;
      if (d > radius) continue; // transparent outside the disc
      const white = (d > radius * 0.82 && d < radius * 0.9) || inText(x, y);
      pixels[at] = white ? 255 : rgb[0];
      pixels[at + 1] = white ? 255 : rgb[1];
      pixels[at + 2] = white ? 255 : rgb[2];
      pixels[at + 3] = 255;
    }
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
