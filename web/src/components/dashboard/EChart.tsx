// Why: one ECharts instance (canvas) in a React element: created once, given each new option whole, resized with
// its container, disposed with it. The figure's words stand in for the picture for screen readers.
import { useEffect, useRef } from 'react';
import type { EChartsOption } from 'echarts';
import { echarts } from '../../charts.ts';

interface Props {
  option: EChartsOption;
  height: number;
  /** What the chart shows, for those who cannot see it (the table beside it has the figures). */
  label: string;
  testId?: string;
}

export function EChart({ option, height, label, testId }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  useEffect(() => {
    const c = echarts.init(element.current, null, { renderer: 'canvas' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(element.current!);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  useEffect(() => {
    chart.current?.resize();
  }, [height]);
  return <div ref={element} className="chart" style={{ blockSize: height }} role="img" aria-label={label} data-testid={testId} />;
}
