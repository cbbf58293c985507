// The one AudioContext every sound of the app plays through, and the browser's autoplay rule.
// A browser tab may only start audio once the user has interacted with the page: a context
// made before that stays suspended, and a ring played into it is silently lost. So the
// context is resumed on the first click or key press, and whoever needs sound can ask whether
// it is really running. The desktop window allows sound without a gesture (Electron
// `autoplayPolicy`, electron/secure-web-preferences.ts), so there it simply runs.

let context: AudioContext | null = null;
let unavailable = false;
const runningListeners = new Set<() => void>();
// One more context per chosen output that is not the default: a context renders to one output
// only, so ringing on two at once takes two (AudioContext sinkId, Chromium 110+).
const outputContexts = new Map<string, AudioContext>();

/** Whether sounds can be sent to a chosen output (Chromium and Electron; not Firefox, Safari). */
export function canChooseSoundOutput(): boolean {
  return typeof AudioContext !== 'undefined' && 'setSinkId' in AudioContext.prototype;
}

/** The shared context, made on first use; null where the page has no Web Audio at all. */
export function audioContext(): AudioContext | null {
  if (context || unavailable) return context;
  try {
    const made = new AudioContext();
    made.addEventListener('statechange', () => {
      if (made.state === 'running') for (const listener of [...runningListeners]) listener();
    });
    context = made;
  } catch {
    unavailable = true;
  }
  return context;
}

/**
 * The context playing on output `sinkId` ('' : the default, the shared context), made on first
 * use. An output that cannot be opened (unplugged meanwhile) leaves that sound on the default,
 * as the call audio does (media-element.ts useSinkId).
 */
export function audioContextFor(sinkId: string): AudioContext | null {
  if (sinkId === '' || !canChooseSoundOutput()) return audioContext();
  const existing = outputContexts.get(sinkId);
  if (existing) return existing;
  if (!audioContext()) return null;
  try {
    // Given at construction so not a blip of the ring reaches the default output first; an id
    // that is gone by then makes Chromium render on the default (and fire `error`), or throw.
    const made = new AudioContext({ sinkId } as AudioContextOptions);
    outputContexts.set(sinkId, made);
    return made;
  } catch {
    return audioContext();
  }
}

/**
 * Closes the context of a non-default output once nothing plays on it: an idle context keeps its
 * output open and its audio thread running all day for a ring that comes now and then.
 */
export function releaseIdleOutput(idle: AudioContext): void {
  for (const [sinkId, made] of outputContexts) {
    if (made !== idle) continue;
    outputContexts.delete(sinkId);
    void made.close().catch(() => undefined);
  }
}

/** Closes the contexts of outputs no longer chosen: an idle context still holds its output open. */
export function releaseOutputsExcept(keep: readonly string[]): void {
  for (const [sinkId, made] of outputContexts) {
    if (keep.includes(sinkId)) continue;
    outputContexts.delete(sinkId);
    void made.close().catch(() => undefined);
  }
}

/** Asks the contexts to run; the browser refuses (the promise never settles) until a gesture. */
export function resumeAudio(): void {
  for (const current of [audioContext(), ...outputContexts.values()]) {
    if (current && current.state === 'suspended') void current.resume().catch(() => undefined);
  }
}

/**
 * Whether sound is really coming out, giving the browser `waitMs` to start a context that was
 * just resumed. False while the autoplay rule holds it suspended.
 */
export async function audioRunning(waitMs: number): Promise<boolean> {
  const current = audioContext();
  if (!current) return false;
  if (current.state === 'running') return true;
  resumeAudio();
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      current.removeEventListener('statechange', done);
      resolve();
    };
    const timer = setTimeout(done, waitMs);
    current.addEventListener('statechange', done);
  });
  return (current.state as AudioContextState) === 'running';
}

/** Calls `listener` each time the shared context starts running (a gesture unlocked it, say). */
export function onAudioRunning(listener: () => void): () => void {
  runningListeners.add(listener);
  return () => runningListeners.delete(listener);
}

// Events that count as a user gesture for the autoplay rule (a mouse press, a tap, a key).
const GESTURES = ['pointerdown', 'pointerup', 'keydown', 'touchend', 'click'] as const;

/**
 * Resumes (or makes) the shared context inside the user's gestures until it runs. Listens in
 * the capture phase on the window, so a handler that stops propagation cannot hide a gesture.
 */
export function unlockAudioOnUserGesture(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = globalThis): () => void {
  const options = { capture: true, passive: true } as const;
  const stop = () => {
    for (const name of GESTURES) target.removeEventListener(name, onGesture, options);
  };
  function onGesture(): void {
    resumeAudio();
    if (context?.state === 'running' || unavailable) stop();
  }
  for (const name of GESTURES) target.addEventListener(name, onGesture, options);
  return stop;
}
