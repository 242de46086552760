/**
 * Where a template may write: only inside its workspace. Every target path a template names
 * (a step's `targetPath`, a rendered file name) goes through `workspacePath`, which refuses
 * absolute paths and any `..` segment rather than trying to decide whether one stays inside.
 * Symlinks are the server's half of the check (it sees the disk; this module does not).
 */
import { SlipwayError } from '../errors/index.ts';

export function pathRefused(path: string, reason: string): SlipwayError {
  return new SlipwayError('invalid_input', `Template path "${path}" is refused: ${reason}`, {
    hint: 'Template paths are relative to the workspace and stay inside it.',
  });
}

/** A normalized relative POSIX path inside the workspace ('' is its root). */
export function workspacePath(...parts: string[]): string {
  const segments: string[] = [];
  for (const part of parts) {
    if (part.includes('\0')) throw pathRefused(part, 'it contains a NUL byte');
    if (/^([/\\]|[A-Za-z]:)/.test(part)) throw pathRefused(part, 'absolute paths are not allowed');
    for (const segment of part.split(/[/\\]/)) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..') throw pathRefused(part, '".." would leave the workspace');
      segments.push(segment);
    }
  }
  return segments.join('/');
}

/** A glob (`*`, `**`, `?`) as a regular expression over POSIX paths. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  const clean = path.replace(/^\.\//, '');
  return globs.some((g) => globToRegExp(g.replace(/^\.\//, '')).test(clean));
}
