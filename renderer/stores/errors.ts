// The error area: problems the user should read and act on, each until dismissed. Entries
// hold message keys rather than text, so they follow a language switch.

import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { PhoneError } from '../../shared/phone-status';
import type { SettingsNotice } from '../../shared/platform';
import type { MessageKey, MessageParams } from '../i18n';

export interface ErrorEntry {
  id: number;
  code: string;
  textKey: MessageKey;
  fixKey?: MessageKey;
  params?: MessageParams;
  sipCode?: number;
}

export type NewErrorEntry = Omit<ErrorEntry, 'id'>;

export const useErrorsStore = defineStore('errors', () => {
  const entries = ref<ErrorEntry[]>([]);
  let nextId = 1;

  /** Shows an error; the same code reported again replaces the older entry instead of stacking. */
  function report(entry: NewErrorEntry): number {
    const id = nextId++;
    entries.value = [...entries.value.filter((existing) => existing.code !== entry.code), { ...entry, id }];
    return id;
  }

  function reportPhoneError(error: PhoneError): number {
    return report({
      code: error.code,
      textKey: `error.${error.code}`,
      fixKey: `errorFix.${error.code}`,
      ...(error.sipCode !== undefined ? { sipCode: error.sipCode } : {}),
    });
  }

  function reportNotice(notice: SettingsNotice): number {
    return report({ code: notice.code, textKey: `notice.${notice.code}` });
  }

  function dismiss(id: number): void {
    entries.value = entries.value.filter((entry) => entry.id !== id);
  }

  function dismissCode(code: string): void {
    entries.value = entries.value.filter((entry) => entry.code !== code);
  }

  return { entries, report, reportPhoneError, reportNotice, dismiss, dismissCode };
});
