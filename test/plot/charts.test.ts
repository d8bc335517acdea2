/**
 * Vega-Lite charts end to end: SVG structure and labels, the data drawn (read back from the marks'
 * aria-labels and path geometry), PNG rendering with visible text, and input errors. Vega and resvg
 * load once for the whole file.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PlotInputError,
  elboCurve,
  gapChart,
  latentScatter,
  lineChart,
  movingAverage,
  robustYMin,
  scatter2d,
  svgToPng,
  writeFigure,
} from '../../src/plot/index.js';
import { textWidth } from '../../src/plot/text-width.js';
import { assertWellFormedXml, colourCount, darkFraction, decodePng, svgSize, svgTexts } from './helpers.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** aria-labels of the marks with the given role description (one per point, line or bar). */
function markLabels(svg: string, role: string): string[] {
  return [...svg.matchAll(new RegExp(`<path aria-label="([^"]*)"[^>]*aria-roledescription="${role}"`, 'g'))].map(
    (m) => m[1]!,
  );
}
/** Vega formats negative numbers with U+2212; turn a label field back into a number. */
const labelNumber = (label: string, field: string) =>
  Number(new RegExp(`${field.replace(/[()]/g, '\\$&')}: ([^;]+)`).exec(label)![1]!.replace('−', '-'));

describe('svgToPng', () => {
  it('draws text with the bundled font, whatever family the SVG asks for', async () => {
    const textSvg = (family: string, text: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">` +
      `<text x="10" y="45" font-family="${family}" font-size="40">${text}</text></svg>`;
    for (const family of ['sans-serif', 'serif', 'NoSuchFont']) {
      const img = decodePng(await svgToPng(textSvg(family, 'Hello'), { scale: 1 }));
      expect([img.width, img.height]).toEqual([200, 60]);
      expect(darkFraction(img, 10, 10, 120, 50)).toBeGreaterThan(0.1);
    }
    const blank = decodePng(await svgToPng(textSvg('sans-serif', ''), { scale: 1 }));
    expect(colourCount(blank)).toBe(1); // white background only
  });

  it('reports an SVG it cannot parse, with resvg’s reason', async () => {
    await expect(svgToPng('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).rejects.toThrow(
      /cannot render the SVG to PNG: .*expected 'g' tag, not 'svg' at 1:44/,
    );
  });

  it('lays text out with widths that match what resvg draws (regular and bold)', async () => {
    for (const [text, weight] of [['Latent space: PC 1 (40.2%)', 'normal'], ['ELBO during fitting', 'bold']] as const) {
      const size = 30;
      const svg =
        `<svg xmlns="http://www.w3.org/2000/svg" width="700" height="50">` +
        `<text x="10" y="38" font-family="sans-serif" font-weight="${weight}" font-size="${size}">${text}</text></svg>`;
      const img = decodePng(await svgToPng(svg, { scale: 1 }));
      let [left, right] = [img.width, 0];
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) {
          if (img.at(x, y)[0] < 128) [left, right] = [Math.min(left, x), Math.max(right, x + 1)];
        }
      }
      // Ink is narrower than the advance by the first and last glyphs' side bearings (< 0.25 em in
      // total); Vega's own guess of 0.8 em per character would be off by 40-50% here.
      const predicted = textWidth(text, size, weight === 'bold');
      expect(right - left).toBeLessThanOrEqual(predicted + 1);
      expect(right - left).toBeGreaterThan(predicted - 0.25 * size);
    }
  });
});

