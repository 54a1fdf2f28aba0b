import { once } from 'node:events';
import zlib from 'node:zlib';
import sharp from 'sharp';

// Every fixture is made here at test time; no binary files are committed.

/** Stored 300 x 200 with a red block in the stored top-left corner; EXIF orientation 6 (rotate 90° clockwise to show). */
export async function jpegWithGpsAndOrientation(): Promise<Buffer> {
  const red = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 300, height: 200, channels: 3, background: '#0000ff' } })
    .composite([{ input: red, left: 0, top: 0 }])
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 12', Artist: 'Maija Meikäläinen' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '60/1 10/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '24/1 56/1 30/1' },
    })
    .withMetadata({ orientation: 6 })
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Maija"/></rdf:RDF></x:xmpmeta>',
    )
    .withIccProfile('p3')
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A plain image of the given size and format. */
export function plainImage(format: 'png' | 'webp' | 'jpeg' | 'avif', width = 120, height = 80): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 4, background: { r: 20, g: 140, b: 60, alpha: 0.5 } } });
  return (format === 'avif' ? base.heif({ compression: 'av1' }) : base.toFormat(format)).toBuffer();
}

/** An ISO-BMFF ftyp box branded HEIC with nothing after it: detected as image/heic, holds no picture. */
export function heicBrandOnly(): Buffer {
  const body = Buffer.concat([Buffer.from('heic'), Buffer.alloc(4), Buffer.from('mif1heic')]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + body.length);
  return Buffer.concat([size, Buffer.from('ftyp'), body]);
}

/** A JPEG signature followed by noise: passes the type check, does not decode. */
export function brokenJpeg(): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x5a)]);
}

/** A plain text file, whatever it is named. */
export function textFile(): Buffer {
  return Buffer.from('Tämä ei ole kuva.\n', 'utf8');
}

/** A minimal PDF. */
export function pdfFile(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
}

/** A valid ZIP archive with one stored file. */
export function zipFile(): Buffer {
  const name = Buffer.from('kuva.jpg');
  const data = Buffer.from('not really a picture');
  const crc = zlib.crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4); // version needed
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/**
 * A complete, valid 1-bit greyscale PNG of the given size: a decompression bomb. 30000 x 30000 is
 * 900 megapixels (several gigabytes once decoded) in about 100 kB, because every row is zeros.
 * The rows are deflated as a stream, so making it never holds the raw image in memory.
 */
export async function bitmapPng(width: number, height: number): Promise<Buffer> {
  const row = Buffer.alloc(1 + Math.ceil(width / 8)); // filter byte 0, then all-black pixels
  const deflate = zlib.createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const ended = once(deflate, 'end');
  for (let y = 0; y < height; y++) {
    if (!deflate.write(row)) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', Buffer.concat(chunks)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}
