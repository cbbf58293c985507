// The incoming-call popup page (incoming-call-page.html beside this file): fills in what the main
// process says is ringing and sends the button presses back. Text only (textContent), never
// markup: the caller's name comes from the network.

import { safeDisplayText } from '../../shared/display-name';
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
    // Cleaned again here (it may be anything the main process was sent) and isolated in a
    // <bdi>, so a right-to-left name cannot reorder the page; CSS cuts it with an ellipsis.
    const name = safeDisplayText(view.title);
    const isolated = document.createElement('bdi');
    isolated.textContent = name;
    title.replaceChildren(isolated);
    title.setAttribute('title', name);
    detail.textContent = view.detail;
    document.title = `Incoming call: ${name}`;
    answer.setAttribute('aria-label', `Answer call from ${name}`);
    decline.setAttribute('aria-label', `Decline call from ${name}`);
    answer.disabled = false;
    decline.disabled = false;
  });
}
