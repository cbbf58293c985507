import { describe, expect, it } from 'vitest';
import {
  GATHERING_BOUND_MS,
  GATHERING_CAP_MS,
  HOST_SETTLE_MS,
  SERVER_GRACE_MS,
  awaitedCandidateKind,
  candidateSatisfies,
  gatheringDecision,
} from './ice-readiness';

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

describe('gatheringDecision', () => {
  it('without ICE servers, sends once host candidates had their settle time', () => {
    expect(gatheringDecision({ elapsedMs: 3, firstCandidateMs: 2, awaitedCandidateMs: 2, complete: false }, 'host')).toEqual({ send: false, checkAgainInMs: HOST_SETTLE_MS - 1 });
    expect(gatheringDecision({ elapsedMs: 2 + HOST_SETTLE_MS, firstCandidateMs: 2, awaitedCandidateMs: 2, complete: false }, 'host')).toEqual({ send: true, reason: 'host' });
  });

  it('sends with the first host candidates when they are every address the last complete gathering had', () => {
    expect(gatheringDecision({ elapsedMs: 2, firstCandidateMs: 2, awaitedCandidateMs: 2, complete: false, allHostsIn: true }, 'host')).toEqual({ send: true, reason: 'host' });
    // Not yet all of them: the siblings get their settle time.
    expect(gatheringDecision({ elapsedMs: 2, firstCandidateMs: 2, awaitedCandidateMs: 2, complete: false, allHostsIn: false }, 'host')).toEqual({ send: false, checkAgainInMs: HOST_SETTLE_MS });
    // A silent STUN server's call goes with its host candidates at once too.
    expect(gatheringDecision({ elapsedMs: 2, firstCandidateMs: 2, complete: false, allHostsIn: true }, 'srflx', true)).toEqual({ send: true, reason: 'silent-server' });
    // A STUN server that answers is still waited for, with its grace.
    expect(gatheringDecision({ elapsedMs: 2, firstCandidateMs: 2, complete: false, allHostsIn: true }, 'srflx')).toEqual({ send: false, checkAgainInMs: GATHERING_BOUND_MS - 2 });
    expect(gatheringDecision({ elapsedMs: 36, firstCandidateMs: 2, awaitedCandidateMs: 35, complete: false, allHostsIn: true }, 'srflx')).toEqual({ send: false, checkAgainInMs: SERVER_GRACE_MS - 1 });
  });

  it('sends at once when the browser says gathering is complete', () => {
    expect(gatheringDecision({ elapsedMs: 1, complete: true }, 'relay')).toEqual({ send: true, reason: 'complete' });
  });

  it('with STUN, waits past the host candidates for the first server-reflexive one, plus a grace', () => {
    const early = gatheringDecision({ elapsedMs: 20, firstCandidateMs: 2, complete: false }, 'srflx');
    expect(early).toEqual({ send: false, checkAgainInMs: GATHERING_BOUND_MS - 20 });
    expect(gatheringDecision({ elapsedMs: 40, firstCandidateMs: 2, awaitedCandidateMs: 35, complete: false }, 'srflx')).toEqual({ send: false, checkAgainInMs: 5 });
    expect(gatheringDecision({ elapsedMs: 35 + SERVER_GRACE_MS, firstCandidateMs: 2, awaitedCandidateMs: 35, complete: false }, 'srflx')).toEqual({ send: true, reason: 'server' });
  });

  it('a STUN/TURN server that does not answer is not waited for past the hard bound', () => {
    expect(gatheringDecision({ elapsedMs: GATHERING_BOUND_MS - 1, firstCandidateMs: 2, complete: false }, 'relay')).toEqual({ send: false, checkAgainInMs: 1 });
    expect(gatheringDecision({ elapsedMs: GATHERING_BOUND_MS, firstCandidateMs: 2, complete: false }, 'relay')).toEqual({ send: true, reason: 'bound' });
  });

  it('a connection gathering since before the call (warm, or prepared while ringing) sends as soon as its pooled candidates settle', () => {
    // Pooled candidates surface right after setLocalDescription, long after gathering began.
    expect(gatheringDecision({ elapsedMs: 900, firstCandidateMs: 899, complete: false }, 'srflx')).toEqual({ send: false, checkAgainInMs: HOST_SETTLE_MS - 1 });
    expect(gatheringDecision({ elapsedMs: 904, firstCandidateMs: 899, complete: false }, 'srflx')).toEqual({ send: true, reason: 'bound' });
  });

  it('with no usable candidate at all, gives up waiting at the cap', () => {
    expect(gatheringDecision({ elapsedMs: 500, complete: false }, 'relay')).toEqual({ send: false, checkAgainInMs: GATHERING_CAP_MS - 500 });
    expect(gatheringDecision({ elapsedMs: GATHERING_CAP_MS, complete: false }, 'relay')).toEqual({ send: true, reason: 'cap' });
  });

  it('a STUN server silent last time is not waited for: the host candidates go once settled', () => {
    expect(gatheringDecision({ elapsedMs: 3, firstCandidateMs: 2, complete: false }, 'srflx', true)).toEqual({ send: false, checkAgainInMs: HOST_SETTLE_MS - 1 });
    expect(gatheringDecision({ elapsedMs: 2 + HOST_SETTLE_MS, firstCandidateMs: 2, complete: false }, 'srflx', true)).toEqual({ send: true, reason: 'silent-server' });
    // Heard from in time after all: its candidate is waited out as usual.
    expect(gatheringDecision({ elapsedMs: 5, firstCandidateMs: 2, awaitedCandidateMs: 4, complete: false }, 'srflx', true)).toEqual({ send: false, checkAgainInMs: SERVER_GRACE_MS - 1 });
  });

  it('a silent STUN server changes nothing for TURN, or where no host candidate can come (relay-only policy)', () => {
    expect(gatheringDecision({ elapsedMs: 20, firstCandidateMs: 2, complete: false }, 'relay', true)).toEqual({ send: false, checkAgainInMs: GATHERING_BOUND_MS - 20 });
    expect(gatheringDecision({ elapsedMs: 20, complete: false }, 'srflx', true)).toEqual({ send: false, checkAgainInMs: GATHERING_CAP_MS - 20 });
  });

  it('never asks to be woken in less than a millisecond', () => {
    const decision = gatheringDecision({ elapsedMs: 6.9999, firstCandidateMs: 2, awaitedCandidateMs: 2, complete: false }, 'host');
    expect(decision).toEqual({ send: false, checkAgainInMs: 1 });
  });
});
