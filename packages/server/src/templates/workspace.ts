/**
 * The temporary directory a run writes into. Paths are checked twice: by name (core's
 * `workspacePath` refuses `..` and absolute paths) and on disk, so a symlink the template
 * itself created cannot lead a later write outside.
 */
import { lstat, mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { pathRefused, type SkeletonFile, workspacePath } from '@slipway/core';

export class Workspace {
  private constructor(readonly root: string) {}

  static async create(): Promise<Workspace> {
    return new Workspace(await realpath(await mkdtemp(join(tmpdir(), 'slipway-template-'))));
  }

  /** The absolute path of a workspace-relative one, refused when it (or a link on the way) leaves. */
  async resolve(path: string): Promise<string> {
    const rel = workspacePath(path);
    const absolute = join(this.root, rel);
    let probe = absolute;
    // The deepest part that exists must resolve inside the workspace.
    for (;;) {
      const info = await lstat(probe).catch(() => null);
      if (info) {
        const real = await realpath(probe).catch(() => probe);
        if (real !== this.root && !real.startsWith(this.root + sep)) throw pathRefused(path, 'a link leads outside');
        break;
      }
      if (probe === this.root) break;
      probe = dirname(probe);
    }
    return absolute;
  }

  async write(files: readonly SkeletonFile[]): Promise<void> {
    for (const file of files) {
      const target = await this.resolve(file.path);
      await mkdir(dirname(target), { recursive: true });
      await this.resolve(file.path);
      await writeFile(target, file.content);
    }
  }

  /** Every regular file under `dir` (workspace-relative), links left out. */
  async files(dir = ''): Promise<SkeletonFile[]> {
    return readTree(await this.resolve(dir));
  }

  async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

/** Reads a directory tree into memory; symlinks are skipped, so a skeleton cannot point at the host. */
export async function readTree(root: string, base = root): Promise<SkeletonFile[]> {
  const out: SkeletonFile[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.name === '.git') continue;
    if (entry.isDirectory()) out.push(...(await readTree(path, base)));
    else if (entry.isFile())
      out.push({ path: relative(base, path).split(sep).join('/'), content: await readFile(path) });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
