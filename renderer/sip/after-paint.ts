// Runs work once the page has painted what it was about to (the next frame, then a task), or
// after `fallbackMs` where no frame comes (a hidden or minimised window paints nothing).
// For work that should not hold back what the user is about to see: an incoming call's card
// first, its connection made after.

export function afterNextPaint(run: () => void, fallbackMs = 50): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    run();
  };
  const fallback = setTimeout(once, fallbackMs);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
}
