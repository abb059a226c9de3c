/**
 * The infusion-volume chart as a Vega-Lite spec (plain data): CPT units by month, stacked by code.
 * src/reports/chartImage.ts renders it to PNG for the command line; Excel draws its own chart.
 */
import type { VolumePoint } from './types';

export const CHART_TITLE = 'Infusion volume by month (CPT units)';

/** Expected payment of one month (estimate), drawn as a line over the bars when amounts are known. */
export interface PaymentPoint {
  month: string;
  amount: number;
}

export const PAYMENT_TITLE = 'Expected payment, estimate ($, right axis)';

export function volumeChartSpec(points: VolumePoint[], width = 640, height = 320, payments: PaymentPoint[] = []): Record<string, unknown> {
  const months = [...new Set([...points.map((p) => p.month), ...payments.map((p) => p.month)])].sort();
  const x = { field: 'Month', type: 'ordinal', sort: months, axis: { labelAngle: 0, title: 'Month' } };
  const bars = {
    data: { values: points.map((p) => ({ Month: p.month, Code: p.code, Units: p.units })) },
    mark: { type: 'bar', tooltip: true, width: { band: 0.7 } },
    encoding: {
      x,
      y: { aggregate: 'sum', field: 'Units', type: 'quantitative', title: 'CPT units' },
      color: { field: 'Code', type: 'nominal', title: 'CPT code', scale: { scheme: 'tableau20' } },
      order: { field: 'Code', type: 'ordinal' },
    },
  };
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: payments.length ? `${CHART_TITLE} and expected payment` : CHART_TITLE, anchor: 'start', fontSize: 16 },
    width,
    height,
    background: 'white',
    padding: 12,
    config: { font: 'DejaVu Sans, Liberation Sans, Arial, sans-serif', view: { stroke: null } },
  };
  if (payments.length === 0) return { ...base, ...bars };
  const line = {
    data: { values: payments.map((p) => ({ Month: p.month, Payment: p.amount })) },
    mark: { type: 'line', point: true, color: 'black', tooltip: true },
    encoding: { x, y: { field: 'Payment', type: 'quantitative', title: PAYMENT_TITLE, axis: { orient: 'right', format: '$,.0f' } } },
  };
  return { ...base, layer: [bars, line], resolve: { scale: { y: 'independent' } } };
}
