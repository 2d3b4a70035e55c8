// One streaming time-series chart, drawn by uPlot: a canvas chart made for this (tens
// of thousands of points redrawn in a millisecond or two, 45 KB), where SVG charting
// libraries re-render the DOM on every update.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { serviceColorNow } from '../util/service-color';

export interface ChartSeries {
  service: string;
  /** Seconds since the epoch, ascending. */
  x: number[];
  y: number[];
}

/** Services' series on one time axis (uPlot wants one shared x; gaps are null). */
export function alignSeries(series: ChartSeries[]): uPlot.AlignedData {
  const xs = [...new Set(series.flatMap((s) => s.x))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const row: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    s.x.forEach((x, i) => (row[index.get(x)!] = s.y[i]!));
    return row;
  });
  return [xs, ...ys] as uPlot.AlignedData;
}

export function StatsChart({
  title,
  series,
  format,
  testId,
}: {
  title: string;
  series: ChartSeries[];
  format: (v: number) => string;
  testId: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const names = series.map((s) => s.service).join('\n');

  // A new chart when the set of services changes; otherwise only its data.
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height: 160,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [{ stroke: 'currentColor' }, { stroke: 'currentColor', size: 70, values: (_u, vals) => vals.map((v) => format(v)) }],
      series: [
        {},
        ...series.map((s) => ({
          label: s.service,
          stroke: serviceColorNow(s.service),
          // Services are sampled at their own instants: join across the other services' points.
          spanGaps: true,
          width: 1.5,
          value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)),
        })),
      ],
    };
    const u = new uPlot(opts, alignSeries(series), el);
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(280, el.clientWidth), height: 160 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Only the service names rebuild the chart; data updates go through setData below.
  }, [names]);

  useEffect(() => {
    plot.current?.setData(alignSeries(series));
  }, [series]);

  return (
    <figure className="card stats-chart" data-testid={testId}>
      <figcaption className="card-title">{title}</figcaption>
      <div ref={host} role="img" aria-label={`${title} over the last minutes, per service`} />
    </figure>
  );
}
