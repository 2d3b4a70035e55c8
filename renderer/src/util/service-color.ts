// One colour per service, the same in every view (stats charts, the merged log): picked
// from a palette readable on light and dark backgrounds by a hash of the name, so it
// does not change when services are added or reordered.
const PALETTE = ['#2f80ed', '#eb5757', '#27ae60', '#f2994a', '#9b51e0', '#00a3a3', '#d4a017', '#e056a0'];

export function serviceColor(name: string): string {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return PALETTE[(h >>> 0) % PALETTE.length]!;
}
