/** Diagnostic codes reported by the checker (E02xx–E09xx, W02xx–W09xx). */
import type { CodeInfo } from '../diagnostics.js';

export const CHECK_CODES: CodeInfo[] = [];
