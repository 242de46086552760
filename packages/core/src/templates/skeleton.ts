/**
 * The files of a template's skeleton as `fetch:template` and `fetch:plain` handle them: read
 * into memory by the server, rendered in its sandbox, written through `workspacePath`.
 */

export interface SkeletonFile {
  /** POSIX path relative to the skeleton's root. */
  path: string;
  content: Uint8Array;
  /** Its executable bit was set (a script): written, and pushed, executable. */
  executable?: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The file as UTF-8 text, or null for binary content (which is copied untouched). */
export function asText(content: Uint8Array): string | null {
  if (content.includes(0)) return null;
  try {
    return decoder.decode(content);
  } catch {
    return null;
  }
}
