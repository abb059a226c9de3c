/**
 * The infusion-volume chart as a Vega-Lite spec (plain data): CPT units by month, stacked by code.
 * src/reports/chartImage.ts renders it to PNG for the command line; Excel draws its own chart.
 */
import type { VolumePoint } from './types';

export const CHART_TITLE = 'Infusion volume by month (CPT units)';

export function volumeChartSpec(points: VolumePoint[], width = 640, height = 320): Record<string, unknown> {
  const months = [...new Set(points.map((p) => p.month))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: CHART_TITLE, anchor: 'start', fontSize: 16 },
    width,
    height,
    background: 'white',
    padding: 12,
    data: { values: points.map((p) => ({ Month: p.month, Code: p.code, Units: p.units })) },
    mark: { type: 'bar', tooltip: true, width: { band: 0.7 } },
    encoding: {
      x: { field: 'Month', type: 'ordinal', sort: months, axis: { labelAngle: 0, title: 'Month' } },
      y: { aggregate: 'sum', field: 'Units', type: 'quantitative', title: 'CPT units' },
      color: { field: 'Code', type: 'nominal', title: 'CPT code', scale: { scheme: 'tableau20' } },
      order: { field: 'Code', type: 'ordinal' },
    },
    config: { font: 'DejaVu Sans, Liberation Sans, Arial, sans-serif', view: { stroke: null } },
  };
}
