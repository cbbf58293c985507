import { describe, expect, it } from 'vitest';
import { awaitedCandidateKind, candidateSatisfies } from './ice-readiness';

const host = 'candidate:1 1 udp 2122260223 127.0.0.1 54321 typ host generation 0';
const hostTcp = 'candidate:2 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active generation 0';
const srflx = 'candidate:3 1 udp 1686052607 203.0.113.5 40000 typ srflx raddr 10.0.0.2 rport 40000';
const relay = 'candidate:4 1 udp 41885439 198.51.100.7 3478 typ relay raddr 203.0.113.5 rport 40000';

describe('awaitedCandidateKind', () => {
  it('waits for host candidates without ICE servers', () => {
    expect(awaitedCandidateKind([])).toBe('host');
  });
  it('waits for server-reflexive candidates with STUN', () => {
    expect(awaitedCandidateKind([{ urls: 'stun:stun.example.com:3478' }])).toBe('srflx');
  });
  it('waits for relay candidates when any TURN server is configured', () => {
    expect(awaitedCandidateKind([{ urls: ['stun:a.example'] }, { urls: ['turns:b.example:443?transport=tcp'] }])).toBe('relay');
  });
});

describe('candidateSatisfies', () => {
  it('accepts any UDP candidate when host is enough', () => {
    expect(candidateSatisfies(host, 'host')).toBe(true);
    expect(candidateSatisfies(srflx, 'host')).toBe(true);
  });
  it('ignores TCP candidates', () => {
    expect(candidateSatisfies(hostTcp, 'host')).toBe(false);
  });
  it('needs srflx or relay when STUN is configured', () => {
    expect(candidateSatisfies(host, 'srflx')).toBe(false);
    expect(candidateSatisfies(srflx, 'srflx')).toBe(true);
    expect(candidateSatisfies(relay, 'srflx')).toBe(true);
  });
  it('needs relay when TURN is configured', () => {
    expect(candidateSatisfies(srflx, 'relay')).toBe(false);
    expect(candidateSatisfies(relay, 'relay')).toBe(true);
  });
  it('rejects garbage', () => {
    expect(candidateSatisfies('', 'host')).toBe(false);
    expect(candidateSatisfies('typ host', 'host')).toBe(false);
  });
});
