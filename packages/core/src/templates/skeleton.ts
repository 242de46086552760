/**
 * `fetch:template`'s rendering, without the disk: the server reads a skeleton into memory,
 * this renders names and contents with `${{ values.x }}`, and the server writes the result
 * (every path checked by `workspacePath`).
 */
import type { ExpressionContext } from './expression.ts';
import { RenderBudget } from './limits.ts';
import { matchesAnyGlob, workspacePath } from './paths.ts';
import { renderText } from './render.ts';

export interface SkeletonFile {
  /** POSIX path relative to the skeleton's root. */
  path: string;
  content: Uint8Array;
  /** Its executable bit was set (a script): written, and pushed, executable. */
  executable?: boolean;
}

export interface RenderSkeletonOptions {
  /** Where under the workspace the files go. */
  targetPath?: string;
  /** Globs of skeleton paths copied as they are (their names are still rendered). */
  copyWithoutTemplating?: readonly string[];
  /** Backstage's older option: globs of paths whose names and contents are both left as they are. */
  copyWithoutRender?: readonly string[];
  /** What the expressions may still make (the run's); a fresh one when left out. */
  budget?: RenderBudget;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** Renders a skeleton with `values`; returns the files with their workspace paths. */
export function renderSkeleton(
  files: readonly SkeletonFile[],
  values: Record<string, unknown>,
  options: RenderSkeletonOptions = {},
): SkeletonFile[] {
  const context: ExpressionContext = { values };
  const verbatim = options.copyWithoutTemplating ?? [];
  const untouched = options.copyWithoutRender ?? [];
  const budget = options.budget ?? new RenderBudget();
  return files.map((file) => {
    const mode = file.executable ? { executable: true } : {};
    if (matchesAnyGlob(file.path, untouched)) {
      return { path: workspacePath(options.targetPath ?? '', file.path), content: file.content, ...mode };
    }
    const name = renderText(file.path, context, budget, `The name of skeleton file ${file.path}`);
    const path = workspacePath(options.targetPath ?? '', name);
    if (matchesAnyGlob(file.path, verbatim)) return { path, content: file.content, ...mode };
    const text = asText(file.content);
    if (text === null) return { path, content: file.content, ...mode };
    return { path, content: encoder.encode(renderText(text, context, budget, `Skeleton file ${file.path}`)), ...mode };
  });
}

/** The file as UTF-8 text, or null for binary content (which is copied untouched). */
export function asText(content: Uint8Array): string | null {
  if (content.includes(0)) return null;
  try {
    return decoder.decode(content);
  } catch {
    return null;
  }
}
