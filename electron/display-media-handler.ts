// Answers the page's getDisplayMedia() on the desktop, where Chromium has no picker of its
// own: the main process lists the screens and windows, lets the user choose one in our picker
// window, and grants exactly that source. Requests from anything but our own top-level page
// are refused, as is a second request while a picker is open.
//
// Refusing means calling back with null. Electron treats null as a plain capture failure
// (shell/browser/electron_browser_context.cc answers INVALID_DISPLAY_CAPTURE_CONSTRAINTS, which
// the page sees as an AbortError "Invalid capture constraints"); an empty object instead makes
// Electron throw "Video was requested, but no video stream was provided" in the main process.
// The page cannot tell a Cancel from a failure by that error, so the page treats it as a
// Cancel, and a real failure is explained here, by the main process (`onFailure`): macOS
// without Screen Recording consent, or a desktop that lists nothing to share.

import type { ScreenShareSource } from '../shared/ipc-contract';
import { isAppUrl } from './app-origin';
import { type CapturerSourceLike, SOURCE_OPTIONS, screenShareChoices } from './screen-share-sources';

/** The fields of Electron's DisplayMediaRequestHandlerHandlerRequest this module reads. */
export interface DisplayMediaRequestLike {
  frame: { readonly url: string; readonly parent: unknown } | null;
  securityOrigin: string;
  videoRequested: boolean;
}

/** A granted source as Electron takes it (a DesktopCapturerSource has both fields). */
export interface GrantedVideo {
  id: string;
  name: string;
}
export type DisplayMediaCallback = (streams: { video: GrantedVideo } | null) => void;

export interface DisplayMediaSession {
  setDisplayMediaRequestHandler(handler: ((request: DisplayMediaRequestLike, callback: DisplayMediaCallback) => void) | null): void;
}

export interface DesktopCapturerPort<S extends CapturerSourceLike & GrantedVideo> {
  getSources(options: typeof SOURCE_OPTIONS): Promise<S[]>;
}

export interface SourcePicker {
  choose(sources: readonly ScreenShareSource[]): Promise<string | null>;
}

export type DisplayMediaDenial = 'foreign-frame' | 'no-video-requested' | 'busy' | 'no-sources' | 'cancelled' | 'error' | 'screen-permission';

/** The refusals the user must be told about (a Cancel, or a request we refused on purpose, needs no word). */
export type DisplayMediaFailure = Extract<DisplayMediaDenial, 'no-sources' | 'error' | 'screen-permission'>;

export interface DisplayMediaHandlerOptions<S extends CapturerSourceLike & GrantedVideo> {
  desktopCapturer: DesktopCapturerPort<S>;
  picker: SourcePicker;
  /** macOS: `systemPreferences.getMediaAccessStatus('screen')`; elsewhere absent. */
  screenAccess?: () => string;
  /** Says why sharing could not start; the page only learns that it did not. */
  onFailure?: (failure: DisplayMediaFailure) => void;
  log?: (message: string) => void;
}

/** Why a request may not be answered with a capture, or null when it may. */
export function displayMediaRequestProblem(request: DisplayMediaRequestLike): DisplayMediaDenial | null {
  const { frame } = request;
  // A subframe would be granted a capture shown to whatever embeds it; ours has no subframes.
  if (!frame || frame.parent !== null || !isAppUrl(frame.url) || !isAppUrl(request.securityOrigin)) return 'foreign-frame';
  // Only video is ever offered: without a video request there is nothing to grant.
  if (!request.videoRequested) return 'no-video-requested';
  return null;
}

export function createDisplayMediaHandler<S extends CapturerSourceLike & GrantedVideo>(
  options: DisplayMediaHandlerOptions<S>,
): (request: DisplayMediaRequestLike, callback: DisplayMediaCallback) => void {
  const log = options.log ?? ((message) => console.warn(`[screen-share] ${message}`));
  let busy = false;

  async function chooseSource(): Promise<S | DisplayMediaDenial> {
    const sources = await options.desktopCapturer.getSources(SOURCE_OPTIONS);
    if (sources.length === 0) return 'no-sources';
    // Wayland (PipeWire): the system's own dialog has already chosen, and only that source is listed.
    if (sources.length === 1) return sources[0]!;
    const chosenId = await options.picker.choose(screenShareChoices(sources));
    return sources.find((source) => source.id === chosenId) ?? 'cancelled';
  }

  async function answer(request: DisplayMediaRequestLike, callback: DisplayMediaCallback): Promise<void> {
    const deny = (reason: DisplayMediaDenial) => {
      if (reason !== 'cancelled') log(`screen sharing refused: ${reason}`);
      callback(null);
    };
    const problem = displayMediaRequestProblem(request);
    if (problem) return deny(problem);
    if (busy) return deny('busy');
    const access = options.screenAccess?.();
    if (access === 'denied' || access === 'restricted') {
      options.onFailure?.('screen-permission');
      return deny('screen-permission');
    }
    busy = true;
    let chosen: S | DisplayMediaDenial;
    try {
      chosen = await chooseSource();
    } catch (error) {
      // macOS without screen-recording consent, or a cancelled portal: getSources rejects.
      log(`could not list screens and windows: ${String(error)}`);
      chosen = 'error';
    } finally {
      busy = false;
    }
    // Electron's callback runs once; it is called exactly once, outside the try, for that reason.
    if (typeof chosen === 'string') {
      if (chosen === 'error' || chosen === 'no-sources') options.onFailure?.(chosen);
      deny(chosen);
    } else callback({ video: chosen });
  }

  return (request, callback) => {
    answer(request, callback).catch((error: unknown) => {
      // The callback throws when the requesting frame is gone by now; nothing is left to answer.
      log(`could not answer a screen-share request: ${String(error)}`);
    });
  };
}

export function installDisplayMediaHandler<S extends CapturerSourceLike & GrantedVideo>(
  session: DisplayMediaSession,
  options: DisplayMediaHandlerOptions<S>,
): void {
  session.setDisplayMediaRequestHandler(createDisplayMediaHandler(options));
}
