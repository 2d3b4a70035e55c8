// The Atom Desktop mark as SVG: three electron orbits around a nucleus. The app icon
// sits on a rounded dark tile; the tray mark is the bare atom in a status colour.
// Small sizes get a simpler, bolder drawing so they stay legible.

const orbit = (angle, { rx, ry, width, stroke }) =>
  `<ellipse cx="512" cy="512" rx="${rx}" ry="${ry}" fill="none" stroke="${stroke}" stroke-width="${width}" transform="rotate(${angle} 512 512)"/>`;

/** Point on the orbit ellipse at parameter t (radians), after rotating by `angle` degrees. */
function onOrbit(angle, t, rx, ry) {
  const a = (angle * Math.PI) / 180;
  const x = rx * Math.cos(t);
  const y = ry * Math.sin(t);
  return [512 + x * Math.cos(a) - y * Math.sin(a), 512 + x * Math.sin(a) + y * Math.cos(a)].map((v) => v.toFixed(1));
}

/** The app icon at `size` px (drawn on a 1024 grid). */
export function appIconSvg(size) {
  const small = size <= 32;
  const o = small ? { rx: 360, ry: 150, width: 84 } : { rx: 372, ry: 138, width: 46 };
  const electrons = small
    ? ''
    : [
        [0, 0.35],
        [60, 2.4],
        [120, 4.3],
      ]
        .map(([angle, t]) => {
          const [x, y] = onOrbit(angle, t, o.rx, o.ry);
          return `<circle cx="${x}" cy="${y}" r="40" fill="#e0f2fe" stroke="#0f172a" stroke-width="14"/>`;
        })
        .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 1024 1024">
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#1e3a5f"/>
      <stop offset="1" stop-color="#0b1120"/>
    </linearGradient>
    <linearGradient id="ring" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#22d3ee"/>
      <stop offset="1" stop-color="#818cf8"/>
    </linearGradient>
    <radialGradient id="core" cx="0.4" cy="0.35" r="0.7">
      <stop offset="0" stop-color="#fef3c7"/>
      <stop offset="0.55" stop-color="#fbbf24"/>
      <stop offset="1" stop-color="#f97316"/>
    </radialGradient>
  </defs>
  <rect x="${small ? 16 : 48}" y="${small ? 16 : 48}" width="${small ? 992 : 928}" height="${small ? 992 : 928}" rx="${small ? 200 : 208}" fill="url(#tile)"/>
  ${[0, 60, 120].map((a) => orbit(a, { ...o, stroke: 'url(#ring)' })).join('\n  ')}
  <circle cx="512" cy="512" r="${small ? 118 : 92}" fill="url(#core)"/>
  ${electrons}
</svg>`;
}

export const TRAY_COLORS = { green: '#22c55e', amber: '#f59e0b', red: '#ef4444', grey: '#9ca3af' };

/** The tray mark: transparent background, atom in the status colour with a dark rim. */
export function trayIconSvg(size, color) {
  const fill = TRAY_COLORS[color];
  const o = { rx: 430, ry: 170, width: size <= 16 ? 104 : 88 };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 1024 1024">
  ${[0, 60, 120].map((a) => orbit(a, { ...o, stroke: fill })).join('\n  ')}
  <circle cx="512" cy="512" r="170" fill="${fill}" stroke="#111827" stroke-width="48"/>
</svg>`;
}
