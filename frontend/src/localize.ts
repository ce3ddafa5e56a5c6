/** The card's texts in the user's language, English where a translation is missing. */
import { ENGLISH, type StringKey, TRANSLATIONS } from "./generated/translations.js";

export type { StringKey };
export type Localize = (key: StringKey, params?: Record<string, string | number>) => string;

/** The translation table for a language tag: exact, then its base language, else none. */
function tableFor(language: string): Readonly<Partial<Record<StringKey, string>>> | undefined {
  const exact = TRANSLATIONS[language];
  if (exact !== undefined) return exact;
  const base = language.split("-")[0] ?? language;
  // Chinese written in simplified script is "zh-Hans" here, whatever the region.
  if (base === "zh" && !/Hant|TW|HK|MO/.test(language)) return TRANSLATIONS["zh-Hans"];
  return TRANSLATIONS[base];
}

/** A function that returns a text in `language` with its {placeholders} filled in. */
export function localizer(language: string): Localize {
  const table = tableFor(language);
  return (key, params) => {
    let text: string = table?.[key] ?? ENGLISH[key];
    if (params !== undefined) {
      for (const [name, value] of Object.entries(params)) {
        text = text.replaceAll(`{${name}}`, String(value));
      }
    }
    return text;
  };
}
