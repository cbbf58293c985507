// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScreenShareSource, ScreenSharePickerBridge } from '../../shared/ipc-contract';
import { mountScreenSharePickerView, nextChoiceIndex } from './screen-share-picker-view';
// The real page, so the test fails if its ids or buttons drift from the script.
import pageHtml from './screen-share-picker-page.html?raw';

type ShowSources = Parameters<ScreenSharePickerBridge['onSources']>[0];

let showSources: ShowSources;
let sent: string[];
const bridge: ScreenSharePickerBridge = {
  onSources: (listener) => {
    showSources = listener;
    return () => {};
  },
  choose: (id) => sent.push(`choose ${id}`),
  cancel: () => sent.push('cancel'),
};

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const source = (id: string, name: string, kind: ScreenShareSource['kind'] = 'window'): ScreenShareSource => ({
  id,
  name,
  kind,
  thumbnailDataUrl: PNG,
  iconDataUrl: kind === 'window' ? PNG : null,
});
// Seven cards: with three per row, rows are [0 1 2] [3 4 5] [6].
const SOURCES = [
  source('screen:0:0', 'Screen 1', 'screen'),
  source('screen:1:0', 'Screen 2', 'screen'),
  source('window:1:0', 'Mail'),
  source('window:2:0', 'Editor'),
  source('window:3:0', 'Terminal'),
  source('window:4:0', 'Browser'),
  source('window:5:0', 'Music'),
];

const pageBody = pageHtml.replace(/^<!doctype html>\s*<html[^>]*>/i, '').replace(/<\/html>\s*$/, '');
let unmount: () => void;
function mount() {
  document.documentElement.innerHTML = pageBody;
  sent = [];
  unmount = mountScreenSharePickerView(document, bridge);
}
beforeEach(mount);
// The view listens on the document, which outlives each test's markup.
afterEach(() => unmount());

const choices = () => [...document.querySelectorAll<HTMLButtonElement>('button.choice')];
const focusedName = () => document.activeElement?.getAttribute('aria-label');
function press(key: string) {
  const target = document.activeElement ?? document.body;
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
}

describe('screen-share picker page', () => {
  it('has a heading, a Cancel button and one "Share <name>" button per source, in the order given', () => {
    showSources(SOURCES);
    expect(document.querySelector('[role="dialog"] h1')?.textContent).toBe('Choose what to share');
    expect(document.getElementById('cancel')?.textContent).toBe('Cancel');
    expect(choices().map((button) => button.getAttribute('aria-label'))).toEqual(SOURCES.map((s) => `Share ${s.name}`));
    expect(choices()[0]?.querySelector('img.thumbnail')?.getAttribute('src')).toBe(PNG);
  });

  it('focuses the first choice, so Enter at once shares the first screen', () => {
    showSources(SOURCES);
    expect(focusedName()).toBe('Share Screen 1');
    press('Enter');
    expect(sent).toEqual(['choose screen:0:0']);
  });

  it('walks the grid with the arrow keys, Home and End, and shares the focused card with Space', () => {
    showSources(SOURCES);
    press('ArrowRight');
    expect(focusedName()).toBe('Share Screen 2');
    press('ArrowDown');
    expect(focusedName()).toBe('Share Terminal');
    press('ArrowDown'); // nothing below in the last, shorter row
    expect(focusedName()).toBe('Share Terminal');
    press('ArrowLeft');
    expect(focusedName()).toBe('Share Editor');
    press('ArrowDown');
    expect(focusedName()).toBe('Share Music');
    press('ArrowUp');
    press('ArrowUp');
    expect(focusedName()).toBe('Share Screen 1');
    press('ArrowLeft'); // no wrapping past the first
    expect(focusedName()).toBe('Share Screen 1');
    press('End');
    expect(focusedName()).toBe('Share Music');
    press('Home');
    press('ArrowRight');
    press('ArrowRight');
    expect(focusedName()).toBe('Share Mail');
    expect(sent).toEqual([]);
    press(' ');
    expect(sent).toEqual(['choose window:1:0']);
  });

  it('answers once, however many keys and clicks follow', () => {
    showSources(SOURCES);
    press('Enter');
    choices()[3]?.click();
    press('Escape');
    (document.getElementById('cancel') as HTMLButtonElement).click();
    expect(sent).toEqual(['choose screen:0:0']);
    expect(choices().every((button) => button.disabled)).toBe(true);
  });

  it('cancels with Escape or the Cancel button', () => {
    showSources(SOURCES);
    press('Escape');
    expect(sent).toEqual(['cancel']);
    unmount();
    mount();
    showSources(SOURCES);
    (document.getElementById('cancel') as HTMLButtonElement).click();
    expect(sent).toEqual(['cancel']);
  });

  it('shares a card that is clicked', () => {
    showSources(SOURCES);
    choices()[4]?.click();
    expect(sent).toEqual(['choose window:3:0']);
  });

  it('shows window titles as text, and no image that is not a PNG data URL', () => {
    showSources([{ ...source('window:9:0', '<img src=x onerror=alert(1)>'), thumbnailDataUrl: 'https://evil.example/x.png' }]);
    expect(document.querySelector('.name')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img[src^="https:"]')).toBeNull();
    expect(document.querySelectorAll('img')).toHaveLength(1); // the app icon only
    expect(focusedName()).toBe('Share <img src=x onerror=alert(1)>');
  });
});

describe('grid navigation', () => {
  it('moves by one card sideways and by a row of three up and down, never outside the grid', () => {
    expect(nextChoiceIndex('ArrowRight', 6, 7)).toBe(6);
    expect(nextChoiceIndex('ArrowDown', 1, 7)).toBe(4);
    expect(nextChoiceIndex('ArrowUp', 1, 7)).toBe(1);
    expect(nextChoiceIndex('Tab', 1, 7)).toBeNull();
  });
});
