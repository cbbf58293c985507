import { createPinia } from 'pinia';
import { createApp } from 'vue';
import type { PlatformAdapter } from '../shared/platform';
import { setAppContext } from './app-context';
import { followSoundDevices } from './audio/follow-devices';
import { startPhoneSounds } from './audio/phone-sounds';
import App from './components/App.vue';
import { installE2eHook } from './e2e-hook';
import { useHistoryStore } from './history/history-store';
import { createElectronPlatform, findSoftphoneBridge } from './platform/electron-platform';
import { createWebPlatform } from './platform/web-platform';
import { createSipPhone } from './sip/sip-phone';
import { useCallsStore } from './stores/calls';
import { useDevicesStore } from './stores/devices';
import { startDialWarmUp } from './stores/dial-warm-up';
import { usePreferencesStore } from './stores/preferences';
import { useRegistrationStore } from './stores/registration';
import './styles.css';

// The preload defines `window.softphone` only inside our Electron windows; anywhere else this
// is an ordinary browser tab.
const bridge = findSoftphoneBridge();
const platform: PlatformAdapter = bridge ? createElectronPlatform(bridge) : createWebPlatform();
const phone = createSipPhone();
setAppContext({ phone, platform });

// Tests need the engine's own view of calls; `import.meta.env.MODE` is replaced at build
// time, so every other build drops this branch and the hook module with it.
if (import.meta.env.MODE === 'e2e') installE2eHook(phone);

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
// Created before mounting so no engine event or host command is missed while the UI starts.
const preferences = usePreferencesStore(pinia);
useCallsStore(pinia);
// Before any call can start: the history writes each call's row from its first event.
void useHistoryStore(pinia).load();
const registration = useRegistrationStore(pinia);
useDevicesStore(pinia);
followSoundDevices(pinia);
startPhoneSounds(pinia);
startDialWarmUp(pinia);
app.mount('#app');
// Preferences first: an incoming call right after registering must meet the user's policy.
void preferences.load().finally(() => registration.start());
