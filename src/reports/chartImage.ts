/**
 * Renders the volume chart to PNG without a browser: Vega-Lite compiles the spec, Vega renders SVG
 * (renderer 'none', no canvas needed), resvg rasterises it. Node only (resvg is a native addon): the
 * command line uses this, the task pane never imports it.
 */
import { volumeChartSpec, type PaymentPoint } from './chart';
import type { VolumePoint } from './types';

export interface ChartImage {
  svg: string;
  png: Buffer;
  /** Pixel size of the PNG. */
  width: number;
  height: number;
  /** Pixels per CSS pixel of the PNG (shown at width / scale by height / scale). */
  scale: number;
}

/** The chart as SVG and PNG, or null when there is nothing to draw. Throws only if a library is missing. */
export async function renderVolumeChart(points: VolumePoint[], scale = 2, payments: PaymentPoint[] = []): Promise<ChartImage | null> {
  if (points.length === 0) return null;
  // Loaded on demand, so a command that writes no chart never pays for them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vega = require('vega') as typeof import('vega');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vl = require('vega-lite') as typeof import('vega-lite');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const months = new Set(points.map((p) => p.month)).size;
  const spec = volumeChartSpec(points, Math.max(360, Math.min(1400, months * 60)), 320, payments);
  const compiled = vl.compile(spec as unknown as import('vega-lite').TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const rendered = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  }).render();
  return { svg, png: rendered.asPng(), width: rendered.width, height: rendered.height, scale };
}
