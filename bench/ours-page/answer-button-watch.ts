// "Ringing shown" for our app: the moment the incoming-call panel's Answer button is in the
// DOM and visible, seen by a MutationObserver (its callback runs as a microtask right after
// the render that inserted it), plus the next animation frame (the frame that paints it).

const ANSWER = 'Answer';

export interface ButtonSighting {
  shownAt: number;
  paintedAt: number | null;
}

function visibleAnswerButton(): HTMLButtonElement | undefined {
  for (const button of document.querySelectorAll('button')) {
    const name = button.getAttribute('aria-label') ?? button.textContent ?? '';
    if (name.trim() === ANSWER && button.checkVisibility()) return button;
  }
  return undefined;
}

export class AnswerButtonWatch {
  private observer: MutationObserver | null = null;
  private sighting: ButtonSighting | null = null;

  /** Start watching for the button to appear; fails if one is already on screen. */
  arm(): void {
    this.disarm();
    if (visibleAnswerButton()) throw new Error('an Answer button is still on screen from an earlier call');
    this.sighting = null;
    const observer = new MutationObserver(() => {
      if (this.sighting || !visibleAnswerButton()) return;
      const sighting: ButtonSighting = { shownAt: performance.now(), paintedAt: null };
      this.sighting = sighting;
      requestAnimationFrame(() => {
        sighting.paintedAt = performance.now();
      });
      this.disarm();
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'style', 'hidden'] });
    this.observer = observer;
  }

  /** The sighting once the button has appeared and been painted. */
  seen(): ButtonSighting | undefined {
    return this.sighting?.paintedAt != null ? this.sighting : undefined;
  }

  stop(): void {
    this.disarm();
  }

  private disarm(): void {
    this.observer?.disconnect();
    this.observer = null;
  }
}