describe('lineChart', () => {
  it('draws one line per series with titles, legend and a PNG at twice the SVG size', async () => {
    const { svg } = await lineChart(
      [
        { name: 'IWAE', x: [1, 2, 4, 8], y: [-95, -93, -92, -91.5] },
        { name: 'ELBO', x: [1, 2, 4, 8], y: [-95, -95, -95, -95] },
      ],
      { title: 'Bound against samples', xLabel: 'samples k', yLabel: 'nats', logX: true },
    );
    assertWellFormedXml(svg);
    const texts = svgTexts(svg);
    for (const t of ['Bound against samples', 'samples k', 'nats', 'IWAE', 'ELBO']) expect(texts).toContain(t);
    expect(markLabels(svg, 'line mark')).toHaveLength(2);

    const dir = await mkdtemp(join(tmpdir(), 'vmodel-plot-'));
    dirs.push(dir);
    const { svgPath, pngPath } = await writeFigure(join(dir, 'sub', 'bound'), svg);
    expect(await readFile(svgPath, 'utf8')).toBe(svg);
    const img = decodePng(await readFile(pngPath));
    const size = svgSize(svg);
    expect([img.width, img.height]).toEqual([2 * size.width, 2 * size.height]);
    // Title text occupies the top-left corner: it must have rendered dark pixels there.
    expect(darkFraction(img, 0, 0, img.width / 2, 60)).toBeGreaterThan(0.01);
    expect(colourCount(img)).toBeGreaterThan(20); // anti-aliased lines in two colours, grey grid, text
  });

  it('is deterministic: the same input gives the same SVG', async () => {
    const series = [{ name: 'a', x: [0, 1, 2], y: [3, 1, 2] }];
    const opts = { title: 't', xLabel: 'x', yLabel: 'y' };
    expect((await lineChart(series, opts)).svg).toBe((await lineChart(series, opts)).svg);
  });

  it('reports mismatched lengths, bad x values and empty input by name', async () => {
    const opts = { title: 't', xLabel: 'x', yLabel: 'y' };
    await expect(lineChart([{ name: 'loss', x: [1, 2], y: [1] }], opts)).rejects.toThrow(
      /series 0 \("loss"\) y has length 1, expected 2/,
    );
    await expect(lineChart([{ name: 'a', x: [0, 1], y: [1, 2] }], { ...opts, logX: true })).rejects.toThrow(
      /x\[0\] = 0 cannot be shown on a log x axis/,
    );
    await expect(lineChart([{ name: 'a', x: [NaN], y: [1] }], opts)).rejects.toThrow(PlotInputError);
    await expect(lineChart([], opts)).rejects.toThrow(/at least one series/);
  });
});

