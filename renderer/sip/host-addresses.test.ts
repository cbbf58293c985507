import { describe, expect, test } from 'vitest';
import { HostAddresses, udpHostAddress } from './host-addresses';

describe('udpHostAddress', () => {
  test('reads the address of a UDP host candidate, with or without the a= prefix', () => {
    expect(udpHostAddress('candidate:1 1 udp 2122260223 192.0.2.7 54321 typ host generation 0')).toBe('192.0.2.7');
    expect(udpHostAddress('a=candidate:1 1 UDP 2122260223 0c9d7e1a-5b.local 54321 typ host')).toBe('0c9d7e1a-5b.local');
  });

  test('ignores TCP, server-reflexive, relay and malformed lines', () => {
    expect(udpHostAddress('candidate:2 1 tcp 1518280447 192.0.2.7 9 typ host tcptype active')).toBeUndefined();
    expect(udpHostAddress('candidate:3 1 udp 1686052607 203.0.113.9 40000 typ srflx raddr 192.0.2.7 rport 54321')).toBeUndefined();
    expect(udpHostAddress('candidate:4 1 udp 41885439 198.51.100.2 50000 typ relay raddr 0.0.0.0 rport 0')).toBeUndefined();
    expect(udpHostAddress('candidate:garbage')).toBeUndefined();
  });
});

describe('HostAddresses', () => {
  test('knows nothing before a gathering completed: the settle time applies', () => {
    const hosts = new HostAddresses();
    expect(hosts.allIn(1)).toBe(false);
    expect(hosts.allIn(5)).toBe(false);
  });

  test('after a complete gathering, that many addresses are all of them', () => {
    const hosts = new HostAddresses();
    hosts.learn(2);
    expect(hosts.allIn(1)).toBe(false);
    expect(hosts.allIn(2)).toBe(true);
    expect(hosts.allIn(3)).toBe(true);
  });

  test('follows the network: a later gathering with another interface raises the count, one with none is not learnt', () => {
    const hosts = new HostAddresses();
    hosts.learn(1);
    hosts.learn(2);
    expect(hosts.allIn(1)).toBe(false);
    hosts.learn(0);
    expect(hosts.allIn(2)).toBe(true);
  });
});
