// The switch that tells the shared preload it runs in the incoming-call popup. Passed through
// `webPreferences.additionalArguments`, which a sandboxed preload sees in `process.argv`.

export const INCOMING_CALL_VIEW_SWITCH = '--softphone-view=incoming-call';

// The switch that tells the shared preload it runs in the screen-share picker window.
export const SCREEN_SHARE_PICKER_VIEW_SWITCH = '--softphone-view=screen-share-picker';
