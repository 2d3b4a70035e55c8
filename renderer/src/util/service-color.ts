// One colour per service, the same in every view (stats charts, the merged log): picked
// by a hash of the name, so it does not change when services are added or reordered.
// Each has a light-theme and a dark-theme shade, both at least 4.5:1 against the page.
const PALETTE: readonly [light: string, dark: string][] = [
  ['#1d4ed8', '#93c5fd'],
  ['#b91c1c', '#fca5a5'],
  ['#15803d', '#86efac'],
  ['#a16207', '#fde047'],
  ['#7e22ce', '#d8b4fe'],
  ['#0f766e', '#5eead4'],
  ['#c2410c', '#fdba74'],
  ['#be185d', '#f9a8d4'],
];

function shades(name: string): [string, string] {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return PALETTE[(h >>> 0) % PALETTE.length]! as [string, string];
}

/** For CSS: the page's colour scheme picks the shade. */
export function serviceColor(name: string): string {
  const [light, dark] = shades(name);
  return `light-dark(${light}, ${dark})`;
}

/** For a canvas (charts), which cannot read CSS: the shade of the scheme in use now. */
export function serviceColorNow(name: string): string {
  const root = document.documentElement;
  const theme = root.getAttribute('data-theme');
  const dark = theme ? theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  return shades(name)[dark ? 1 : 0];
}
