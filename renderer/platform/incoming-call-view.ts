// The incoming-call popup page (incoming-call-page.html beside this file): fills in what the main
// process says is ringing and sends the button presses back. Text only (textContent), never
// markup: the caller's name comes from the network.

import type { IncomingCallBridge } from '../../shared/ipc-contract';

export function mountIncomingCallView(document: Document, bridge: IncomingCallBridge): () => void {
  const title = document.getElementById('title');
  const detail = document.getElementById('detail');
  const answer = document.getElementById('answer') as HTMLButtonElement | null;
  const decline = document.getElementById('decline') as HTMLButtonElement | null;
  if (!title || !detail || !answer || !decline) throw new Error('incoming-call page: missing elements');

  let callId: string | null = null;
  const press = (act: (id: string) => void) => () => {
    if (callId === null) return;
    const id = callId;
    // One press per call: the popup closes, and a double click must not act twice.
    callId = null;
    answer.disabled = true;
    decline.disabled = true;
    act(id);
  };
  answer.addEventListener('click', press((id) => bridge.answer(id)));
  decline.addEventListener('click', press((id) => bridge.decline(id)));

  return bridge.onShowCall((view) => {
    callId = view.callId;
    title.textContent = view.title;
    detail.textContent = view.detail;
    document.title = `Incoming call: ${view.title}`;
    answer.setAttribute('aria-label', `Answer call from ${view.title}`);
    decline.setAttribute('aria-label', `Decline call from ${view.title}`);
    answer.disabled = false;
    decline.disabled = false;
  });
}
