/** Shared checks for picture tests: XML well-formedness, PNG decoding and pixel statistics. */
import { decode } from 'fast-png';

/**
 * Throws unless `xml` has exactly one root element and every start tag is closed in order.
 * (resvg, which rasterizes the SVGs in these tests, also rejects malformed XML; this check names
 * the first unbalanced tag.)
 */
export function assertWellFormedXml(xml: string): void {
  const body = xml
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/g, '')
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const stack: string[] = [];
  let roots = 0;
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?>/g)) {
    const [tag, closing, name] = m;
    const selfClosing = tag.endsWith('/>');
    if (stack.length === 0 && !closing) roots++;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? 'nothing'}> at offset ${m.index}`);
    } else if (!selfClosing) {
      stack.push(name!);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('> <')}>`);
  if (roots !== 1) throw new Error(`expected one root element, found ${roots}`);
}

export interface Rgba {
  readonly width: number;
  readonly height: number;
  /** The RGBA bytes of pixel (x, y). */
  at(x: number, y: number): [number, number, number, number];
}

/** Decode PNG bytes to RGBA pixels (greyscale and RGB are expanded). */
export function decodePng(png: Uint8Array): Rgba {
  const img = decode(png);
  const { width, height, channels, data } = img;
  if (img.depth !== 8) throw new Error(`expected 8-bit PNG, got depth ${img.depth}`);
  return {
    width,
    height,
    at(x, y) {
      const i = (y * width + x) * channels;
      if (channels === 1) return [data[i]!, data[i]!, data[i]!, 255];
      if (channels === 2) return [data[i]!, data[i]!, data[i]!, data[i + 1]!];
      if (channels === 3) return [data[i]!, data[i + 1]!, data[i + 2]!, 255];
      return [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
    },
  };
}

/** Fraction of pixels in the box [x0, x1) × [y0, y1) that are darker than mid-grey in every channel. */
export function darkFraction(img: Rgba, x0 = 0, y0 = 0, x1 = img.width, y1 = img.height): number {
  let dark = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const [r, g, b] = img.at(x, y);
      if (r < 128 && g < 128 && b < 128) dark++;
    }
  }
  return dark / ((x1 - x0) * (y1 - y0));
}

/** Number of distinct RGB colours in the image (a blank image has one). */
export function colourCount(img: Rgba): number {
  const seen = new Set<number>();
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const [r, g, b] = img.at(x, y);
      seen.add((r << 16) | (g << 8) | b);
    }
  }
  return seen.size;
}

/** The `viewBox`/`width`/`height` size of an SVG document's root element. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const num = (attr: string) => Number(new RegExp(`\\b${attr}="([\\d.]+)(?:pt|px)?"`).exec(root)?.[1]);
  return { width: num('width'), height: num('height') };
}

/** Texts of all `<text>` elements, entity-decoded. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  );
}
