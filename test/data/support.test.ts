import { describe, expect, it } from 'vitest';
import { loadData, parseBinarize, type DataSpec } from '../../src/data/index.js';
import { rendered, spec, tempFile } from './helpers.js';

/** The first line of each rendered diagnostic for `data` (object of arrays) loaded against `specs`. */
function problems(data: Record<string, unknown[]>, specs: DataSpec[], options = {}): string[] {
  const path = tempFile('d.json', JSON.stringify(data));
  return rendered(loadData(path, specs, options).diagnostics, path).map((l) => l.split('\n')[0]!);
}

describe('support checks per declared kind', () => {
  it('unit and interval are closed; int must be whole', () => {
    expect(problems({ u: [0, 1, 1.5, -0.1], v: [2, 3, 2.5, 3.5], k: [-3, 0, 2.5, 4e9] }, [spec('u', 'unit'), spec('v', 'interval', [], [2, 3]), spec('k', 'int')])).toEqual([
      "error[D0003]: FILE, row 3, column 'u': 1.5 is outside [0, 1]",
      "error[D0003]: FILE, row 4, column 'u': -0.1 is outside [0, 1]",
      "error[D0003]: FILE, row 4, column 'v': 3.5 is outside [2, 3]",
      "error[D0003]: FILE, row 3, column 'k': 2.5 is not an integer",
      "error[D0003]: FILE, row 4, column 'k': 4000000000 does not fit a 32-bit integer",
    ]);
  });

  it('simplex rows: entries >= 0 that sum to 1 within the tolerance', () => {
    const p = [[0.2, 0.3, 0.5], [0.3333, 0.3333, 0.3334], [0.5, 0.5, 0.1], [1.1, -0.1, 0], [0.99995, 0, 0]];
    expect(problems({ p }, [spec('p', 'simplex', [3])])).toEqual([
      "error[D0003]: FILE, row 3, column 'p': the entries sum to 1.1, not 1",
      "error[D0003]: FILE, row 4, column 'p[2]': -0.1 is negative (simplex entries are >= 0)",
    ]);
    const batched = [[[0.5, 0.5], [0.5, 0.4]]];
    expect(problems({ p: batched }, [spec('p', 'simplex', [2, 2])])).toEqual([
      "error[D0003]: FILE, row 1, column 'p[2,:]': the entries sum to 0.9, not 1",
    ]);
  });

  it('cholesky factors: lower-triangular with a positive diagonal', () => {
    const L = [[[2, 0], [0.5, 1]], [[1, 0.1], [0, -1]]];
    expect(problems({ L }, [spec('L', 'cholesky', [2, 2])])).toEqual([
      "error[D0003]: FILE, row 2, column 'L[1,2]': 0.1 is above the diagonal of a Cholesky factor (expected 0)",
      "error[D0003]: FILE, row 2, column 'L[2,2]': diagonal entry -1 is not positive",
    ]);
  });

  it('covariance matrices: symmetric and positive definite', () => {
    const S = [[[2, 1], [1, 2]], [[1, 0.5], [0.4, 1]], [[1, 2], [2, 1]]];
    expect(problems({ S }, [spec('S', 'covariance', [2, 2])])).toEqual([
      "error[D0003]: FILE, row 2, column 'S[1,2]': the matrix is not symmetric: 0.5 here but 0.4 at [2,1]",
      "error[D0003]: FILE, row 3, column 'S': the matrix is not positive definite",
    ]);
  });

  it('real accepts any finite value that float32 can hold', () => {
    expect(problems({ r: [-1e30, 0, 1e-30] }, [spec('r', 'real')])).toEqual([]);
    expect(problems({ r: [1, 1e39] }, [spec('r', 'real')])).toEqual(["error[D0003]: FILE, row 2, column 'r': 1e+39 is too large for 32-bit floats"]);
  });
});

describe('binarization options', () => {
  it('a fixed threshold maps value > threshold to 1, and the 0/1 check applies afterwards', () => {
    const path = tempFile('b.json', JSON.stringify({ x: [[0.2, 0.5, 0.51, 1]] }));
    const r = loadData(path, [spec('x', 'binary', [4])], { binarize: { threshold: 0.5 } });
    expect(Array.from(r.dataset!.columns.x!.values)).toEqual([0, 0, 1, 1]);
  });

  it('dynamic binarization needs intensities in [0, 1]', () => {
    expect(problems({ x: [[0.2, 1.5]] }, [spec('x', 'binary', [2])], { binarize: 'dynamic' })).toEqual([
      "error[D0003]: FILE, row 1, column 'x[2]': 1.5 is not an intensity in [0, 1] (binarize: dynamic)",
    ]);
  });

  it('warns when nothing is declared binary', () => {
    const path = tempFile('w.json', JSON.stringify({ y: [0.5] }));
    const r = loadData(path, [spec('y', 'real')], { binarize: 'dynamic' });
    expect(r.dataset).toBeDefined();
    expect(rendered(r.diagnostics, path)).toEqual(['warning[D0013]: FILE: binarize dynamic has no effect: no data variable is declared binary']);
  });

  it('parses and checks the command-line setting', () => {
    expect(parseBinarize('0.5')).toEqual({ threshold: 0.5 });
    expect(parseBinarize('dynamic')).toBe('dynamic');
    expect(() => parseBinarize('half')).toThrow("--binarize expects none, dynamic or a threshold in [0, 1), got 'half'");
    expect(() => parseBinarize('1.5')).toThrow('binarize threshold must be a number in [0, 1) (intensity units), got 1.5');
    expect(() => loadData([], [], { binarize: { threshold: -1 } })).toThrow(RangeError);
  });
});
