/**
 * The temporary directory a run writes into. Paths are checked twice: by name (core's
 * `workspacePath` refuses `..` and absolute paths; `.git` is refused here) and on disk, so a
 * symlink cannot lead a write outside. What a run writes is counted against templateLimits:
 * bytes per file, bytes in all, and files.
 */
import { chmod, lstat, mkdir, mkdtemp, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { limitError, pathRefused, type SkeletonFile, templateLimits, workspacePath } from '@slipway/core';
import { readTree } from './tree.ts';

export class Workspace {
  /** Bytes of each file written, by workspace path: a file written twice counts once. */
  readonly #written = new Map<string, number>();
  #bytes = 0;

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
        // A dangling link has no real path, but writing through it would create its target.
        const real = await realpath(probe).catch(() => null);
        if (real === null) throw pathRefused(path, 'a link on the way leads nowhere');
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
      const rel = workspacePath(file.path);
      // A `.git` written by the template would be read by publish:git's own git: its config
      // can run commands (core.fsmonitor), and a `.git` file can point git at any repository.
      if (rel.split('/').some((segment) => segment.toLowerCase() === '.git'))
        throw pathRefused(file.path, 'Git metadata (.git) is written by publish:git only');
      this.#count(file.path, rel, file.content.length);
      const target = await this.resolve(rel);
      await mkdir(dirname(target), { recursive: true });
      await this.resolve(rel);
      // Scripts stay executable (git records the bit when publish:git adds them); writeFile's mode
      // applies to new files only, so a file written again is set explicitly.
      const mode = file.executable ? 0o755 : 0o644;
      await writeFile(target, file.content, { mode });
      await chmod(target, mode);
    }
  }

  /** Counts a file against the limits before it is written. */
  #count(path: string, rel: string, size: number): void {
    const { fileBytes, runBytes, files } = templateLimits;
    if (size > fileBytes)
      throw limitError(`File ${path} is ${size.toLocaleString('en')} bytes`, 'fileBytes', fileBytes);
    const before = this.#written.get(rel);
    if (before === undefined && this.#written.size >= files)
      throw limitError(
        `Writing ${path} would make more files than allowed`,
        'files',
        `${files.toLocaleString('en')} files`,
      );
    const bytes = this.#bytes - (before ?? 0) + size;
    if (bytes > runBytes)
      throw limitError(
        `Writing ${path} would make the run's files ${bytes.toLocaleString('en')} bytes`,
        'runBytes',
        runBytes,
      );
    this.#written.set(rel, size);
    this.#bytes = bytes;
  }

  /** The workspace paths of the files written so far, sorted (for fs:delete's globs). */
  writtenPaths(): string[] {
    return [...this.#written.keys()].sort();
  }

  /** Deletes a file or a folder; its files no longer count against the limits. False when nothing was there. */
  async delete(path: string): Promise<boolean> {
    const rel = workspacePath(path);
    const target = await this.resolve(rel);
    if (!(await lstat(target).catch(() => null))) return false;
    await rm(target, { recursive: true, force: true });
    for (const key of [...this.#written.keys()])
      if (key === rel || key.startsWith(`${rel}/`)) {
        this.#bytes -= this.#written.get(key) ?? 0;
        this.#written.delete(key);
      }
    return true;
  }

  /**
   * Moves a file or a folder to another workspace path (folders on the way are made). Refuses
   * when `from` is missing, and when `to` exists unless `overwrite`.
   */
  async move(from: string, to: string, overwrite: boolean): Promise<void> {
    const [src, dst] = [workspacePath(from), workspacePath(to)];
    if (dst.split('/').some((segment) => segment.toLowerCase() === '.git'))
      throw pathRefused(to, 'Git metadata (.git) is written by publish:git only');
    const source = await this.resolve(src);
    if (!(await lstat(source).catch(() => null))) throw pathRefused(from, 'there is nothing there to move');
    if (dst === src || dst.startsWith(`${src}/`)) throw pathRefused(to, 'a folder cannot move into itself');
    const target = await this.resolve(dst);
    if (await lstat(target).catch(() => null)) {
      if (!overwrite) throw pathRefused(to, 'it exists already (set overwrite: true to replace it)');
      await this.delete(dst);
    }
    await mkdir(dirname(target), { recursive: true });
    await this.resolve(dst);
    await rename(source, target);
    for (const [key, size] of [...this.#written.entries()])
      if (key === src || key.startsWith(`${src}/`)) {
        this.#written.delete(key);
        this.#written.set(dst + key.slice(src.length), size);
      }
  }

  /** Every regular file under `dir` (workspace-relative), links left out. */
  async files(dir = ''): Promise<SkeletonFile[]> {
    return (await readTree(await this.resolve(dir))).files;
  }

  async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}
