import { describe, expect, it } from 'vitest';
import { SCREEN_SHARE_IMAGE_MAX_LENGTH, checkIpcArgs } from '../shared/ipc-contract';
import { SOURCE_OPTIONS, screenShareChoices } from './screen-share-sources';
import { desktopCapturer, resetElectronFake } from './test-support/electron-fake';

async function listed(sources: typeof desktopCapturer.sources) {
  resetElectronFake();
  desktopCapturer.sources = sources;
  return desktopCapturer.getSources(SOURCE_OPTIONS);
}

describe('screen-share choices', () => {
  it('puts screens first, numbered, then windows in the order the system lists them', async () => {
    const choices = screenShareChoices(
      await listed([
        { id: 'window:11:0', name: 'Mail' },
        { id: 'screen:0:0', name: 'Screen 1' },
        { id: 'window:12:0', name: 'Editor' },
        { id: 'screen:1:0', name: 'Screen 2' },
      ]),
    );
    expect(choices.map(({ id, name, kind }) => [id, name, kind])).toEqual([
      ['screen:0:0', 'Screen 1', 'screen'],
      ['screen:1:0', 'Screen 2', 'screen'],
      ['window:11:0', 'Mail', 'window'],
      ['window:12:0', 'Editor', 'window'],
    ]);
  });

  it('calls a lone screen "Entire screen", whatever the platform named it', async () => {
    const [screen] = screenShareChoices(await listed([{ id: 'screen:0:0', name: 'Entire Screen' }, { id: 'window:5:0', name: 'Mail' }]));
    expect(screen?.name).toBe('Entire screen');
  });

  it('carries PNG thumbnails for all, and app icons for windows only', async () => {
    const [screen, window, iconless] = screenShareChoices(
      await listed([
        { id: 'screen:0:0', name: 'Entire Screen' },
        { id: 'window:5:0', name: 'Mail' },
        { id: 'window:6:0', name: 'Terminal', hasIcon: false },
      ]),
    );
    expect(screen?.thumbnailDataUrl).toMatch(/^data:image\/png;base64,.+/);
    expect(screen?.iconDataUrl).toBeNull();
    expect(window?.iconDataUrl).toMatch(/^data:image\/png;base64,.+/);
    expect(iconless?.iconDataUrl).toBeNull();
    expect(checkIpcArgs('screen-picker:sources', [screen, window, iconless]).ok).toBe(true);
  });

  it('leaves out images that are empty or too large for the contract, keeping the choice', () => {
    const image = (url: string, empty = false) => ({ isEmpty: () => empty, toDataURL: () => url });
    const huge = `data:image/png;base64,${'A'.repeat(SCREEN_SHARE_IMAGE_MAX_LENGTH)}`;
    const choices = screenShareChoices([
      { id: 'screen:0:0', name: '', thumbnail: image('data:image/png;base64,', true), appIcon: null },
      { id: 'window:7:0', name: '  ', thumbnail: image(huge), appIcon: image('data:image/png;base64,') },
    ]);
    expect(choices).toEqual([
      { id: 'screen:0:0', name: 'Entire screen', kind: 'screen', thumbnailDataUrl: null, iconDataUrl: null },
      { id: 'window:7:0', name: 'Untitled window', kind: 'window', thumbnailDataUrl: null, iconDataUrl: null },
    ]);
    expect(checkIpcArgs('screen-picker:sources', choices).ok).toBe(true);
  });

  it('shortens window titles the contract would refuse', () => {
    const image = { isEmpty: () => true, toDataURL: () => '' };
    const [choice] = screenShareChoices([{ id: 'window:1:0', name: 'x'.repeat(1000), thumbnail: image, appIcon: null }]);
    expect(choice?.name).toHaveLength(300);
    expect(checkIpcArgs('screen-picker:sources', [choice]).ok).toBe(true);
  });
});
