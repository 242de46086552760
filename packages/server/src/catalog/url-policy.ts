import { lookup } from 'node:dns/promises';
import { realpathSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { basename, dirname, join, resolve as resolvePath, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { invalidInput } from '@slipway/core';

/** What the operator allows catalog locations to reach (config `catalog`). */
export interface LocationAllowList {
  /** Host names (`*.example.com` matches subdomains) or CIDRs; non-empty = only these. */
  allowedHosts: readonly string[];
  /** `file://` locations: tests and single-host setups only, they read the server's disk. */
  allowFileUrls: boolean;
  /** The folders `file://` targets must lie in (symbolic links followed); none: no file target. */
  fileRoots?: readonly string[];
  /**
   * `host:port`s whose Git remotes may be plain http: the operator's integrations whose API is
   * http (a Git server inside the network). Everywhere else git gets https, ssh or git only.
   */
  plainHttpGitHosts?: readonly string[];
}

export type LocationType = 'git' | 'url';

// Addresses inside the server's own network: loopback, private, link-local (cloud metadata),
// carrier-grade NAT, unspecified, multicast and their IPv6 equivalents.
const internal = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  internal.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  internal.addSubnet(net, prefix, 'ipv6');

/**
 * The scheme, host and port (when the target names one) of a location target; scp-like
 * `git@host:path` counts as ssh.
 */
export function parseTarget(
  type: LocationType,
  target: string,
): { scheme: string; host: string; port: number | undefined } {
  const scp = /^(?:[A-Za-z0-9._-]+@)?([A-Za-z0-9.-]+):(?!\/\/)/.exec(target);
  if (type === 'git' && scp && !/^[A-Za-z][A-Za-z0-9+.-]*::/.test(target))
    return { scheme: 'ssh', host: (scp[1] as string).toLowerCase(), port: undefined };
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw refused(target, 'is not a URL');
  }
  return {
    scheme: url.protocol.replace(/:$/, '').toLowerCase(),
    host: url.hostname.replace(/^\[|\]$/g, '').toLowerCase(),
    port: url.port ? Number(url.port) : undefined,
  };
}

/**
 * What a check vetted: where the location may connect. Readers connect to `addresses` only
 * (git through `gitPinning`, url locations through `pinnedLookup`), never resolving the name
 * again: a DNS answer changed after the check (rebinding) cannot lead them elsewhere.
 */
export interface VettedTarget {
  /** The target as checked; git:// pins rewrite its beginning. */
  target: string;
  scheme: string;
  /** Lower case, IPv6 without brackets; empty for file://. */
  host: string;
  /** The port connected to, the scheme's default when the target names none; 0 for file://. */
  port: number;
  /**
   * The addresses checked, in the resolver's order. Empty means nothing to pin: file://, or a
   * host listed by name in catalog.allowedHosts that does not resolve now (the operator
   * trusts the name itself, so the reader resolves it as usual and fails with its own error).
   */
  addresses: string[];
}

const defaultPorts: Record<string, number> = { https: 443, http: 80, ssh: 22, git: 9418 };

function isPlainHttpGitHost(allow: LocationAllowList, host: string, port: number | undefined): boolean {
  const hostPort = `${host}:${port ?? 80}`.toLowerCase();
  return (allow.plainHttpGitHosts ?? []).some((h) => (h.includes(':') ? h : `${h}:80`).toLowerCase() === hostPort);
}

/**
 * Checks a location target before anything is fetched, so catalog ingestion cannot be used to
 * reach the server's own network (SSRF). Git gets only https, ssh, git and (when allowed)
 * file, url locations https and http; remote helpers such as `ext::` run commands and are never allowed. The host is
 * resolved once and every address checked: a public name pointing at 127.0.0.1 is refused
 * too. Answers what was checked; connect to its `addresses` only (see VettedTarget).
 */
export async function checkLocationTarget(
  type: LocationType,
  target: string,
  allow: LocationAllowList,
): Promise<VettedTarget> {
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(target) || target.startsWith('-'))
    throw refused(target, 'git transports other than https, ssh, git and file are not allowed');
  const { scheme, host, port } = parseTarget(type, target);
  // A `url` location is fetched over HTTP only: file:// would read any file the server can
  // (/etc/passwd, its own key ring) and show it as a catalog error. Local repositories are git.
  const schemes = type === 'git' ? ['https', 'ssh', 'git', 'file'] : ['https', 'http'];
  const plainHttpGit = type === 'git' && scheme === 'http' && isPlainHttpGitHost(allow, host, port);
  if (!schemes.includes(scheme) && !plainHttpGit)
    throw refused(target, `${scheme} is not allowed for ${type} locations`);
  if (scheme === 'file') {
    if (!allow.allowFileUrls) throw refused(target, 'file:// locations are turned off (catalog.allowFileUrls)');
    await checkFileRoots(target, allow.fileRoots ?? []);
    return { target, scheme, host: '', port: 0, addresses: [] };
  }
  if (!host) throw refused(target, 'has no host');
  const vetted = (addresses: string[]) => ({
    target,
    scheme,
    host,
    port: port ?? (defaultPorts[scheme] as number),
    addresses,
  });
  // Listed by name: any address the name has is allowed. It is still resolved here, so the
  // reader connects to the addresses of this check rather than to a later answer.
  if (allow.allowedHosts.some((entry) => hostMatches(entry, host)))
    return vetted(await lookupAll(host).catch(() => []));
  // One answer for every check below, and the one pinned: two lookups could answer differently.
  const cidrs = cidrList(allow.allowedHosts);
  let addresses: string[];
  if (allow.allowedHosts.length > 0) {
    addresses = await lookupAll(host).catch(() => []);
    if (addresses.length === 0 || !addresses.every((a) => inList(cidrs, a)))
      throw refused(target, `${host} is not in catalog.allowedHosts`);
  } else addresses = await resolve(host, target);
  for (const address of addresses) {
    if (isInternal(address) && !inList(cidrs, address))
      throw refused(target, `${host} resolves to ${address}, an internal address; allow it in catalog.allowedHosts`);
  }
  return vetted(addresses);
}

