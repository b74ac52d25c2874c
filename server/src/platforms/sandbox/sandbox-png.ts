import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Modules per side of the pattern, about what a real mini-program code shows. */
const GRID = 21;

/**
 * A real, decodable grayscale PNG of `width`×`width` pixels: a blocky pattern derived from `seed`
 * (so two scenes give visibly different codes) with the three finder squares a scanner expects.
 * It stands in for WeChat's mini-program code; no phone will scan it.
 */
export function renderSandboxCodePng(width: number, seed: string): Buffer {
  const bits = patternBits(seed);
  const moduleSize = width / GRID;
  const rowLength = width + 1;
  const raw = Buffer.alloc(rowLength * width);
  for (let y = 0; y < width; y++) {
    raw[y * rowLength] = 0; // filter type: none
    const gy = Math.min(GRID - 1, Math.floor(y / moduleSize));
    for (let x = 0; x < width; x++) {
      const gx = Math.min(GRID - 1, Math.floor(x / moduleSize));
      raw[y * rowLength + 1 + x] = bits[gy * GRID + gx] ? 0 : 255;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // colour type: grayscale
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function patternBits(seed: string): boolean[] {
  const bits: boolean[] = [];
  let block = createHash('sha256').update(seed).digest();
  let counter = 0;
  for (let i = 0; i < GRID * GRID; i++) {
    const byteIndex = Math.floor(i / 8) % block.length;
    if (i > 0 && i % (block.length * 8) === 0) {
      block = createHash('sha256').update(`${seed}:${++counter}`).digest();
    }
    bits.push(((block[byteIndex] >> (i % 8)) & 1) === 1);
  }
  for (const [ox, oy] of [
    [0, 0],
    [GRID - 7, 0],
    [0, GRID - 7],
  ]) {
    for (let y = 0; y < 7; y++) {
      for (let x = 0; x < 7; x++) {
        const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
        bits[(oy + y) * GRID + ox + x] = ring !== 2;
      }
    }
  }
  return bits;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData), 0);
  return Buffer.concat([length, typeAndData, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
