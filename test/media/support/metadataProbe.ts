// Independent readers of what a JPEG carries, so the tests do not only trust sharp's own metadata().

/** Tag ids of IFD0 and of the GPS IFD of an EXIF block (as sharp's metadata().exif returns it). */
export function exifTagIds(exif: Buffer): { ifd0: number[]; gps: number[] } {
  const base = exif.toString('latin1', 0, 6) === 'Exif\0\0' ? 6 : 0;
  const little = exif.toString('latin1', base, base + 2) === 'II';
  const u16 = (at: number) => (little ? exif.readUInt16LE(base + at) : exif.readUInt16BE(base + at));
  const u32 = (at: number) => (little ? exif.readUInt32LE(base + at) : exif.readUInt32BE(base + at));
  const entries = (at: number) => Array.from({ length: u16(at) }, (_, i) => ({ tag: u16(at + 2 + i * 12), value: u32(at + 2 + i * 12 + 8) }));
  const ifd0 = entries(u32(4));
  const gpsPointer = ifd0.find((e) => e.tag === 0x8825);
  return { ifd0: ifd0.map((e) => e.tag), gps: gpsPointer ? entries(gpsPointer.value).map((e) => e.tag) : [] };
}

/** The marker codes of a JPEG's header segments, up to the start of scan. */
export function jpegSegmentMarkers(jpeg: Buffer): number[] {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  const markers: number[] = [];
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) throw new Error(`no marker at ${at}`);
    const marker = jpeg[at + 1] ?? 0;
    markers.push(marker);
    if (marker === 0xda) break;
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return markers;
}

/** APP1 (EXIF, XMP) to APP15, including APP2 (ICC) and APP13 (IPTC), and COM (comment). */
export function isMetadataMarker(marker: number): boolean {
  return (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;
}
