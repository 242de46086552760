/**
 * Reading a folder into memory: regular files only. Symlinks are left out (and listed, so the
 * run can say so): a skeleton's link could point anywhere on the server. `.git` is skipped.
 * The limits (templateLimits: files, fileBytes, runBytes) are checked before each file is
 * read, so a folder of a million files or one file of a gigabyte fails at once.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { limitError, type SkeletonFile, templateLimits } from '@slipway/core';

export interface Tree {
  files: SkeletonFile[];
  /** Paths (relative to the folder) of the symlinks left out. */
  links: string[];
}

/** `label` is how messages name the folder (`./skeleton`), never its place on the server's disk. */
export async function readTree(root: string, label = '.'): Promise<Tree> {
  const { files: maxFiles, fileBytes, runBytes } = templateLimits;
  const files: SkeletonFile[] = [];
  const links: string[] = [];
  let bytes = 0;
  const folders = [''];
  while (folders.length > 0) {
    const rel = folders.pop() as string;
    for (const entry of await readdir(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      const shown = posix.join(label, path);
      if (entry.name === '.git') continue;
      if (entry.isSymbolicLink()) links.push(path);
      else if (entry.isDirectory()) folders.push(path);
      else if (entry.isFile()) {
        if (files.length >= maxFiles)
          throw limitError(`${label} holds more files than allowed`, 'files', `${maxFiles.toLocaleString('en')} files`);
        const { size, mode } = await lstat(join(root, path));
        if (size > fileBytes)
          throw limitError(`File ${shown} is ${size.toLocaleString('en')} bytes`, 'fileBytes', fileBytes);
        bytes += size;
        if (bytes > runBytes)
          throw limitError(
            `The files of ${label} are more than ${runBytes.toLocaleString('en')} bytes`,
            'runBytes',
            runBytes,
          );
        const content = await readFile(join(root, path));
        files.push({ path, content, ...(mode & 0o111 ? { executable: true } : {}) });
      }
    }
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, links: links.sort() };
}
