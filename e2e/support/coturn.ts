// The test bed's STUN/TURN server lives in scripts/testbed/ so that the bench starts it the same way.
export { freeUdpPort, onlyLoopback, startCoturn, stunAnswers, unreachableStun } from '../../scripts/testbed/coturn.mjs';
export type { CoturnHandle, CoturnOptions, UnreachableStun } from '../../scripts/testbed/coturn.mjs';
