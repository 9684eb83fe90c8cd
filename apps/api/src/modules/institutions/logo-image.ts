import type { InstitutionLogoType } from '@shala/contracts';
import { inflateSync } from 'node:zlib';

export interface LogoImage {
  contentType: InstitutionLogoType;
  width: number;
  height: number;
}

/** Widest or tallest logo accepted, in pixels; and the smallest. */
export const LOGO_MAX_SIDE = 4096;
export const LOGO_MIN_SIDE = 16;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG's size from its IHDR chunk, which must come first; null when the bytes are not a PNG. */
function png(bytes: Buffer): LogoImage | null {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { contentType: 'image/png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Start-of-frame markers (baseline, progressive, ...), not DHT (C4), JPG (C8) or DAC (CC). */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** A JPEG's size from its first start-of-frame segment; null when the bytes are not a JPEG. */
function jpeg(bytes: Buffer): LogoImage | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return null;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan data before any frame
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2) return null;
    if (SOF.has(marker)) {
      if (at + 9 > bytes.length) return null;
      return {
        contentType: 'image/jpeg',
        height: bytes.readUInt16BE(at + 5),
        width: bytes.readUInt16BE(at + 7),
      };
    }
    at += 2 + length;
  }
  return null;
}

/**
 * What the bytes really are (never what the upload claims): a PNG or a JPEG with its dimensions, or null.
 * A text file renamed logo.png is null here.
 */
export function sniffLogo(bytes: Buffer): LogoImage | null {
  return png(bytes) ?? jpeg(bytes);
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Whether a PNG's pixel data inflates whole (PDFKit decodes it in a callback where a zlib error cannot be
 * caught, so a damaged logo must be refused at upload, not found while printing a receipt). Walks the
 * chunks, inflates the IDAT stream and, for a non-interlaced image, checks it holds every row.
 */
export function pngDataIntact(bytes: Buffer, maxInflated = 64 * 1024 * 1024): boolean {
  const image = png(bytes);
  if (!image) return false;
  const bitDepth = bytes[24]!;
  const colourType = bytes[25]!;
  const interlaced = bytes[28] === 1;
  const channels = CHANNELS[colourType];
  if (!channels || ![1, 2, 4, 8, 16].includes(bitDepth)) return false;
  const idat: Buffer[] = [];
  let at = 8;
  let ended = false;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > bytes.length) return false;
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!ended || idat.length === 0) return false;
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(idat), { maxOutputLength: maxInflated });
  } catch {
    return false;
  }
  if (interlaced) return pixels.length > 0;
  const rowBytes = Math.ceil((image.width * channels * bitDepth) / 8);
  return pixels.length >= image.height * (rowBytes + 1);
}
