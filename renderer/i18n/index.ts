// A deliberately small i18n layer: two catalogues, one reactive language, `{param}`
// interpolation. Templates that call `t()` re-render when the language changes because `t`
// reads the reactive language ref.

import { readonly, ref } from 'vue';
import { en, type Catalogue, type MessageKey } from './en';
import { fr } from './fr';

export type { MessageKey } from './en';
export type Language = 'en' | 'fr';
export type MessageParams = Record<string, string | number>;

export const LANGUAGES: readonly Language[] = ['en', 'fr'];
export const CATALOGUES: Record<Language, Catalogue> = { en, fr };

const STORAGE_KEY = 'softphone.language';

/** French for any `fr` tag (fr, fr-FR, fr-CA...), English otherwise. */
export function languageForTag(tag: string | null | undefined): Language {
  return tag?.trim().toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'fr';
}

function storedLanguage(): Language | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    // Storage can be disabled (privacy settings); the browser language still applies.
    return null;
  }
}

function initialLanguage(): Language {
  return storedLanguage() ?? languageForTag(globalThis.navigator?.language);
}

const language = ref<Language>(initialLanguage());

export function setLanguage(next: Language): void {
  language.value = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered across launches, but the switch still applies to this page.
  }
}

export function translate(lang: Language, key: MessageKey, params?: MessageParams): string {
  const text = CATALOGUES[lang][key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function t(key: MessageKey, params?: MessageParams): string {
  return translate(language.value, key, params);
}

export function useI18n() {
  return { t, language: readonly(language), setLanguage, languages: LANGUAGES };
}
