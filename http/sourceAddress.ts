/**
 * Where a request comes from, for limits kept per source before the caller is known: the peer address of its
 * connection, or, when that peer is a proxy the operator named as trusted, the nearest address in its
 * `X-Forwarded-For` that is not a trusted proxy (walking from the right: the entries to the left of it are whatever
 * the client wrote). `X-Forwarded-For` is never read from a peer that is not trusted, so a client cannot choose its
 * own source. IPv6 sources are grouped by /64 (one host is given a whole /64 and may rotate within it).
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

export interface SourceAddressOptions {
  /**
   * Proxies (load balancers) whose `X-Forwarded-For` is believed: addresses or CIDR ranges (`10.0.1.0/24`,
   * `fd00::/8`). Default none: the connection's peer is the source.
   */
  trustedProxies?: readonly string[];
}

export type SourceOf = (req: IncomingMessage) => string;

export function sourceAddress(options: SourceAddressOptions = {}, setting = 'trustedProxies'): SourceOf {
  const trusted = trustedList(options.trustedProxies ?? [], setting);
  const isTrusted = (address: string) => trusted !== null && trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  return (req) => {
    const peer = plain(req.socket.remoteAddress ?? '');
    if (!isIP(peer)) return 'unknown';
    if (!isTrusted(peer)) return groupOf(peer);
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((hop) => plain(hop.trim())).filter(Boolean);
    let source = peer;
    for (let index = hops.length - 1; index >= 0; index -= 1) {
      const hop = hops[index]!;
      // A hop that is not an address was not written by a trusted proxy: stop at the last one that was.
      if (!isIP(hop)) break;
      source = hop;
      if (!isTrusted(hop)) break;
    }
    return groupOf(source);
  };
}

function trustedList(entries: readonly string[], setting: string): BlockList | null {
  if (!Array.isArray(entries)) throw new TypeError(`${setting} must be a list of addresses or CIDR ranges.`);
  if (entries.length === 0) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits, extra] = String(entry).trim().split('/');
    const family = isIP(address ?? '');
    const prefix = bits === undefined ? null : Number(bits);
    if (!family || extra !== undefined || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= (family === 6 ? 128 : 32)))) {
      throw new TypeError(`${setting}: "${entry}" is not an IP address or a CIDR range (10.0.1.7, 10.0.1.0/24, fd00::/8).`);
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === null) list.addAddress(address!, type);
    else list.addSubnet(address!, prefix, type);
  }
  return list;
}

/** `::ffff:10.0.0.1` as `10.0.0.1`, and `[::1]:1234` or `10.0.0.1:80` (as some proxies write hops) without the port. */
function plain(address: string): string {
  let text = address;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  return mapped ? mapped[1]! : text;
}

/** The bucket key of an address: itself for IPv4, its /64 for IPv6. */
function groupOf(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
