// What the screen-share picker offers, made from desktopCapturer's sources. Pure, so the
// choices the user sees (order, names, images) are tested without Electron.

import { SCREEN_SHARE_IMAGE_MAX_LENGTH, type ScreenShareSource } from '../shared/ipc-contract';

/** The parts of a DesktopCapturerSource (and its NativeImages) the picker reads. */
export interface CapturerSourceLike {
  id: string;
  name: string;
  thumbnail: ImageLike | null;
  appIcon: ImageLike | null;
}
interface ImageLike {
  isEmpty(): boolean;
  toDataURL(): string;
}

/** What the handler asks desktopCapturer for: thumbnails small enough for a grid of cards. */
export const SOURCE_OPTIONS = {
  types: ['screen', 'window'] as Array<'screen' | 'window'>,
  thumbnailSize: { width: 320, height: 180 },
  fetchWindowIcons: true,
};

const MAX_NAME_LENGTH = 300;
const MAX_SOURCES = 100;

function sourceKind(id: string): ScreenShareSource['kind'] {
  // Chromium's ids are `screen:<n>:0` or `window:<handle>:<own>`.
  return id.startsWith('screen:') ? 'screen' : 'window';
}

function dataUrl(image: ImageLike | null): string | null {
  if (!image || image.isEmpty()) return null;
  const url = image.toDataURL();
  const prefix = 'data:image/png;base64,';
  // An image the contract would refuse would take every other choice down with it.
  return url.startsWith(prefix) && url.length > prefix.length && url.length <= SCREEN_SHARE_IMAGE_MAX_LENGTH ? url : null;
}

function windowName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return 'Untitled window';
  return trimmed.length > MAX_NAME_LENGTH ? `${trimmed.slice(0, MAX_NAME_LENGTH - 1)}…` : trimmed;
}

/**
 * Screens first (in the order the system numbers them), then windows (in the system's order,
 * most recently used first on most desktops). Screens are named by us rather than by
 * Chromium ("Entire Screen", "Screen 1"...) so the names read the same on every platform.
 */
export function screenShareChoices(sources: readonly CapturerSourceLike[]): ScreenShareSource[] {
  const screens = sources.filter((source) => sourceKind(source.id) === 'screen');
  const windows = sources.filter((source) => sourceKind(source.id) === 'window');
  const screenChoices = screens.map((source, index): ScreenShareSource => ({
    id: source.id,
    name: screens.length === 1 ? 'Entire screen' : `Screen ${index + 1}`,
    kind: 'screen',
    thumbnailDataUrl: dataUrl(source.thumbnail),
    iconDataUrl: null,
  }));
  const windowChoices = windows.map((source): ScreenShareSource => ({
    id: source.id,
    name: windowName(source.name),
    kind: 'window',
    thumbnailDataUrl: dataUrl(source.thumbnail),
    iconDataUrl: dataUrl(source.appIcon),
  }));
  return [...screenChoices, ...windowChoices].slice(0, MAX_SOURCES);
}
