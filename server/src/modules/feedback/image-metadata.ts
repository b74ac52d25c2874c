import type { FeedbackPhotoType } from '@vip-club/shared';

/**
 * The photo without what a camera writes about where and when it was taken (EXIF with its GPS
 * position, XMP, IPTC, text chunks, C2PA provenance manifests, which may assert a location), every
 * other byte as sent: the pixels, colour profile and structure stay exactly as the phone encoded
 * them. A member photographing a ring at home must not hand the store's clerks her address.
 *
 * A JPEG keeps its EXIF orientation as a one-tag EXIF block, so a portrait photo still shows upright;
 * PNG and WebP lose theirs (phones rotate those pixels when they write them). A JPEG is read as
 * libjpeg (and so Chromium) reads it: bytes between segments are skipped to the next marker, and a
 * segment whose length is under 2 ends after its length; both are dropped, since a decoder that
 * shows the picture skips them too, and metadata behind them would otherwise slip through. Where a
 * file's structure breaks beyond that (a table cut short, a bad length, no marker after stray
 * bytes), the rest is kept as sent (metadata cut short by the end of the file goes, in any of the
 * three): no decoder shows such a file. The same buffer comes back when there is nothing to remove.
 */
export function stripImageMetadata(bytes: Buffer, type: FeedbackPhotoType): Buffer {
  switch (type) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
  }
}

/** Collects the kept ranges of `src`, and replacements in place of what is dropped. */
class Splicer {
  private readonly pieces: Buffer[] = [];
  private from = 0;
  changed = false;

  constructor(private readonly src: Buffer) {}

  drop(start: number, end: number, replacement?: Buffer): void {
    this.pieces.push(this.src.subarray(this.from, start));
    if (replacement) this.pieces.push(replacement);
    this.from = end;
    this.changed = true;
  }

  /** The result, ending at `end` (what follows it is dropped). */
  finish(end = this.src.length): Buffer {
    if (end < this.src.length) this.changed = true;
    if (!this.changed) return this.src;
    this.pieces.push(this.src.subarray(this.from, end));
    return Buffer.concat(this.pieces);
  }
}

// JPEG markers (ITU T.81 B.1.1.3, and the APPn uses registered since).
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const APP15 = 0xef;
const COM = 0xfe;

/**
 * Walks the segments up to the end of the image: drops APP1 (EXIF, XMP), APP3–APP13 (IPTC in APP13,
 * maker and provenance blocks, C2PA's JUMBF in APP11 among them), APP15, comments, the multi-picture index (APP2 MPF) and whatever
 * follows the end-of-image marker (the extra pictures MPF points at, with their own EXIF). Keeps
 * JFIF (APP0), the colour profile (APP2 ICC_PROFILE), Adobe's colour transform (APP14) and every
 * table and scan.
 */
function stripJpeg(src: Buffer): Buffer {
  const out = new Splicer(src);
  let orientationKept = false;
  let pos = 2;
  while (pos < src.length) {
    const next = nextMarker(src, pos);
    // No marker to the end: no picture follows, so the rest is kept as sent.
    if (next >= src.length) break;
    // What lies before the next marker is no segment: decoders skip it, and so may a phone's GPS.
    if (next > pos) out.drop(pos, next);
    pos = next;
    let m = pos + 1;
    while (src[m] === 0xff) m++;
    const marker = src[m];
    if (marker === EOI) return out.finish(m + 1);
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos = m + 1;
      continue;
    }
    if (m + 3 > src.length) break;
    // A length under 2 covers only itself, as libjpeg reads an APPn or a comment.
    const end = Math.max(m + 3, m + 1 + src.readUInt16BE(m + 1));
    if (end > src.length) {
      // Cut short by the end of the file: no picture follows, and its metadata goes all the same.
      if (isJpegMetadata(marker, src.subarray(m + 3))) return out.finish(pos);
      break;
    }
    const payload = src.subarray(m + 3, end);
    if (isJpegMetadata(marker, payload)) {
      const orientation = orientationKept ? undefined : exifOrientation(payload, marker);
      if (orientation !== undefined) orientationKept = true;
      out.drop(pos, end, orientation === undefined ? undefined : orientationSegment(orientation));
    }
    pos = marker === SOS ? endOfScan(src, end) : end;
  }
  return out.finish();
}

/**
 * Where the next marker starts at or after `pos` (its first 0xFF, fill bytes included), or the end:
 * libjpeg's rule, which skips every byte up to an 0xFF followed by neither 0x00 nor another 0xFF.
 */
function nextMarker(src: Buffer, pos: number): number {
  for (let at = pos; at < src.length; at++) {
    if (src[at] !== 0xff) continue;
    let m = at + 1;
    while (m < src.length && src[m] === 0xff) m++;
    if (m >= src.length) return src.length;
    if (src[m] !== 0x00) return at;
    at = m;
  }
  return src.length;
}