describe('elboCurve', () => {
  const n = 400;
  const train = Array.from({ length: n }, (_, i) => -200 + 100 * (1 - Math.exp(-i / 80)) + 8 * Math.sin(i * 1.7));
  const test = [-150, -120, -110, -106];
  const testAt = [100, 200, 300, 400];

  it('draws raw train values faint under their moving average, and the test curve', async () => {
    const { svg } = await elboCurve({ train, test, testAt }, { unit: 'step' });
    assertWellFormedXml(svg);
    const texts = svgTexts(svg);
    for (const t of ['ELBO during fitting', 'step', 'ELBO (nats)', 'train', 'test']) expect(texts).toContain(t);

    const lines = markLabels(svg, 'line mark');
    const raw = lines.find((l) => l.includes('series: train (raw)'))!;
    const smooth = lines.find((l) => l.includes('series: train (moving average)'))!;
    expect(lines.find((l) => l.includes('series: test'))).toBeDefined();
    expect(lines).toHaveLength(3); // 4 test points → default window 1: the test curve is not smoothed
    // Each line's aria-label describes its first point: step 1 of the raw and smoothed series.
    const window = 20; // default: n/20
    expect(labelNumber(raw, 'ELBO (nats)')).toBeCloseTo(train[0]!, 6);
    expect(labelNumber(smooth, 'ELBO (nats)')).toBeCloseTo(movingAverage(train, window)[0]!, 6);
    // The raw line is translucent and thin; the trend is opaque and bold.
    expect(svg).toMatch(/series: train \(raw\)"[^>]*stroke-width="1" opacity="0.3"/);
    expect(svg).toMatch(/series: train \(moving average\)"[^>]*stroke-width="2.2" opacity="1"/);
  });

  it('does not smooth a short per-epoch trace and labels the axes as asked', async () => {
    const { svg } = await elboCurve({ train: [-120, -100, -95] }, { unit: 'epoch', objective: 'IWAE bound (nats)' });
    const texts = svgTexts(svg);
    for (const t of ['IWAE bound during fitting', 'epoch', 'IWAE bound (nats)']) expect(texts).toContain(t);
    expect(markLabels(svg, 'line mark')).toHaveLength(1);
  });

  it('starts the y axis above a steep early transient, says so, and clips the lines there', async () => {
    // 1,000 steps: the first 5 at −1000, the rest on a plateau rising from −120 to −100.
    const steps = Array.from({ length: 1000 }, (_, i) => (i < 5 ? -1000 : -120 + (20 * i) / 999));
    const trend = Array.from(movingAverage(steps, 1)); // window 1: the trend is the trace itself
    const cut = robustYMin(trend)!;
    const p2 = trend.slice().sort((a, b) => a - b)[Math.floor(0.02 * 999)]!;
    expect(cut).toBeCloseTo(p2 - 0.05 * (-100 - p2), 9);
    expect(cut).toBeGreaterThan(-121);
    expect(robustYMin(train)).toBeUndefined(); // no transient: nothing is cut

    const { svg } = await elboCurve({ train: steps }, { window: 1 });
    expect(svgTexts(svg)).toContain(`y axis cut at ${cut.toPrecision(4).replace('-', '−')}: the first steps lie below`);
    expect(svg).toContain('clip-path="url(#clip1)"');
  });

  it('rejects an empty trace and mismatched test positions', async () => {
    await expect(elboCurve({ train: [] })).rejects.toThrow(/ELBO trace length \(train\) must be an integer ≥ 1, got 0/);
    await expect(elboCurve({ train: [1, 2], test: [1, 2], testAt: [1] })).rejects.toThrow(
      /testAt has length 1, expected 2/,
    );
  });
});

describe('scatter2d and latentScatter', () => {
  it('colours points by label with a legend of the sorted labels', async () => {
    const points = new Float32Array([0, 0, 1, 1, 2, 0, 3, 1, 4, 0, 5, 1]);
    const labels = new Int32Array([2, 0, 1, 2, 0, 1]);
    const { svg } = await scatter2d(points, labels, { title: 'Codes', xLabel: 'u', yLabel: 'v', labelName: 'digit' });
    assertWellFormedXml(svg);
    const marks = markLabels(svg, 'point');
    expect(marks).toHaveLength(6);
    expect(marks[3]).toBe('u: 3; v: 1; digit: 2');
    const texts = svgTexts(svg);
    for (const t of ['Codes', 'u', 'v', 'digit']) expect(texts).toContain(t);
    const legend = texts.filter((t) => ['0', '1', '2'].includes(t));
    expect(legend.slice(-3)).toEqual(['0', '1', '2']); // legend entries come last, in order
    // Same label → same colour; different labels → different colours.
    const fill = (i: number) =>
      /fill="([^"]+)"/.exec([...svg.matchAll(/aria-roledescription="point"[^>]*>/g)][i]![0])![1];
    expect(fill(0)).toBe(fill(3));
    expect(new Set([fill(0), fill(1), fill(2)]).size).toBe(3);
  });

  it('varies marker shape as well as colour beyond eight classes', async () => {
    const n = 12;
    const points = new Float32Array(2 * n).map((_, i) => i);
    const labels = Array.from({ length: n }, (_, i) => `class ${i}`);
    const { svg } = await scatter2d(points, labels, { title: 'many' });
    const symbol = (i: number) => {
      const m = [...svg.matchAll(/aria-roledescription="point"[^>]*>/g)][i]![0];
      return `${/fill="([^"]+)"/.exec(m)![1]} ${/ d="([^"]+)"/.exec(m)![1]}`;
    };
    expect(new Set(Array.from({ length: n }, (_, i) => symbol(i))).size).toBe(n);
  });

  it('plots 2-D codes directly and higher-dimensional codes on their principal components', async () => {
    const z2 = new Float32Array([0.5, -1, 2, 3]);
    const direct = await latentScatter(z2, 2, 2);
    expect(markLabels(direct.svg, 'point')).toEqual(['z₁: 0.5; z₂: −1', 'z₁: 2; z₂: 3']);
    // Float labels (as read from a numeric data column) sort numerically: 10 after 9.
    const numeric = await latentScatter(new Float32Array(6), 3, 2, new Float32Array([10, 9, 10]));
    const texts2 = svgTexts(numeric.svg);
    expect(texts2.slice(texts2.indexOf('label') - 2, texts2.indexOf('label'))).toEqual(['9', '10']);

    // Four points in 3-D: t·(0, 3, 4)/5 for t = −10, −5, 5, 10 plus an uncorrelated offset along
    // (1, 0, 0) of ∓0.25 about its mean. Variances 250/3 and 0.25/3: PC 1 holds 250/250.25 = 99.9%.
    const z3 = new Float32Array([0, -6, -8, 0.5, -3, -4, 0.5, 3, 4, 0, 6, 8]);
    const { svg } = await latentScatter(z3, 4, 3, ['a', 'b', 'a', 'b']);
    const texts = svgTexts(svg);
    expect(texts).toContain('PC 1 (99.9% of variance)');
    expect(texts).toContain('PC 2 (0.1% of variance)');
    expect(texts).toContain('Latent space (z, 3-D): first two principal components');
    const marks = markLabels(svg, 'point');
    const pc1 = marks.map((l) => labelNumber(l, 'PC 1 (99.9% of variance)'));
    const pc2 = marks.map((l) => labelNumber(l, 'PC 2 (0.1% of variance)'));
    [-0.25, 0.25, 0.25, -0.25].forEach((v, i) => expect(pc2[i]).toBeCloseTo(v, 5));
    [-10, -5, 5, 10].forEach((v, i) => expect(pc1[i]).toBeCloseTo(v, 5));
  });

  it('reports mis-shaped input', async () => {
    await expect(scatter2d(new Float32Array(3), undefined, { title: 't' })).rejects.toThrow(/n×2/);
    await expect(scatter2d(new Float32Array(4), new Int32Array(3), { title: 't' })).rejects.toThrow(
      /scatter2d labels has length 3, expected 2/,
    );
    await expect(latentScatter(new Float32Array(5), 2, 3)).rejects.toThrow(/latents \(n×dim\) has length 5, expected 6/);
  });
});

