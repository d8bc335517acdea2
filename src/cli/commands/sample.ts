/**
 * `vmodel sample RUN`: draws of the observed variables from the fitted model, from the prior
 * (z ~ p(z), x ~ p(x | z)) or the posterior predictive (z ~ q(z | x) for the training rows).
 * Written as CSV (one column per element, like data files) and, for image data, a PNG grid.
 */
import { join } from 'node:path';
import { intOption, type CommandSpec, type ParsedArgs } from '../args.js';
import { BACKEND_OPTION, THREADS_OPTION } from '../backend-option.js';
import { engine } from '../engine.js';
import { UsageError } from '../errors.js';
import { imageVariables, toIntensities } from '../image-shape.js';
import { elementIndex } from '../format.js';
import type { Io } from '../io.js';
import { binarizeOnce } from '../load-data.js';
import { restoreRun } from '../restore-run.js';
import { writeAtomic } from '../run-files.js';

export const sampleSpec: CommandSpec = {
  name: 'sample',
  summary: 'Draw data from a fitted model: RUN/samples-<prior|posterior>-VAR.csv, and a PNG grid for image data.',
  positionals: [{ name: 'RUN', description: 'a run directory written by vmodel fit' }],
  options: [
    { name: 'n', type: 'string', value: 'N', description: 'number of draws (default 64)' },
    { name: 'prior', type: 'boolean', description: 'draw z from the prior (the default)' },
    { name: 'posterior', type: 'boolean', description: 'draw z from the guide given each training row (posterior predictive)' },
    { name: 'seed', type: 'string', value: 'N', description: 'random seed (default: the run\'s)' },
    BACKEND_OPTION,
    THREADS_OPTION,
  ],
  examples: ['vmodel sample runs/vae --n 100', 'vmodel sample runs/blr --posterior --n 1000'],
};

export async function sampleCommand(args: ParsedArgs, io: Io): Promise<number> {
  if (args.values.prior && args.values.posterior) throw new UsageError('give --prior or --posterior, not both', 'sample');
  const mode = args.values.posterior ? 'posterior' : 'prior';
  const n = intOption(args.values, 'n', 'sample') ?? 64;
  const dir = args.positionals[0]!;
  const run = await restoreRun(dir, io, args.values, 'sample');
  const seed = intOption(args.values, 'seed', 'sample', 0) ?? run.config.settings.seed;
  try {
    const draws = (await engine()).predictiveSamples(run.prepared, binarizeOnce(run.train, seed), { n, mode, seed });
    const written: string[] = [];
    for (const [name, d] of Object.entries(draws)) {
      const size = d.values.length / n;
      const header = size === 1 && d.shape.length === 0 ? [name] : Array.from({ length: size }, (_, i) => `${name}[${elementIndex(i, d.shape)}]`);
      const lines = [header.join(',')];
      for (let r = 0; r < n; r++) lines.push(Array.from(d.values.subarray(r * size, (r + 1) * size)).join(','));
      const path = join(dir, `samples-${mode}-${name}.csv`);
      writeAtomic(path, `${lines.join('\n')}\n`);
      written.push(path);
    }
    const images = imageVariables(run.train).filter((im) => draws[im.name]);
    if (images.length) {
      const plot = await import('../../plot/index.js');
      for (const image of images) {
        const d = draws[image.name]!;
        const png = plot.imageGrid(toIntensities(d.means ?? d.values, image), { ...plot.gridShape(n), h: image.h, w: image.w });
        written.push(await plot.writePng(join(dir, 'pictures', `samples-${mode}-${image.name}.png`), png));
      }
    }
    io.out(`${n} ${mode} draws of ${Object.keys(draws).join(', ')}\n${written.join('\n')}\n`);
  } finally {
    run.prepared.store.dispose();
  }
  return 0;
}
