/**
 * chevrotain's runtime, loaded from the single-file ESM build the package ships. Its entry point
 * is an ESM tree that imports lodash-es module by module (hundreds of files, ≈0.3 s of a cold
 * `vmodel check`); the bundle loads in ≈0.02 s. The package's `exports` map does not list the
 * bundle, so it is found next to the entry point, falling back to the entry point if absent.
 * Types still come from 'chevrotain' itself.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Chevrotain from 'chevrotain';

const entry = createRequire(import.meta.url).resolve('chevrotain'); // …/chevrotain/lib/src/api.js
const bundle = join(dirname(entry), '..', 'chevrotain.mjs');
const chevrotain = (existsSync(bundle) ? await import(pathToFileURL(bundle).href) : await import('chevrotain')) as typeof Chevrotain;

export const { createToken, CstParser, EOF, Lexer } = chevrotain;
