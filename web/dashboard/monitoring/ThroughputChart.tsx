import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ThroughputBucket } from '../api/monitoringOperations.ts';

const HEIGHT = 220;

function toData(buckets: readonly ThroughputBucket[]): uPlot.AlignedData {
  return [buckets.map((b) => Date.parse(b.start) / 1000), buckets.map((b) => b.succeeded), buckets.map((b) => b.failed)];
}

/** Jobs finished per minute, succeeded and failed, over the stats window: a uPlot line chart (bundled, canvas). */
export function ThroughputChart(props: { buckets: readonly ThroughputBucket[] }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | undefined>(undefined);

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const plot = new uPlot(
      {
        width: Math.max(320, element.clientWidth),
        height: HEIGHT,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [{}, { label: 'jobs / min' }],
        series: [
          {},
          { label: 'succeeded', stroke: '#2e7d32', width: 2, fill: 'rgba(46,125,50,0.08)' },
          { label: 'failed', stroke: '#c62828', width: 2 },
        ],
      },
      [[], [], []],
      element,
    );
    chart.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(320, element.clientWidth), height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setData(toData(props.buckets));
  }, [props.buckets]);

  const succeeded = props.buckets.reduce((sum, b) => sum + b.succeeded, 0);
  const failed = props.buckets.reduce((sum, b) => sum + b.failed, 0);
  return (
    <figure className="chart">
      <div ref={container} role="img" aria-label={`Throughput per minute: ${succeeded} succeeded, ${failed} failed over ${props.buckets.length} minutes`} />
      <figcaption className="hint">Finished jobs per minute; updated when jobs finish.</figcaption>
    </figure>
  );
}
