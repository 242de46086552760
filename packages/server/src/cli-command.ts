import { accessSync, constants } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The launcher in a checkout, beside the server's sources (packages/cli/bin/slipway). */
const checkoutLauncher = fileURLToPath(new URL('../../cli/bin/slipway', import.meta.url));

/**
 * How the person starting the server runs the CLI, for the start-up announcement: `slipway` when
 * it is on their PATH; else the checkout's launcher by its full path, which works from any
 * folder, with the folder to put on PATH; else plain `slipway` (an image without the CLI).
 */
export function cliCommand(path = process.env.PATH ?? ''): { command: string; binDir?: string } {
  const onPath = path.split(delimiter).some((dir) => dir !== '' && isExecutable(join(dir, 'slipway')));
  if (onPath || !isExecutable(checkoutLauncher)) return { command: 'slipway' };
  return { command: checkoutLauncher, binDir: dirname(checkoutLauncher) };
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
