// The committed icon set is complete and its containers are well-formed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIco, pngSize, readIcns, readIco } from './icon-containers.mjs';

const ICONS = join(__dirname, '..', 'resources', 'icons');
const png = (name: string) => readFileSync(join(ICONS, name));

describe('icon set', () => {
  it('has the app icon at every size, at exactly that size', () => {
    for (const s of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(png(`${s}x${s}.png`)), `${s}x${s}.png`).toEqual({ width: s, height: s });
    }
    expect(readFileSync(join(ICONS, 'logo.svg'), 'utf8')).toContain('<svg');
  });

  it('has a 16 px and a 32 px (@2x) tray image per stack status', () => {
    for (const color of ['green', 'amber', 'red', 'grey']) {
      expect(pngSize(png(`tray/tray-${color}.png`))).toEqual({ width: 16, height: 16 });
      expect(pngSize(png(`tray/tray-${color}@2x.png`))).toEqual({ width: 32, height: 32 });
    }
  });

  it('icon.ico holds PNG entries 16..256 whose offsets point at PNG data', () => {
    const ico = png('icon.ico');
    const entries = readIco(ico);
    expect(entries.map((e) => e.width)).toEqual([16, 32, 48, 64, 128, 256]);
    for (const e of entries) {
      const data = ico.subarray(e.offset, e.offset + e.size);
      expect(pngSize(data).width).toBe(e.width);
    }
  });

  it('icon.icns holds ic07..ic10 and its lengths add up', () => {
    const icns = png('icon.icns');
    const entries = readIcns(icns);
    expect(entries.map((e) => e.type)).toEqual(['ic07', 'ic08', 'ic09', 'ic10']);
    expect(8 + entries.reduce((n, e) => n + e.length, 0)).toBe(icns.length);
    expect(existsSync(join(ICONS, 'icon.icns'))).toBe(true);
  });

  it('refuses what the formats cannot hold', () => {
    expect(() => buildIco([png('512x512.png')])).toThrow(/larger than 256/);
    expect(() => pngSize(Buffer.from('GIF89a........................'))).toThrow(/not a PNG/);
  });
});
