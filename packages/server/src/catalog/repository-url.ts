/**
 * One spelling of a repository whatever the URL form: https://github.com/o/r.git,
 * git@github.com:o/r and ssh://git@github.com/o/r all become `github.com/o/r`. Used to find
 * the locations a push webhook is about.
 */
export function repositoryKey(url: string): string {
  let text = url.trim().toLowerCase();
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/\/)(.*)$/.exec(text);
  if (scp) text = `${scp[1]}/${scp[2]}`;
  else text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^[^@/]+@/, '');
  return text
    .replace(/:\d+\//, '/')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}
