// The one AudioContext every sound of the app plays through, and the browser's autoplay rule.
// A browser tab may only start audio once the user has interacted with the page: a context
// made before that stays suspended, and a ring played into it is silently lost. So the
// context is resumed on the first click or key press, and whoever needs sound can ask whether
// it is really running. The desktop window allows sound without a gesture (Electron
// `autoplayPolicy`, electron/secure-web-preferences.ts), so there it simply runs.

let context: AudioContext | null = null;
let unavailable = false;
const runningListeners = new Set<() => void>();

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

/** Asks the context to run; the browser refuses (the promise never settles) until a gesture. */
export function resumeAudio(): void {
  const current = audioContext();
  if (current && current.state === 'suspended') void current.resume().catch(() => undefined);
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
