export function pngSize(buf: Buffer): { width: number; height: number };
export function buildIco(pngs: Buffer[]): Buffer;
export const ICNS_TYPES: Record<'ic07' | 'ic08' | 'ic09' | 'ic10', number>;
export function buildIcns(byType: Partial<Record<'ic07' | 'ic08' | 'ic09' | 'ic10', Buffer>>): Buffer;
export function readIco(buf: Buffer): { width: number; height: number; size: number; offset: number }[];
export function readIcns(buf: Buffer): { type: string; length: number }[];
