// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, test } from 'vitest';
import { CallSession } from '../../shared/call-session';
import { setLanguage } from '../i18n';
import { useWazoStore } from '../wazo/wazo-store';
import { buttonNames } from './test-support/accessible-name';
import WazoRecordControls from './WazoRecordControls.vue';

function call(overrides: ConstructorParameters<typeof CallSession>[0] = {}): CallSession {
  return new CallSession({ sipCallId: 'sip-1', callId: '1700.1', sipStatus: 'Established', answered: true, ...overrides });
}

let pinia = createPinia();

/** A store that says it is signed in, without any network. */
function signedIn(): void {
  pinia = createPinia();
  setActivePinia(pinia);
  useWazoStore().$patch({ status: 'signed-in' });
}

function show(session: CallSession) {
  return mount(WazoRecordControls, { props: { call: session }, global: { plugins: [pinia] } });
}

describe('WazoRecordControls', () => {
  afterEach(() => {
    setLanguage('en');
    setActivePinia(undefined as never);
  });

  test('nothing without a Wazo sign-in', () => {
    pinia = createPinia();
    setActivePinia(pinia);
    expect(show(call()).html()).toBe('<!--v-if-->');
  });

  test('Record, once the server has named the call', () => {
    signedIn();
    expect(show(call({ callId: undefined })).find('button').exists()).toBe(false);
    const wrapper = show(call());
    expect(buttonNames(wrapper.element)).toEqual(['Record']);
    expect(wrapper.find('[role="status"]').exists()).toBe(false);
  });

  test('while recording: Stop recording, Pause recording, and a visible state', async () => {
    signedIn();
    const wrapper = show(call({ recording: true }));
    expect(buttonNames(wrapper.element)).toEqual(['Stop recording', 'Pause recording']);
    expect(wrapper.get('[role="status"]').text()).toBe('Recording');
    await wrapper.setProps({ call: call({ recording: false, recordingPaused: true }) });
    expect(buttonNames(wrapper.element)).toEqual(['Stop recording', 'Resume recording']);
    expect(wrapper.get('[role="status"]').text()).toBe('Recording paused');
  });

  test('in French', () => {
    signedIn();
    setLanguage('fr');
    expect(buttonNames(show(call({ recording: true })).element)).toEqual(["Arrêter l'enregistrement", "Mettre l'enregistrement en pause"]);
  });
});
