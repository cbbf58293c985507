// The call's video tile, loaded on demand with the first call (the first bundle stays small).
// Defined once, here, and not in ActiveCall's setup: an async component defined in setup is a
// new definition at every mount, so every call went through the module preload helper again
// and drew its panel twice, first without the tile, then with it once the import settled
// (~3 ms of the page per call in the bench, in the middle of the answer). Defined once, every
// call after the first finds it loaded and draws the panel whole.

import { defineAsyncComponent } from 'vue';

export const LazyCallVideo = defineAsyncComponent(() => import('./CallVideo.vue'));
