// A CSS media query as a reactive boolean, for the few layout decisions CSS alone cannot make
// (whether the Keypad button opens the pad or only moves to it). One listener per use, removed
// with the component.

import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Two columns (the call beside the dialpad) from this width; styles.css and the views agree. */
export const WIDE_LAYOUT_QUERY = '(min-width: 720px)';

export function useMediaQuery(query: string): Ref<boolean> {
  const list = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(query) : null;
  const matches = ref(list?.matches ?? false);
  const onChange = (event: MediaQueryListEvent) => (matches.value = event.matches);
  list?.addEventListener('change', onChange);
  onBeforeUnmount(() => list?.removeEventListener('change', onChange));
  return matches;
}
