// The screen-share picker page (screen-share-picker-page.html beside this file): one card per
// screen or window the main process offers, in a grid the keyboard can walk (arrows, Home,
// End), Enter or Space to share the focused one, Escape or Cancel to share nothing. Window
// titles come from other applications, so they are set as text (textContent), never markup;
// images are only the PNG data URLs the IPC contract lets through.

import type { ScreenShareSource, ScreenSharePickerBridge } from '../../shared/ipc-contract';

/** Cards per row; the stylesheet reads it as --columns, so Up and Down move by one visual row. */
export const PICKER_COLUMNS = 3;

const PNG_DATA_URL = 'data:image/png;base64,';

function image(document: Document, className: string, url: string | null): HTMLElement {
  if (url === null || !url.startsWith(PNG_DATA_URL)) {
    const placeholder = document.createElement('span');
    placeholder.className = `${className} missing`;
    return placeholder;
  }
  const img = document.createElement('img');
  img.className = className;
  img.src = url;
  // Decorative: the button's name says what it shares.
  img.alt = '';
  return img;
}

function card(document: Document, source: ScreenShareSource): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'choice';
  button.dataset.sourceId = source.id;
  button.setAttribute('aria-label', `Share ${source.name}`);
  button.append(image(document, 'thumbnail', source.thumbnailDataUrl));
  const label = document.createElement('span');
  label.className = 'label';
  if (source.iconDataUrl !== null) label.append(image(document, 'icon', source.iconDataUrl));
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = source.name;
  label.append(name);
  const kind = document.createElement('span');
  kind.className = 'kind';
  kind.textContent = source.kind === 'screen' ? 'Screen' : 'Window';
  button.append(label, kind);
  return button;
}

/** Where focus goes from `index` (of `count` cards) for `key`, or null when the key does not move it. */
export function nextChoiceIndex(key: string, index: number, count: number, columns = PICKER_COLUMNS): number | null {
  const clamp = (value: number) => Math.min(count - 1, Math.max(0, value));
  switch (key) {
    case 'ArrowRight':
      return clamp(index + 1);
    case 'ArrowLeft':
      return clamp(index - 1);
    case 'ArrowDown':
      // No card below (last, shorter row): stay, rather than jumping sideways.
      return index + columns < count ? index + columns : index;
    case 'ArrowUp':
      return index - columns >= 0 ? index - columns : index;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

export function mountScreenSharePickerView(document: Document, bridge: ScreenSharePickerBridge): () => void {
  const list = document.getElementById('choices');
  const cancelButton = document.getElementById('cancel') as HTMLButtonElement | null;
  if (!list || !cancelButton) throw new Error('screen-share picker page: missing elements');
  list.style.setProperty('--columns', String(PICKER_COLUMNS));

  let answered = false;
  const buttons = () => [...list.querySelectorAll<HTMLButtonElement>('button.choice')];
  // One answer per picker: the window closes, and a double press must not answer twice.
  function answer(act: () => void) {
    if (answered) return;
    answered = true;
    for (const button of [...buttons(), cancelButton!]) button.disabled = true;
    act();
  }
  const choose = (button: HTMLButtonElement) => {
    const id = button.dataset.sourceId;
    if (id !== undefined) answer(() => bridge.choose(id));
  };

  list.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button.choice');
    if (button) choose(button);
  });
  cancelButton.addEventListener('click', () => answer(() => bridge.cancel()));

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      answer(() => bridge.cancel());
      return;
    }
    const all = buttons();
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    if (index === -1) return;
    if (event.key === 'Enter' || event.key === ' ') {
      // Handled here (and the browser's own click suppressed) so the key acts exactly once.
      event.preventDefault();
      choose(all[index]!);
      return;
    }
    const next = nextChoiceIndex(event.key, index, all.length);
    if (next === null) return;
    event.preventDefault();
    all[next]?.focus();
  };
  document.addEventListener('keydown', onKeyDown);

  const unsubscribe = bridge.onSources((sources) => {
    if (answered) return;
    list.replaceChildren(
      ...sources.map((source) => {
        const item = document.createElement('li');
        item.append(card(document, source));
        return item;
      }),
    );
    buttons()[0]?.focus();
  });
  return () => {
    unsubscribe();
    document.removeEventListener('keydown', onKeyDown);
  };
}
