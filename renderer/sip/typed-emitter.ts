// A minimal typed event emitter. A throwing listener must not stop the others, nor the
// engine that emitted: a UI bug never gets to break a call.

type Handler = (...args: never[]) => void;

export class TypedEmitter<Events extends { [K in keyof Events]: Handler }> {
  private readonly listeners = new Map<keyof Events, Set<Handler>>();

  constructor(private readonly onListenerError: (error: unknown) => void = (e) => console.error(e)) {}

  on<E extends keyof Events>(event: E, handler: Events[E]): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        (handler as (...a: Parameters<Events[E]>) => void)(...args);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** Whether anyone listens (an event costly to build is then not built). */
  has<E extends keyof Events>(event: E): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  clear(): void {
    this.listeners.clear();
  }
}
