/**
 * Pictures: the ELBO curve, the latent space, image grids (samples, reconstructions, mixture
 * means), the inference-gap chart of `compare`, and plate diagrams from Graphviz DOT.
 *
 * Charts are Vega-Lite specs rendered headlessly to SVG; DOT is laid out by Graphviz compiled to
 * WebAssembly; `writeFigure` writes each SVG next to a PNG rasterized by resvg (WebAssembly) with a
 * bundled font; image grids are encoded straight to PNG. Vega, Graphviz and resvg (the heavy
 * libraries) load on first use, so importing this module does not slow the CLI's start.
 */
export { PlotInputError } from './plot-error.js';
export { lineChart, type LineSeries, type LineChartOptions } from './line-chart.js';
export { elboCurve, robustYMin, type ObjectiveTrace, type ElboCurveOptions } from './elbo-curve.js';
export { movingAverage } from './moving-average.js';
export { scatter2d, type ScatterOptions, type Labels } from './scatter.js';
export { latentScatter, type LatentScatterOptions } from './latent-scatter.js';
export { principalComponents, type Pca } from './pca.js';
export { imageGrid, reconstructionGrid, gridShape, gridSize, type ImageGridOptions } from './image-grid.js';
export { gapChart, type GapRow } from './gap-chart.js';
export { renderDot } from './render-dot.js';
export { svgToPng, type PngOptions } from './svg-to-png.js';
export { writeFigure, writePng, type FigurePaths } from './write-figure.js';
