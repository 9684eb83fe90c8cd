import { describe, expect, it } from 'vitest';
import { crestPng } from '../../seed/crest-png';
import { pngDataIntact, sniffLogo } from './logo-image';

/** A minimal JPEG header: SOI, an APP0 segment, then a baseline SOF0 of 40x30. */
function jpegHeader(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.from([
    0xff,
    0xc0,
    0x00,
    0x0b,
    8,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    1,
    1,
    0x11,
    0,
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

describe('sniffLogo', () => {
  it('reads a PNG and its size from the bytes', () => {
    expect(sniffLogo(crestPng('GW', [21, 101, 192], 64))).toEqual({
      contentType: 'image/png',
      width: 64,
      height: 64,
    });
  });

  it('reads a JPEG and its size from its start-of-frame segment', () => {
    expect(sniffLogo(jpegHeader(40, 30))).toEqual({ contentType: 'image/jpeg', width: 40, height: 30 });
  });

  it('refuses text renamed to .png, a GIF, an SVG and a truncated PNG', () => {
    expect(sniffLogo(Buffer.from('name,class\nAsha,5\n'))).toBeNull();
    expect(sniffLogo(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeNull();
    expect(sniffLogo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffLogo(crestPng('GW', [0, 0, 0], 32).subarray(0, 20))).toBeNull();
  });
});

describe('pngDataIntact', () => {
  it('accepts a whole PNG and refuses one whose pixel data is damaged or cut short', () => {
    const good = crestPng('RS', [200, 40, 40], 48);
    expect(pngDataIntact(good)).toBe(true);
    const damaged = Buffer.from(good);
    const idat = damaged.indexOf('IDAT', 0, 'latin1');
    damaged.fill(0x55, idat + 6, idat + 30); // garbage inside the deflate stream
    expect(pngDataIntact(damaged)).toBe(false);
    expect(pngDataIntact(good.subarray(0, good.length - 30))).toBe(false);
  });
});
