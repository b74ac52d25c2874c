import {
  AFTER_APP0,
  exifPayload,
  GPS_LATITUDE_MARK,
  jpegSegment,
  jpegWith,
  PLAIN_JPEG,
} from '../../../test/factories/photos.factory';
import { stripImageMetadata } from './image-metadata';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

/** The EXIF APP1 that keeps only the orientation: 'Exif\0\0', big-endian TIFF, one entry. */
function orientationOnly(orientation: number): Buffer {
  const tiff = Buffer.from([
    0x4d,
    0x4d,
    0,
    42,
    0,
    0,
    0,
    8,
    0,
    1,
    0x01,
    0x12,
    0,
    3,
    0,
    0,
    0,
    1,
    0,
    orientation,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
  return jpegSegment(0xe1, Buffer.concat([latin1('Exif\0\0'), tiff]));
}

/** What a C2PA location assertion says (`stds.exif` GPS in the manifest's JSON-LD). */
const C2PA_LOCATION = latin1('"exif:GPSLatitude": "22,16.7N"');

/** A C2PA manifest store as a JUMBF superbox (`jumb` with a `jumd` labelled `c2pa`), holding a location. */
function c2paManifest(): Buffer {
  const box = (type: string, data: Buffer): Buffer => {
    const size = Buffer.alloc(4);
    size.writeUInt32BE(8 + data.length);
    return Buffer.concat([size, latin1(type), data]);
  };
  const description = box(
    'jumd',
    Buffer.concat([latin1('c2pa'), Buffer.alloc(12), Buffer.from([3]), latin1('c2pa\0')]),
  );
  const assertion = box(
    'json',
    Buffer.concat([
      latin1('{"@context": {"exif": "http://ns.adobe.com/exif/1.0/"}, '),
      C2PA_LOCATION,
      latin1('}'),
    ]),
  );
  return box('jumb', Buffer.concat([description, assertion]));
}

describe('stripImageMetadata: JPEG', () => {
  const xmp = jpegSegment(0xe1, latin1('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPS-22.2783N</x:xmpmeta>'));
  const iptc = jpegSegment(0xed, latin1('Photoshop 3.0\x008BIM\x04\x04 home address'));
  const comment = jpegSegment(0xfe, latin1('taken at home'));
  const mpf = jpegSegment(0xe2, latin1('MPF\0II*\0 index of the picture after EOI'));

  it('answers the very same buffer when there is nothing to remove', () => {
    expect(stripImageMetadata(PLAIN_JPEG, 'image/jpeg')).toBe(PLAIN_JPEG);
  });

  it('drops EXIF (with its GPS), XMP, IPTC, comments and what follows EOI, keeping the orientation', () => {
    const trailer = Buffer.concat([
      latin1('\xff\xd8'),
      jpegSegment(0xe1, exifPayload(1)),
      latin1('\xff\xd9'),
    ]);
    const sent = jpegWith([jpegSegment(0xe1, exifPayload(6)), xmp, iptc, comment, mpf], trailer);
    expect(sent.includes(GPS_LATITUDE_MARK)).toBe(true);

    const kept = stripImageMetadata(sent, 'image/jpeg');
    expect(kept.includes(GPS_LATITUDE_MARK)).toBe(false);
    expect(kept.includes(latin1('xmpmeta'))).toBe(false);
    expect(kept.includes(latin1('8BIM'))).toBe(false);
    expect(kept.includes(latin1('taken at home'))).toBe(false);
    expect(kept.includes(latin1('MPF'))).toBe(false);
    // Byte for byte the original picture (JFIF, ICC profile, tables, scan), the orientation where EXIF was.
    expect(kept.equals(jpegWith([orientationOnly(6)]))).toBe(true);
  });

  // C2PA (Content Credentials) carries its manifest as JUMBF boxes in APP11; a manifest may assert where it was taken.
  it('drops a C2PA manifest in APP11 JUMBF segments', () => {
    // Each APP11 starts 'JP', the box instance (2 bytes) and the segment's sequence number (4 bytes).
    const app11 = (seq: number, part: Buffer) =>
      jpegSegment(0xeb, Buffer.concat([latin1('JP'), Buffer.from([0, 1, 0, 0, 0, seq]), part]));
    const manifest = c2paManifest();
    const half = manifest.length >> 1;
    const sent = jpegWith([app11(1, manifest.subarray(0, half)), app11(2, manifest.subarray(half)), comment]);
    expect(sent.includes(C2PA_LOCATION)).toBe(true);
    expect(stripImageMetadata(sent, 'image/jpeg').equals(PLAIN_JPEG)).toBe(true);
  });

  it('keeps no EXIF at all for an upright photo, and reads a big-endian EXIF too', () => {
    expect(stripImageMetadata(jpegWith([jpegSegment(0xe1, exifPayload(1))]), 'image/jpeg')).toEqual(
      PLAIN_JPEG,
    );
    const bigEndian = orientationOnly(8);
    expect(stripImageMetadata(jpegWith([bigEndian, xmp]), 'image/jpeg')).toEqual(jpegWith([bigEndian]));
  });

  it('finds a segment after the scan (as progressive files have), past stuffed bytes and restart markers', () => {
    const eoi = PLAIN_JPEG.length - 2;
    const scanAndMore = Buffer.concat([
      PLAIN_JPEG.subarray(0, eoi),
      latin1('\x12\xff\x00\x34\xff\xd0\x56\xff\xff\xd1'),
      comment,
      jpegSegment(0xda, latin1('\x01\x01\x00\x00\x3f\x00')),
      latin1('\x78\xff\x00'),
      latin1('\xff\xd9'),
    ]);
    const kept = stripImageMetadata(scanAndMore, 'image/jpeg');
    expect(kept.includes(latin1('taken at home'))).toBe(false);
    expect(kept.length).toBe(scanAndMore.length - comment.length);
  });

  // Each of these shows in Chromium (libjpeg skips what lies between segments, and reads a length
  // under 2 as covering itself), with the EXIF orientation applied: so must its GPS go.
  it('finds the EXIF behind what decoders skip: stray bytes, a stuffed FF 00, a length under 2', () => {
    const exif = jpegSegment(0xe1, exifPayload(6));
    for (const [what, before] of [
      ['padding', Buffer.alloc(4)],
      ['a stuffed zero', latin1('\xff\x00')],
      ['a comment of length 0', latin1('\xff\xfe\x00\x00')],
      ['an APP1 of length 1', latin1('\xff\xe1\x00\x01')],
    ] as const) {
      const kept = stripImageMetadata(jpegWith([before, exif]), 'image/jpeg');
      expect({ what, gps: kept.includes(GPS_LATITUDE_MARK) }).toEqual({ what, gps: false });
      expect(kept.equals(jpegWith([orientationOnly(6)]))).toBe(true);
    }
  });

  it('drops the rest of an EXIF whose length says less than it holds, up to the next marker', () => {
    const exif = jpegSegment(0xe1, exifPayload(6));
    exif.writeUInt16BE(20, 2);
    const kept = stripImageMetadata(jpegWith([exif, xmp]), 'image/jpeg');
    expect(kept.includes(GPS_LATITUDE_MARK)).toBe(false);
    expect(kept.equals(PLAIN_JPEG)).toBe(true);
  });

  it('drops a metadata segment the end of the file cuts short, and keeps a broken table as sent', () => {
    const cut = jpegWith([jpegSegment(0xe1, exifPayload(6))]).subarray(0, AFTER_APP0 + 160);
    expect(cut.includes(GPS_LATITUDE_MARK)).toBe(true);
    expect(stripImageMetadata(cut, 'image/jpeg').equals(PLAIN_JPEG.subarray(0, AFTER_APP0))).toBe(true);
    const brokenTable = Buffer.concat([
      PLAIN_JPEG.subarray(0, AFTER_APP0),
      latin1('\xff\xdb\x01\x00\x00\x01'),
    ]);
    expect(stripImageMetadata(brokenTable, 'image/jpeg')).toBe(brokenTable);
    const noMarkerAfter = Buffer.concat([PLAIN_JPEG.subarray(0, AFTER_APP0), Buffer.alloc(20, 0x20)]);
    expect(stripImageMetadata(noMarkerAfter, 'image/jpeg')).toBe(noMarkerAfter);
  });
});

/** A PNG chunk; the CRC is not checked by the walker, so any four bytes do. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, latin1(type), data, latin1('CRC!')]);
}

describe('stripImageMetadata: PNG', () => {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = pngChunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
  const iccp = pngChunk('iCCP', latin1('sRGB\0\0profile'));
  const idat = pngChunk('IDAT', latin1('pixels'));
  const iend = pngChunk('IEND', Buffer.alloc(0));

  it('drops eXIf, tEXt, iTXt, zTXt, tIME and what follows IEND, keeping every other chunk as it was', () => {
    const sent = Buffer.concat([
      signature,
      ihdr,
      pngChunk('eXIf', exifPayload(6).subarray(6)),
      iccp,
      pngChunk('tEXt', latin1('Comment\0at home')),
      pngChunk('iTXt', latin1('XML:com.adobe.xmp\0\0\0\0\0GPS')),
      pngChunk('zTXt', latin1('Raw profile\0\0xyz')),
      pngChunk('tIME', Buffer.alloc(7)),
      idat,
      iend,
      latin1('trailing notes'),
    ]);
    const kept = stripImageMetadata(sent, 'image/png');
    expect(kept.equals(Buffer.concat([signature, ihdr, iccp, idat, iend]))).toBe(true);
    expect(kept.includes(GPS_LATITUDE_MARK)).toBe(false);
  });

  // Chromium shows the pixels of a PNG whose last chunk the end of the file cuts short.
  it('drops an eXIf the end of the file cuts short, and keeps another cut chunk as sent', () => {
    const cutExif = pngChunk('eXIf', exifPayload(6).subarray(6)).subarray(0, 150);
    expect(cutExif.includes(GPS_LATITUDE_MARK)).toBe(true);
    const kept = stripImageMetadata(Buffer.concat([signature, ihdr, idat, cutExif]), 'image/png');
    expect(kept.equals(Buffer.concat([signature, ihdr, idat]))).toBe(true);
    const cutData = Buffer.concat([signature, ihdr, idat.subarray(0, 12)]);
    expect(stripImageMetadata(cutData, 'image/png')).toBe(cutData);
  });

  // C2PA's PNG chunk (ancillary, private, safe to copy: whatever meets it passes it on).
  it('drops a caBX chunk holding a C2PA manifest, before or after the pixels', () => {
    const sent = Buffer.concat([
      signature,
      ihdr,
      pngChunk('caBX', c2paManifest()),
      idat,
      pngChunk('caBX', c2paManifest()),
      iend,
    ]);
    expect(sent.includes(C2PA_LOCATION)).toBe(true);
    expect(stripImageMetadata(sent, 'image/png').equals(Buffer.concat([signature, ihdr, idat, iend]))).toBe(
      true,
    );
  });

  it('answers the same buffer when there is nothing to remove', () => {
    const plain = Buffer.concat([signature, ihdr, idat, iend]);
    expect(stripImageMetadata(plain, 'image/png')).toBe(plain);
  });
});

/** A RIFF chunk with its little-endian size, padded to an even length. */
function riffChunk(fourcc: string, data: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  return Buffer.concat([latin1(fourcc), size, data, Buffer.alloc(data.length & 1)]);
}

function webp(chunks: Buffer[]): Buffer {
  const body = Buffer.concat([latin1('WEBP'), ...chunks]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([latin1('RIFF'), size, body]);
}

describe('stripImageMetadata: WebP', () => {
  const ICC = 0x20;
  const EXIF = 0x08;
  const XMP = 0x04;
  const vp8x = (flags: number) => riffChunk('VP8X', Buffer.from([flags, 0, 0, 0, 3, 0, 0, 2, 0, 0]));
  const iccp = riffChunk('ICCP', latin1('profile'));
  const image = riffChunk('VP8 ', latin1('frame-bytes'));

  it('drops the EXIF and XMP chunks, clears their VP8X flags and sets the RIFF size to what is left', () => {
    const sent = webp([
      vp8x(ICC | EXIF | XMP),
      iccp,
      image,
      riffChunk('EXIF', exifPayload(6).subarray(6)),
      riffChunk('XMP ', latin1('<x:xmpmeta>GPS</x:xmpmeta>')),
    ]);
    const kept = stripImageMetadata(sent, 'image/webp');
    expect(kept.equals(webp([vp8x(ICC), iccp, image]))).toBe(true);
    expect(kept.includes(GPS_LATITUDE_MARK)).toBe(false);
  });

  it('drops an EXIF chunk the end of the file cuts short, with its flag', () => {
    const sent = webp([vp8x(EXIF), image, riffChunk('EXIF', exifPayload(6).subarray(6)).subarray(0, 150)]);
    expect(sent.includes(GPS_LATITUDE_MARK)).toBe(true);
    expect(stripImageMetadata(sent, 'image/webp').equals(webp([vp8x(0), image]))).toBe(true);
  });

  it('drops a C2PA chunk (odd-sized, with its pad byte) and sets the RIFF size to what is left', () => {
    const manifest = c2paManifest();
    const odd = manifest.length % 2 === 1 ? manifest : Buffer.concat([manifest, latin1('!')]);
    const sent = webp([vp8x(ICC), iccp, image, riffChunk('C2PA', odd)]);
    expect(sent.includes(C2PA_LOCATION)).toBe(true);
    expect(stripImageMetadata(sent, 'image/webp').equals(webp([vp8x(ICC), iccp, image]))).toBe(true);
  });

  it('answers the same buffer when there is nothing to remove', () => {
    const plain = webp([image]);
    expect(stripImageMetadata(plain, 'image/webp')).toBe(plain);
  });
});

describe('stripImageMetadata: damaged files', () => {
  /** A repeatable stream of numbers in [0, 1), so a failure names the same file every run. */
  function numbers(seed: number): () => number {
    let state = seed;
    return () => {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return state / 2 ** 32;
    };
  }

  // Whatever a member's phone (or anyone with her token) sends, the upload answers: a throw here would
  // be a 500, a loop a hung request.
  it('answers for every corrupted or cut copy of a photo with metadata, quickly, without throwing', () => {
    const next = numbers(20_261_124);
    const photos = [
      [jpegWith([jpegSegment(0xe1, exifPayload(6)), jpegSegment(0xfe, latin1('at home'))]), 'image/jpeg'],
      [
        Buffer.concat([
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
          pngChunk('IHDR', Buffer.alloc(13)),
          pngChunk('eXIf', exifPayload(6).subarray(6)),
          pngChunk('IDAT', latin1('pixels')),
          pngChunk('IEND', Buffer.alloc(0)),
        ]),
        'image/png',
      ],
      [
        webp([riffChunk('VP8X', Buffer.alloc(10, 0x0c)), riffChunk('EXIF', exifPayload(6).subarray(6))]),
        'image/webp',
      ],
    ] as const;
    const started = Date.now();
    for (const [photo, type] of photos) {
      for (let i = 0; i < 3_000; i++) {
        const damaged = Buffer.from(photo);
        for (let j = 1 + Math.floor(next() * 6); j > 0; j--) {
          damaged[Math.floor(next() * damaged.length)] = next() < 0.3 ? 0xff : Math.floor(next() * 256);
        }
        const sent = next() < 0.3 ? damaged.subarray(0, Math.floor(next() * damaged.length)) : damaged;
        expect(() => stripImageMetadata(sent, type)).not.toThrow();
      }
      // 2 MB (the most an upload holds) of fill bytes or of zeros: one pass, no loop.
      expect(() => stripImageMetadata(Buffer.alloc(2 * 1024 * 1024, 0xff), type)).not.toThrow();
      expect(() => stripImageMetadata(Buffer.alloc(2 * 1024 * 1024), type)).not.toThrow();
    }
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
