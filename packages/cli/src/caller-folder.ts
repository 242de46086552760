/**
 * The folder a person ran the CLI from, where their relative paths (`-f score.yaml`, a values
 * file, a kubeconfig) mean something. Run as `npm run slipway -- …`, the process starts in the
 * repository's root, and npm names the caller's folder in INIT_CWD; the CLI moves there once,
 * before any command runs, so every file it reads is found where the person sees it.
 */
export function enterCallerFolder(env: NodeJS.ProcessEnv = process.env): void {
  // Only our own npm script: INIT_CWD is also set inside any other project's npm scripts, where
  // a `slipway` they call was started in the folder the script chose.
  if (env.npm_lifecycle_event !== 'slipway' || !env.INIT_CWD) return;
  process.chdir(env.INIT_CWD);
}
