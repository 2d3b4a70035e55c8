// Messages per second over the last minute, as an inline SVG.

export function sparkPoints(history: number[], width: number, height: number): string {
  const data = history.slice(-60);
  if (data.length === 0) return '';
  const max = Math.max(1, ...data);
  const step = data.length > 1 ? width / (data.length - 1) : 0;
  return data.map((v, i) => `${(i * step).toFixed(1)},${(height - (v / max) * (height - 2) - 1).toFixed(1)}`).join(' ');
}

export function Sparkline({
  history,
  width = 120,
  height = 28,
  label,
  testId = 'rate-sparkline',
}: {
  history: number[];
  width?: number;
  height?: number;
  /** What it draws, for screen readers; the message rate when not given. */
  label?: string;
  testId?: string;
}) {
  const last = history[history.length - 1] ?? 0;
  const peak = Math.max(0, ...history.slice(-60));
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label ?? `Message rate, last minute: now ${last}/s, peak ${peak}/s`}
      data-testid={testId}
    >
      <polyline points={sparkPoints(history, width, height)} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}
