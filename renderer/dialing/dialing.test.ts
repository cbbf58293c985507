import { describe, expect, test } from 'vitest';
import { dialDisplayText } from './dial-display';
import { isEditableTarget, toneForKeyPress } from './keypad-keys';
import { onCallPressed } from './redial';

describe('dialDisplayText', () => {
  test('shows the compact form, with or without a domain configured', () => {
    expect(dialDisplayText('+33 1 23-45', '')).toBe('+3312345');
    expect(dialDisplayText('sip:1001@pbx.example.com', 'pbx.example.com')).toBe('1001');
    expect(dialDisplayText('sip:1001@pbx.example.com', '')).toBe('1001@pbx.example.com');
  });

  test('is null for what cannot be dialled', () => {
    expect(dialDisplayText('<sip:1001@x>', 'pbx.example.com')).toBeNull();
    expect(dialDisplayText('   ', '')).toBeNull();
  });
});

describe('onCallPressed (redial)', () => {
  test('dials what the field holds, whatever was dialled before', () => {
    expect(onCallPressed('1002', '1001')).toEqual({ action: 'dial', text: '1002' });
  });

  test('an empty field offers the last number instead of calling it at once', () => {
    expect(onCallPressed('', '1001')).toEqual({ action: 'offer-last', text: '1001' });
    expect(onCallPressed('   ', '+3312345')).toEqual({ action: 'offer-last', text: '+3312345' });
  });

  test('with nothing dialled yet, an empty field is explained', () => {
    expect(onCallPressed('', null)).toEqual({ action: 'explain-empty' });
    expect(onCallPressed(' ', ' ')).toEqual({ action: 'explain-empty' });
  });
});

describe('toneForKeyPress (keyboard digits on a call)', () => {
  test.each(['0', '1', '5', '9', '*', '#'])('%s is a tone', (key) => {
    expect(toneForKeyPress({ key, targetIsEditable: false })).toBe(key);
  });

  test.each(['a', 'A', 'Enter', ' ', '+', 'F5', 'Escape'])('%j is not', (key) => {
    expect(toneForKeyPress({ key, targetIsEditable: false })).toBeNull();
  });

  test('keys typed into a field, shortcuts and auto-repeat are left alone', () => {
    expect(toneForKeyPress({ key: '5', targetIsEditable: true })).toBeNull();
    expect(toneForKeyPress({ key: '5', ctrlKey: true, targetIsEditable: false })).toBeNull();
    expect(toneForKeyPress({ key: '5', metaKey: true, targetIsEditable: false })).toBeNull();
    expect(toneForKeyPress({ key: '5', altKey: true, targetIsEditable: false })).toBeNull();
    expect(toneForKeyPress({ key: '5', repeat: true, targetIsEditable: false })).toBeNull();
  });

  test('only text-taking elements count as editable', () => {
    const element = (tagName: string, isContentEditable = false) => ({ tagName, isContentEditable }) as unknown as EventTarget;
    expect(isEditableTarget(element('INPUT'))).toBe(true);
    expect(isEditableTarget(element('TEXTAREA'))).toBe(true);
    expect(isEditableTarget(element('SELECT'))).toBe(true);
    expect(isEditableTarget(element('DIV', true))).toBe(true);
    expect(isEditableTarget(element('BUTTON'))).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });
});