describe('gapChart', () => {
  const rows = [
    { guide: 'meanfield', logpx: -88.2, elbo: -92, approxGap: 3.8, amortGap: 0 },
    { guide: 'amortized', logpx: -88.2, elbo: -95.1, approxGap: 3.8, amortGap: 3.1 },
  ];

  it('stacks the amortization gap on the approximation gap, bar heights proportional to the gaps', async () => {
    const { svg } = await gapChart(rows);
    assertWellFormedXml(svg);
    const texts = svgTexts(svg);
    for (const t of ['meanfield', 'amortized', 'approximation gap', 'amortization gap', '3.80', '6.90']) {
      expect(texts).toContain(t);
    }
    // Bars are paths "M x,y h w v height h −w Z"; read (label, y, height).
    const bars = [...svg.matchAll(/aria-label="guide: (\w+);[^"]*part: ([\w ]+);[^"]*"[^>]* d="M[\d.]+,([\d.]+)h[\d.]+v([\d.]+)h/g)].map(
      (m) => ({ guide: m[1]!, part: m[2]!, y: Number(m[3]), height: Number(m[4]) }),
    );
    expect(bars).toHaveLength(4);
    const bar = (guide: string, part: string) => bars.find((b) => b.guide === guide && b.part === part)!;
    const pxPerNat = bar('meanfield', 'approximation gap').height / 3.8;
    expect(bar('amortized', 'approximation gap').height / pxPerNat).toBeCloseTo(3.8, 6);
    expect(bar('amortized', 'amortization gap').height / pxPerNat).toBeCloseTo(3.1, 6);
    expect(bar('meanfield', 'amortization gap').height).toBe(0);
    // Stacked: the amortization bar ends where the approximation bar begins.
    const amort = bar('amortized', 'amortization gap');
    expect(amort.y + amort.height).toBeCloseTo(bar('amortized', 'approximation gap').y, 6);
  });

  it('rejects rows whose parts do not add up to log p(x) − ELBO, non-finite values and duplicate guides', async () => {
    await expect(gapChart([{ ...rows[0]!, amortGap: 1 }])).rejects.toThrow(
      /guide "meanfield"\): approxGap \+ amortGap = 4.8 but logpx − elbo = 3.8/,
    );
    await expect(gapChart([{ ...rows[0]!, elbo: NaN }])).rejects.toThrow(/elbo is NaN/);
    await expect(gapChart([rows[0]!, rows[0]!])).rejects.toThrow(/distinct/);
    await expect(gapChart([])).rejects.toThrow(PlotInputError);
  });
});
