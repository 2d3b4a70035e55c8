// Small display formatters shared by panels.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function clock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function clockMs(ms: number): string {
  return `${clock(ms)}.${pad(new Date(ms).getMilliseconds(), 3)}`;
}

export function gapLabel(from: number, to: number): string {
  return `Valkey unreachable ${clock(from)}–${clock(to)}`;
}

export function downloadText(filename: string, text: string, mime = 'application/x-ndjson'): void {
  downloadParts(filename, [text], mime);
}

/** Downloads parts as one file (a Blob of the parts, never one joined string). */
export function downloadParts(filename: string, parts: string[], mime = 'application/x-ndjson'): void {
  const url = URL.createObjectURL(new Blob(parts, { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The desktop shell grants the page no clipboard permission; the copy command on a
    // selected, off-screen text area needs none inside a click or key press.
    const area = document.createElement('textarea');
    area.value = text;
    area.style.cssText = 'position: fixed; opacity: 0; pointer-events: none';
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}
