/**
 * A template's own files on the server's disk: a shallow clone of its repository (or, for a
 * built-in, Slipway's `templates/<name>` folder). Everything a run reads from it is resolved
 * on disk first (realpath) and must stay inside the checkout: a repository can hold symlinks,
 * and git writes them as they are, so `url: ./etclink` with `etclink -> /etc` would otherwise
 * read the server's files. A folder reached through a link that stays inside the checkout is
 * read; links inside the folder read are left out, whatever they point at.
 *
 * Messages name paths as the template writes them (`./etclink`), never the server's directories.
 */
import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { SlipwayError, workspacePath } from '@slipway/core';
import { readTree, type Tree } from './tree.ts';

export class TemplateCheckout {
  private constructor(
    /** The checkout's real path. */
    readonly root: string,
    /** The folder of the template's file, relative to the root ('' for the root itself). */
    readonly folder: string,
  ) {}

  static async open(root: string, folder: string): Promise<TemplateCheckout> {
    return new TemplateCheckout(await realpath(root), workspacePath(folder));
  }

  /** Reads the folder `url` (relative to the template's file) with its regular files. */
  async readFolder(url: string): Promise<Tree> {
    const dir = await this.resolve(url);
    const info = await stat(dir).catch((error: unknown) => {
      throw readFailed(url, error);
    });
    if (!info.isDirectory())
      throw new SlipwayError('invalid_input', `fetch url "${url}" names a file, not a folder of the template`);
    return readTree(dir, url).catch((error: unknown) => {
      throw readFailed(url, error);
    });
  }

  /**
   * The real path of `url`, refused by name when it, or a link on the way, leads outside the
   * checkout. `..` and absolute paths are refused before the disk is asked.
   */
  async resolve(url: string): Promise<string> {
    const absolute = join(this.root, workspacePath(this.folder, url));
    const real = await realpath(absolute).catch((error: unknown) => {
      throw readFailed(url, error);
    });
    if (real !== this.root && !real.startsWith(this.root + sep))
      throw new SlipwayError(
        'invalid_input',
        `fetch url "${url}" is refused: a symlink in it leads outside the template's repository`,
        { hint: "A template reads only its own repository's files; links that leave it are not followed." },
      );
    return real;
  }
}

/** A read that failed, said with the template's path only (Node's messages hold the absolute one). */
function readFailed(url: string, error: unknown): SlipwayError {
  if (error instanceof SlipwayError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new SlipwayError('invalid_input', `fetch url "${url}" names no folder of the template`);
  if (code === 'ELOOP') return new SlipwayError('invalid_input', `fetch url "${url}" is refused: its links loop`);
  return new SlipwayError('invalid_input', `fetch url "${url}" cannot be read (${code ?? 'error'})`);
}
