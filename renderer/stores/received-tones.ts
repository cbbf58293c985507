// Keypad tones the far end sent as SIP INFO, per call, for the line under the call: a PBX menu or
// a colleague's phone that "beeps" in INFO is otherwise silent on a softphone.

import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { appContext } from '../app-context';

const TONES_SHOWN = 16;

export const useReceivedTonesStore = defineStore('received-tones', () => {
  const { phone } = appContext();
  const byCall = shallowRef(new Map<string, string>());
  const set = (id: string, tones: string | undefined) => {
    const next = new Map(byCall.value);
    if (tones === undefined) next.delete(id);
    else next.set(id, tones);
    byCall.value = next;
  };
  phone.on('onDtmfReceived', (session, tone) => {
    const id = session.getId();
    if (id) set(id, ((byCall.value.get(id) ?? '') + tone).slice(-TONES_SHOWN));
  });
  phone.on('onCallEnded', (session) => {
    const id = session.getId();
    if (id) set(id, undefined);
  });
  const tonesOf = (callId: string) => byCall.value.get(callId) ?? '';
  return { tonesOf };
});
