/**
 * NumPy `.npz` reader: a zip archive of `NAME.npy` members (`np.savez` stores them,
 * `np.savez_compressed` deflates them); each member is variable NAME.
 *
 * Only the zip central directory is trusted for sizes (NumPy's writer puts placeholder sizes
 * with a ZIP64 extra field in local headers); archives whose members need ZIP64 sizes (> 4 GiB)
 * are not supported.
 */
import { inflateRawSync } from 'node:zlib';
import { D } from './codes.js';
import type { RawField, ReadContext } from './field.js';
import { readNpy } from './read-npy.js';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

interface Member {
  readonly name: string;
  readonly data: Uint8Array;
}

/** The archive's members, or a message saying why it cannot be read. */
export function unzipMembers(bytes: Uint8Array): Member[] | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is the last 22 bytes plus an optional comment of up to 65,535 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return 'not a zip archive (no end of central directory)';
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const members: Member[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_ENTRY) return 'corrupt zip central directory';
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) return `member '${name}' needs ZIP64 (over 4 GiB), which is not supported`;
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_HEADER) return `corrupt zip local header for '${name}'`;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(start, start + compressed);
    if (raw.length !== compressed) return `member '${name}' is truncated`;
    if (method === 0) members.push({ name, data: raw });
    else if (method === 8) {
      try {
        members.push({ name, data: inflateRawSync(raw) });
      } catch (e) {
        return `member '${name}' cannot be inflated: ${(e as Error).message}`;
      }
    } else return `member '${name}' uses zip compression method ${method}; only stored (0) and deflate (8) are supported`;
  }
  return members;
}

export function readNpz(bytes: Uint8Array, ctx: ReadContext): RawField[] {
  const { file, sink } = ctx;
  const members = unzipMembers(bytes);
  if (typeof members === 'string') {
    sink.error(D.malformed, { file }, members);
    return [];
  }
  const arrays = members.filter((m) => m.name.endsWith('.npy'));
  const chosen = ctx.variable === undefined ? arrays : arrays.filter((m) => m.name === `${ctx.variable}.npy`);
  if (chosen.length === 0) {
    sink.error(ctx.variable === undefined ? D.empty : D.missing, { file },
      ctx.variable === undefined ? 'the archive has no .npy members' : `the archive has no member '${ctx.variable}.npy'`,
      arrays.length > 0 ? `its arrays are ${arrays.map((m) => m.name.slice(0, -4)).join(', ')}` : undefined);
    return [];
  }
  return chosen.flatMap((m) => readNpy(m.data, m.name.slice(0, -4), { ...ctx, file: `${file}:${m.name}` }));
}
