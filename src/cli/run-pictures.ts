/**
 * The pictures of a run, written under `pictures/` as SVG and PNG (image grids PNG only): the
 * objective curve, the plate diagram, the latent space, reconstructions, samples, and a mixture's
 * per-component images. The plotting
 * library is imported here on first use, so commands that draw nothing start fast.
 */
import { join } from 'node:path';
import type { ModelGraph } from '../graph/ir.js';
import type { FitAnalysis } from './fit-analysis.js';
import { toIntensities } from './image-shape.js';

/** The plate diagram of `graph` (with a written guide's inference network dashed) as `<base>.svg/.png`. */
export async function drawPlateDiagram(graph: ModelGraph, base: string, guide?: string): Promise<string[]> {
  const plot = await import('../plot/index.js');
  const { toDot } = await import('../graph/index.js');
  const written = guide !== undefined && graph.guides.some((g) => g.name === guide && g.kind === 'written');
  const svg = await plot.renderDot(toDot(graph, written ? { guide } : {}));
  const { svgPath, pngPath } = await plot.writeFigure(base, svg);
  return [svgPath, pngPath];
}

/** Every picture of a fit; returns the paths written. */
export async function drawFitPictures(dir: string, graph: ModelGraph, guide: string | undefined, trace: ArrayLike<number>, objective: string, analysis: FitAnalysis): Promise<string[]> {
  const plot = await import('../plot/index.js');
  const written: string[] = [];
  const figure = async (name: string, svg: string) => {
    const { svgPath, pngPath } = await plot.writeFigure(join(dir, name), svg);
    written.push(svgPath, pngPath);
  };
  await figure('elbo', (await plot.elboCurve({ train: trace }, { title: `${graph.name}: ${objective} per data row`, objective })).svg);
  written.push(...(await drawPlateDiagram(graph, join(dir, 'plate'), guide)));
  const latents = analysis.latents;
  if (latents) {
    const svg = await plot.latentScatter(latents.values, latents.n, latents.dim, latents.labels, { title: `${graph.name}: latent space (guide means of ${latents.name})`, latentName: latents.name });
    await figure('latents', svg.svg);
  }
  for (const { image, originals, reconstructions, samples, components } of analysis.images) {
    const suffix = analysis.images.length > 1 ? `-${image.name}` : '';
    if (originals && reconstructions) {
      const cols = Math.min(8, originals.length / (image.h * image.w));
      const png = plot.reconstructionGrid(toIntensities(originals, image), toIntensities(reconstructions, image), { cols, h: image.h, w: image.w });
      written.push(await plot.writePng(join(dir, `reconstructions${suffix}.png`), png));
    }
    if (components) {
      const n = components.values.length / (image.h * image.w);
      const png = plot.imageGrid(toIntensities(components.values, image), { ...plot.gridShape(n), h: image.h, w: image.w });
      written.push(await plot.writePng(join(dir, `components-${components.name}.png`), png));
    }
    if (samples) {
      const n = samples.length / (image.h * image.w);
      const png = plot.imageGrid(toIntensities(samples, image), { ...plot.gridShape(n), h: image.h, w: image.w });
      written.push(await plot.writePng(join(dir, `samples${suffix}.png`), png));
    }
  }
  return written;
}
