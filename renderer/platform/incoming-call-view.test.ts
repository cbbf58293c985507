// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { IncomingCallBridge } from '../../shared/ipc-contract';
import { mountIncomingCallView } from './incoming-call-view';
// The real page, so the test fails if its ids or buttons drift from the script.
import pageHtml from './incoming-call-page.html?raw';

type ShowCall = Parameters<IncomingCallBridge['onShowCall']>[0];

let show: ShowCall;
let sent: string[];
const bridge: IncomingCallBridge = {
  onShowCall: (listener) => {
    show = listener;
    return () => {};
  },
  answer: (id) => sent.push(`answer ${id}`),
  decline: (id) => sent.push(`decline ${id}`),
};

beforeEach(() => {
  document.documentElement.innerHTML = pageHtml.replace(/^<!doctype html>\s*<html[^>]*>/i, '').replace(/<\/html>\s*$/, '');
  sent = [];
  mountIncomingCallView(document, bridge);
});

const button = (id: string) => document.getElementById(id) as HTMLButtonElement;

describe('incoming-call popup page', () => {
  it('keeps its buttons disabled until a call is shown', () => {
    button('answer').click();
    expect(button('answer').disabled).toBe(true);
    expect(sent).toEqual([]);
  });

  it('shows the caller as text and names the buttons after them', () => {
    show({ callId: 'c1', title: '<img src=x onerror=alert(1)>', detail: '1002 is calling' });
    expect(document.getElementById('title')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
    expect(button('answer').getAttribute('aria-label')).toBe('Answer call from <img src=x onerror=alert(1)>');
    expect(document.querySelector('[role="alertdialog"]')).not.toBeNull();
  });

  it('isolates the caller in a bdi, without bidi controls, with the full name as a tooltip', () => {
    const long = `\u202Elive ${'x'.repeat(300)}`;
    show({ callId: 'c1', title: long, detail: '\u20681002\u2069 is calling' });
    const title = document.getElementById('title');
    const bdi = title?.querySelector('bdi');
    expect(bdi?.textContent?.startsWith('live x')).toBe(true);
    expect(title?.textContent).not.toMatch(/[\u202A-\u202E]/);
    expect(title?.getAttribute('title')).toBe(bdi?.textContent);
    expect(document.title).not.toMatch(/[\u202A-\u202E]/);
    expect(button('answer').getAttribute('aria-label')).not.toMatch(/[\u202A-\u202E]/);
  });

  it('answers once, however often the button is pressed', () => {
    show({ callId: 'c1', title: 'Alice', detail: '1002 is calling' });
    button('answer').click();
    button('answer').click();
    button('decline').click();
    expect(sent).toEqual(['answer c1']);
  });

  it('declines the call it shows', () => {
    show({ callId: 'c2', title: 'Bob', detail: 'Incoming call' });
    button('decline').click();
    expect(sent).toEqual(['decline c2']);
  });
});
