import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** What an IP address is, for the egress policy: only `public` addresses may be called (and `loopback` for the sandbox). */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'unique-local' | 'unspecified' | 'shared' | 'multicast' | 'reserved';

/** Every non-public range, first match wins; IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`) match their IPv4 range. */
const RANGES: readonly (readonly [AddressClass, string, number, 'ipv4' | 'ipv6'])[] = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  // Carrier-grade NAT (RFC 6598): another operator's private network.
  ['shared', '100.64.0.0', 10, 'ipv4'],
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  // IETF protocol assignments, benchmarking, documentation, reserved and broadcast.
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['reserved', '192.0.2.0', 24, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'],
  ['reserved', '198.51.100.0', 24, 'ipv4'],
  ['reserved', '203.0.113.0', 24, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  // Deprecated site-local, still routed inside some networks.
  ['private', 'fec0::', 10, 'ipv6'],
  ['unique-local', 'fc00::', 7, 'ipv6'],
  ['multicast', 'ff00::', 8, 'ipv6'],
  ['reserved', '100::', 64, 'ipv6'],
  ['reserved', '2001:db8::', 32, 'ipv6'],
];

const LISTS: readonly (readonly [AddressClass, BlockList])[] = RANGES.map(([kind, network, prefix, family]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return [kind, list] as const;
});

/** NAT64 (RFC 6052): an IPv6 address carrying an IPv4 one in its last 32 bits, judged by that IPv4 address. */
const NAT64 = new BlockList();
NAT64.addSubnet('64:ff9b::', 96, 'ipv6');

/** The last 32 bits of an IPv6 address as dotted IPv4. */
function embeddedIpv4(address: string): string {
  const [head = '', tail = ''] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const parts = [...groups(head), ...groups(tail)];
  const last = parts.at(-1) ?? '0';
  if (isIPv4(last)) return last;
  const hi = Number.parseInt(parts.at(-2) ?? '0', 16);
  const lo = Number.parseInt(last, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/**
 * Classifies an IP address literal (IPv4, or IPv6 with or without brackets and zone). Anything that is
 * not an address is `reserved`, so that a caller refusing non-public addresses refuses it too.
 */
export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIPv4(bare) ? 'ipv4' : isIPv6(bare) ? 'ipv6' : undefined;
  if (family === undefined) return 'reserved';
  if (family === 'ipv6' && NAT64.check(bare, 'ipv6')) return classifyAddress(embeddedIpv4(bare));
  for (const [kind, list] of LISTS) if (list.check(bare, family)) return kind;
  return 'public';
}
