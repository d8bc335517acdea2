/**
 * The shared look of every chart: one font (DejaVu Sans, bundled for PNG rendering so text never
 * depends on system fonts), a colour-blind-safe palette, and sizes that stay legible when the
 * PNG is shown at half its pixel size.
 */

/** CSS font stack written into SVGs; the PNG renderer maps every family to the bundled DejaVu Sans. */
export const FONT_FAMILY = 'DejaVu Sans, Verdana, Helvetica, Arial, sans-serif';

/**
 * Okabe & Ito's palette (2008), distinguishable under the common colour-vision deficiencies.
 * Ordered so that the first colours are the most distinct on white; yellow comes late because thin
 * yellow lines are hard to see.
 */
export const PALETTE: readonly string[] = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#E69F00', // orange
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#000000', // black
  '#F0E442', // yellow
];

/** Default plotting-area size in CSS pixels (the PNG is rendered at 2x). */
export const CHART_WIDTH = 520;
export const CHART_HEIGHT = 320;

/** Vega-Lite `config` block applied to every chart. */
export const VEGA_LITE_CONFIG = {
  font: FONT_FAMILY,
  background: 'white',
  padding: 16,
  view: { stroke: '#bbbbbb' },
  title: { fontSize: 16, fontWeight: 'bold', anchor: 'start', offset: 12, color: '#222222' },
  axis: {
    labelFontSize: 12,
    titleFontSize: 13,
    titleFontWeight: 'normal',
    titleColor: '#222222',
    labelColor: '#333333',
    gridColor: '#e6e6e6',
    domainColor: '#888888',
    tickColor: '#888888',
    titlePadding: 10,
    labelSeparation: 8, // tick labels closer than this count as overlapping and are thinned out
  },
  legend: {
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 'bold',
    labelLimit: 0, // never truncate legend labels with an ellipsis
    symbolSize: 120,
    symbolStrokeWidth: 2.5,
    symbolOpacity: 1, // a faint layer must not make its legend entry faint
  },
  range: { category: [...PALETTE] },
} as const;