function isJpegMetadata(marker: number, payload: Buffer): boolean {
  if (marker === APP0 || marker === APP14) return false;
  if (marker === APP2) return payload.subarray(0, 4).toString('latin1') === 'MPF\0';
  return (marker >= APP1 && marker <= APP15) || marker === COM;
}

/** Where the entropy-coded data after a scan header ends: the next marker (0xFF not stuffed, not RSTn). */
function endOfScan(src: Buffer, pos: number): number {
  while (pos + 1 < src.length) {
    if (src[pos] !== 0xff) {
      pos++;
      continue;
    }
    const next = src[pos + 1];
    if (next === 0xff) pos++;
    else if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) pos += 2;
    else return pos;
  }
  return src.length;
}

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');
const ORIENTATION_TAG = 0x0112;
const TIFF_SHORT = 3;

/** The orientation (2–8) an EXIF APP1 payload gives its first image; undefined for upright or none. */
function exifOrientation(payload: Buffer, marker: number): number | undefined {
  if (marker !== APP1 || !payload.subarray(0, 6).equals(EXIF_HEADER)) return undefined;
  const tiff = payload.subarray(6);
  if (tiff.length < 8) return undefined;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const little = order === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return undefined;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return undefined;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (u16(entry) !== ORIENTATION_TAG) continue;
    if (u16(entry + 2) !== TIFF_SHORT || u32(entry + 4) !== 1) return undefined;
    const value = u16(entry + 8);
    return value >= 2 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/** An APP1 EXIF segment holding nothing but the orientation tag (big-endian TIFF, one IFD entry). */
function orientationSegment(orientation: number): Buffer {
  const segment = Buffer.alloc(36);
  segment.writeUInt16BE(0xff00 | APP1, 0);
  segment.writeUInt16BE(34, 2);
  EXIF_HEADER.copy(segment, 4);
  segment.write('MM', 10, 'latin1');
  segment.writeUInt16BE(42, 12);
  segment.writeUInt32BE(8, 14);
  segment.writeUInt16BE(1, 18);
  segment.writeUInt16BE(ORIENTATION_TAG, 20);
  segment.writeUInt16BE(TIFF_SHORT, 22);
  segment.writeUInt32BE(1, 24);
  segment.writeUInt16BE(orientation, 28);
  // Bytes 30–35: the rest of the value field, then "no next IFD", all zero.
  return segment;
}

/** `caBX`: a C2PA (Content Credentials) manifest store, whose assertions may name where the photo was taken. */
const PNG_METADATA_CHUNKS = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME', 'caBX']);

/**
 * Drops the EXIF, text, time and C2PA chunks (one cut short by the end of the file too), and whatever
 * follows IEND.
 */
function stripPng(src: Buffer): Buffer {
  const out = new Splicer(src);
  let pos = 8;
  while (pos + 8 <= src.length) {
    const end = pos + 12 + src.readUInt32BE(pos);
    const type = src.toString('latin1', pos + 4, pos + 8);
    if (end > src.length) {
      // Cut short by the end of the file: Chromium still shows the pixels before it, so it goes.
      if (PNG_METADATA_CHUNKS.has(type)) return out.finish(pos);
      break;
    }
    if (PNG_METADATA_CHUNKS.has(type)) out.drop(pos, end);
    if (type === 'IEND') return out.finish(end);
    pos = end;
  }
  return out.finish();
}

const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;

/** C2PA's manifest store (no VP8X flag of its own), like EXIF and XMP a place for a location. */
const WEBP_METADATA_CHUNKS = new Set(['EXIF', 'XMP ', 'C2PA']);

/** Drops the EXIF, XMP and C2PA chunks, clears their flags in VP8X and sets the RIFF size to what is left. */
function stripWebp(src: Buffer): Buffer {
  const out = new Splicer(src);
  let pos = 12;
  while (pos + 8 <= src.length) {
    const size = src.readUInt32LE(pos + 4);
    const fourcc = src.toString('latin1', pos, pos + 4);
    const metadata = WEBP_METADATA_CHUNKS.has(fourcc);
    if (pos + 8 + size > src.length) {
      // Cut short by the end of the file: its metadata goes all the same.
      if (metadata) out.drop(pos, src.length);
      break;
    }
    // Chunks are padded to an even length; a file may end without the last pad byte.
    const end = Math.min(pos + 8 + size + (size & 1), src.length);
    if (metadata) out.drop(pos, end);
    pos = end;
  }
  const result = out.finish();
  if (result === src) return src;
  // VP8X, when present, is the first chunk; its first payload byte holds the feature flags.
  if (result.length >= 21 && result.toString('latin1', 12, 16) === 'VP8X') {
    result[20] &= ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
  }
  result.writeUInt32LE(result.length - 8, 4);
  return result;
}
