// Icon containers holding PNG images as they are: Windows .ico (PNG entries are valid
// since Vista) and macOS .icns (ic07..ic10 are PNG-typed entries).

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(buf) {
  const SIGNATURE = '89504e470d0a1a0a';
  if (buf.length < 24 || buf.subarray(0, 8).toString('hex') !== SIGNATURE || buf.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file (bad signature or missing IHDR)');
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** ICONDIR + one ICONDIRENTRY per image + the PNG bytes. Sizes up to 256. */
export function buildIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  const entries = [];
  let offset = 6 + 16 * pngs.length;
  for (const png of pngs) {
    const { width, height } = pngSize(png);
    if (width > 256 || height > 256) throw new Error(`ico: ${width}x${height} is larger than 256`);
    const e = Buffer.alloc(16);
    e.writeUInt8(width === 256 ? 0 : width, 0); // 0 means 256
    e.writeUInt8(height === 256 ? 0 : height, 1);
    e.writeUInt8(0, 2); // palette colours
    e.writeUInt8(0, 3); // reserved
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...pngs]);
}

/** Expected pixel size of each PNG-typed icns entry. */
export const ICNS_TYPES = { ic07: 128, ic08: 256, ic09: 512, ic10: 1024 };

/** 'icns' + total length, then per entry: 4-char type, length (with its 8-byte header), PNG. */
export function buildIcns(byType) {
  const parts = [];
  for (const [type, png] of Object.entries(byType)) {
    const want = ICNS_TYPES[type];
    if (!want) throw new Error(`icns: unsupported entry type ${type}`);
    const { width } = pngSize(png);
    if (width !== want) throw new Error(`icns: ${type} must be ${want}px, got ${width}px`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    parts.push(head, png);
  }
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

/** Entries of an .ico, for checks: [{width, height, size, offset}]. */
export function readIco(buf) {
  const count = buf.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const at = 6 + 16 * i;
    return {
      width: buf.readUInt8(at) || 256,
      height: buf.readUInt8(at + 1) || 256,
      size: buf.readUInt32LE(at + 8),
      offset: buf.readUInt32LE(at + 12),
    };
  });
}

/** Entries of an .icns, for checks: [{type, length}]. */
export function readIcns(buf) {
  if (buf.toString('ascii', 0, 4) !== 'icns') throw new Error('not an icns file');
  const out = [];
  for (let at = 8; at < buf.readUInt32BE(4);) {
    const length = buf.readUInt32BE(at + 4);
    out.push({ type: buf.toString('ascii', at, at + 4), length });
    at += length;
  }
  return out;
}
