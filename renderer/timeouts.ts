// The one seam between the renderer's timing logic and the browser's timers: code that waits
// takes a Timeouts (browserTimeouts by default), and its tests run time by hand.

export interface Timeouts {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserTimeouts: Timeouts = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
