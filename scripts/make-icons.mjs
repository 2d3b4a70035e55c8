#!/usr/bin/env node
// Regenerates resources/icons from scripts/icon-art.mjs: the SVG logo, PNGs at every
// size rendered by headless Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH),
// tray variants per stack status, and icon.ico / icon.icns built from those PNGs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appIconSvg, TRAY_COLORS, trayIconSvg } from './icon-art.mjs';
import { buildIcns, buildIco, pngSize } from './icon-containers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'resources', 'icons');
const SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  console.error(`make-icons: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'atom-icons-'));

/** Renders one SVG to a PNG of exactly size x size with a transparent background. */
function render(svg, size, outFile) {
  const page = join(work, `page-${size}.html`);
  writeFileSync(
    page,
    `<!doctype html><html><head><style>html,body{margin:0;padding:0;background:transparent;overflow:hidden}svg{display:block}</style></head><body>${svg}</body></html>`,
  );
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--hide-scrollbars',
    '--default-background-color=00000000',
    '--force-device-scale-factor=1',
    `--screenshot=${outFile}`,
    `--window-size=${size},${size}`,
    `file://${page}`,
  ];
  // A headless start occasionally stalls on a busy machine: retry a couple of times.
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync(CHROMIUM, args, { stdio: 'ignore', timeout: 60_000 });
      break;
    } catch (err) {
      if (attempt >= 3) throw new Error(`make-icons: Chromium failed to render ${outFile}: ${err.message}`, { cause: err });
    }
  }
  const got = pngSize(readFileSync(outFile));
  if (got.width !== size || got.height !== size)
    throw new Error(`make-icons: ${outFile} is ${got.width}x${got.height}, wanted ${size}x${size}`);
}

try {
  mkdirSync(join(OUT, 'tray'), { recursive: true });
  writeFileSync(join(OUT, 'logo.svg'), appIconSvg(1024));
  for (const size of SIZES) {
    render(appIconSvg(size), size, join(OUT, `${size}x${size}.png`));
    console.log(`icons: ${size}x${size}.png`);
  }
  for (const color of Object.keys(TRAY_COLORS)) {
    writeFileSync(join(OUT, 'tray', `tray-${color}.svg`), trayIconSvg(32, color));
    // Electron picks name@2x.png on HiDPI screens.
    render(trayIconSvg(16, color), 16, join(OUT, 'tray', `tray-${color}.png`));
    render(trayIconSvg(32, color), 32, join(OUT, 'tray', `tray-${color}@2x.png`));
    console.log(`icons: tray-${color}`);
  }
  const png = (s) => readFileSync(join(OUT, `${s}x${s}.png`));
  writeFileSync(join(OUT, 'icon.ico'), buildIco([16, 32, 48, 64, 128, 256].map(png)));
  writeFileSync(join(OUT, 'icon.icns'), buildIcns({ ic07: png(128), ic08: png(256), ic09: png(512), ic10: png(1024) }));
  console.log('icons: icon.ico, icon.icns');
} finally {
  rmSync(work, { recursive: true, force: true });
}
