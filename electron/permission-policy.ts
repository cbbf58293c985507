// Which browser permissions our page gets. A softphone needs the microphone and camera
// (`media`), screen sharing (`display-capture`), notifications, fullscreen video and
// output-device selection (`speaker-selection`, used by setSinkId/selectAudioOutput).
// Everything else (geolocation, USB, MIDI, clipboard read...) is refused, and nothing is
// granted to any origin other than our own, so content that slipped in cannot listen in.

import type { PermissionCheckHandlerHandlerDetails } from 'electron';
import { isAppUrl } from './app-origin';

const GRANTED_TO_APP = new Set<string>(['media', 'display-capture', 'notifications', 'fullscreen', 'speaker-selection']);

const MEDIA_TYPES = new Set<string>(['audio', 'video']);

/** What the policy needs of a Session; the real class and the test fake both fit. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl: string; mediaTypes?: Array<'audio' | 'video'> },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: unknown, permission: string, requestingOrigin: string, details: PermissionCheckHandlerHandlerDetails) => boolean,
  ): void;
}

function mediaTypesAllowed(mediaTypes: readonly string[] | undefined): boolean {
  return (mediaTypes ?? []).every((type) => MEDIA_TYPES.has(type));
}

export function isPermissionGranted(permission: string, requestingUrl: string | undefined, mediaTypes?: readonly string[]): boolean {
  return GRANTED_TO_APP.has(permission) && isAppUrl(requestingUrl) && mediaTypesAllowed(mediaTypes);
}

export function installPermissionPolicy(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, details.mediaTypes));
  });

  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    // Checks come from our top-level page only; a cross-origin subframe has an embeddingOrigin.
    if (details.embeddingOrigin !== undefined && !isAppUrl(details.embeddingOrigin)) return false;
    const mediaTypes = details.mediaType === undefined ? undefined : [details.mediaType];
    // Chromium reports 'unknown' when enumerating devices; that check only reveals labels.
    const knownTypes = mediaTypes?.filter((type) => type !== 'unknown');
    return isPermissionGranted(permission, requestingOrigin, knownTypes);
  });
}
