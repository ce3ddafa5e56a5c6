import { describe, expect, it } from "vitest";
import { ENGLISH, TRANSLATIONS, type StringKey } from "../src/generated/translations.js";
import { localizer } from "../src/localize.js";

const LANGUAGES = ["de", "es", "fr", "nl", "zh-Hans"];

describe("translations", () => {
  it("exist for every card text in each of the integration's languages", () => {
    expect(Object.keys(TRANSLATIONS).sort()).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES) {
      const missing = (Object.keys(ENGLISH) as StringKey[]).filter((key) => !TRANSLATIONS[language]?.[key]);
      expect([language, missing]).toEqual([language, []]);
    }
  });

  it("keep every placeholder of the English text", () => {
    for (const language of LANGUAGES) {
      for (const [key, english] of Object.entries(ENGLISH)) {
        const placeholders = english.match(/\{[a-z]+\}/g)?.sort() ?? [];
        const translated = TRANSLATIONS[language]?.[key as StringKey] ?? "";
        expect([language, key, translated.match(/\{[a-z]+\}/g)?.sort() ?? []]).toEqual([language, key, placeholders]);
      }
    }
  });

  it("follow the user's language, its base language, or English", () => {
    expect(localizer("de")("delete")).toBe(TRANSLATIONS.de?.delete);
    expect(localizer("de-AT")("delete")).toBe(TRANSLATIONS.de?.delete);
    expect(localizer("zh-Hans")("delete")).toBe(TRANSLATIONS["zh-Hans"]?.delete);
    expect(localizer("en-GB")("delete")).toBe("Delete");
    expect(localizer("pt-BR")("delete")).toBe("Delete");
  });

  it("fill in placeholders", () => {
    expect(localizer("en")("selected", { count: 3 })).toBe("3 selected");
  });
});
