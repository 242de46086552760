import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { invalidInput } from '@slipway/core';

/** What the operator allows catalog locations to reach (config `catalog`). */
export interface LocationAllowList {
  /** Host names (`*.example.com` matches subdomains) or CIDRs; non-empty = only these. */
  allowedHosts: readonly string[];
  /** `file://` locations: tests and single-host setups only, they read the server's disk. */
  allowFileUrls: boolean;
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

/** The scheme and host of a location target; scp-like `git@host:path` counts as ssh. */
export function parseTarget(type: LocationType, target: string): { scheme: string; host: string } {
  const scp = /^(?:[A-Za-z0-9._-]+@)?([A-Za-z0-9.-]+):(?!\/\/)/.exec(target);
  if (type === 'git' && scp && !/^[A-Za-z][A-Za-z0-9+.-]*::/.test(target))
    return { scheme: 'ssh', host: (scp[1] as string).toLowerCase() };
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw refused(target, 'is not a URL');
  }
  return {
    scheme: url.protocol.replace(/:$/, '').toLowerCase(),
    host: url.hostname.replace(/^\[|\]$/g, '').toLowerCase(),
  };
}

/**
 * Checks a location target before anything is fetched, so catalog ingestion cannot be used to
 * reach the server's own network (SSRF). Git gets only https, ssh, git and (when allowed)
 * file; remote helpers such as `ext::` run commands and are never allowed. The host is
 * resolved and every address checked: a public name pointing at 127.0.0.1 is refused too.
 */
export async function checkLocationTarget(type: LocationType, target: string, allow: LocationAllowList): Promise<void> {
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(target) || target.startsWith('-'))
    throw refused(target, 'git transports other than https, ssh, git and file are not allowed');
  const { scheme, host } = parseTarget(type, target);
  const schemes = type === 'git' ? ['https', 'ssh', 'git', 'file'] : ['https', 'http', 'file'];
  if (!schemes.includes(scheme)) throw refused(target, `${scheme} is not allowed for ${type} locations`);
  if (scheme === 'file') {
    if (!allow.allowFileUrls) throw refused(target, 'file:// locations are turned off (catalog.allowFileUrls)');
    return;
  }
  if (!host) throw refused(target, 'has no host');
  const listed = allow.allowedHosts.some((entry) => hostMatches(entry, host));
  if (allow.allowedHosts.length > 0 && !listed && !(await addressListed(host, allow.allowedHosts)))
    throw refused(target, `${host} is not in catalog.allowedHosts`);
  if (listed) return;
  for (const address of await resolve(host, target)) {
    if (isInternal(address) && !(await addressListed(address, allow.allowedHosts)))
      throw refused(target, `${host} resolves to ${address}, an internal address; allow it in catalog.allowedHosts`);
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

async function addressListed(hostOrAddress: string, entries: readonly string[]): Promise<boolean> {
  const cidrs = entries.filter((e) => e.includes('/') || isIP(e) !== 0);
  if (cidrs.length === 0) return false;
  const list = new BlockList();
  for (const entry of cidrs) {
    const [net, prefix] = entry.split('/') as [string, string | undefined];
    const family = isIP(net) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(net) === 0) continue;
    if (prefix === undefined) list.addAddress(net, family);
    else list.addSubnet(net, Number(prefix), family);
  }
  const addresses = isIP(hostOrAddress) ? [hostOrAddress] : await resolve(hostOrAddress, hostOrAddress).catch(() => []);
  return addresses.length > 0 && addresses.every((a) => list.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4'));
}

async function resolve(host: string, target: string): Promise<string[]> {
  if (isIP(host)) return [host];
  try {
    return (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    throw refused(target, `${host} does not resolve`);
  }
}

function refused(target: string, why: string) {
  return invalidInput(`The location ${target} is refused: ${why}`, [{ path: '/target', message: why }]);
}
