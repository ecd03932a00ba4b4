import { existsSync, linkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './io.js';

/**
 * Writes `body` to `file` whole or not at all: into a temp file beside it, then renamed over it (with `force`) or
 * linked to the name only if nothing is there yet, so an existing file is never half-overwritten or silently replaced.
 */
export function writeOutFile(file: string, body: string | Uint8Array, force: boolean): void {
  const dir = dirname(resolve(file));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`cannot write ${file}: the folder ${dir} does not exist; create it first or choose another --out path`);
  }
  if (!force && existsSync(file)) throw exists(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(tmp, body);
  try {
    if (force) renameSync(tmp, file);
    else {
      try { linkSync(tmp, file); } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw exists(file);
        throw err;
      }
    }
  } finally {
    rmSync(tmp, { force: true });
  }
}

const exists = (file: string) => new UsageError(`${file} already exists; nothing was written. Add --force to replace it, or choose another --out path`);