/**
 * A file:// target must lie inside one of the configured folders, after symbolic links (of the
 * target and of the roots) are followed: allowing file locations must not open the whole disk
 * (another team's repositories, the server's own state).
 */
async function checkFileRoots(target: string, roots: readonly string[]): Promise<void> {
  if (roots.length === 0) throw refused(target, 'no folder is open to file:// locations (catalog.fileRoots)');
  let path: string;
  try {
    path = fileURLToPath(target);
  } catch (error) {
    throw refused(target, (error as Error).message);
  }
  const real = realPathOf(path);
  const inside = roots.some((root) => {
    const realRoot = realPathOf(root);
    return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  });
  if (!inside) throw refused(target, `${real} is not inside catalog.fileRoots`);
}

/**
 * The path with every link followed, also where its last parts do not exist (yet). The C
 * library's realpath, synchronously: a few microseconds, against a trip through libuv's
 * thread pool per call, twice for each refresh of a file location.
 */
function realPathOf(path: string): string {
  const absolute = resolvePath(path);
  try {
    return realpathSync.native(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(realPathOf(parent), basename(absolute));
  }
}

export function isInternal(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return internal.check(mapped[1] as string, 'ipv4');
  const family = isIP(address);
  return family === 0 ? true : internal.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function hostMatches(entry: string, host: string): boolean {
  const e = entry.toLowerCase();
  if (e.startsWith('*.')) return host.endsWith(e.slice(1));
  return e === host;
}

/** The CIDR and address entries of an allow-list. */
function cidrList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [net, prefix] = entry.split('/') as [string, string | undefined];
    if (isIP(net) === 0) continue;
    const family = isIP(net) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(net, family);
    else list.addSubnet(net, Number(prefix), family);
  }
  return list;
}

function inList(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

async function resolve(host: string, target: string): Promise<string[]> {
  try {
    return await lookupAll(host);
  } catch {
    throw refused(target, `${host} does not resolve`);
  }
}

async function lookupAll(host: string): Promise<string[]> {
  if (isIP(host)) return [host];
  return (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
}

function refused(target: string, why: string) {
  return invalidInput(`The location ${target} is refused: ${why}`, [{ path: '/target', message: why }]);
}
