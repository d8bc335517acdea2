/** Writing pictures to disk: an SVG with its PNG rendering side by side, or raw PNG bytes. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { svgToPng } from './svg-to-png.js';

export interface FigurePaths {
  readonly svgPath: string;
  readonly pngPath: string;
}

/** Write `<path>.svg` and its rendering `<path>.png`, creating the directory if needed. */
export async function writeFigure(pathWithoutExt: string, svg: string): Promise<FigurePaths> {
  const svgPath = `${pathWithoutExt}.svg`;
  const pngPath = `${pathWithoutExt}.png`;
  const png = await svgToPng(svg);
  await mkdir(dirname(svgPath), { recursive: true });
  await Promise.all([writeFile(svgPath, svg), writeFile(pngPath, png)]);
  return { svgPath, pngPath };
}

/** Write PNG bytes (e.g. from `imageGrid`) to `path`, creating the directory if needed. */
export async function writePng(path: string, png: Uint8Array): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, png);
  return path;
}
