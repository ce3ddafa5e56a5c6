import { describe, expect, it } from "vitest";
import { Formatter } from "../src/format.js";

const en = new Formatter({ language: "en", number_format: "language" });
const de = new Formatter({ language: "de", number_format: "language" });

describe("formatting", () => {
  it.each([
    [0, "0 B"],
    [1023, "1,023 B"],
    [1024, "1.00 KiB"],
    [1536, "1.50 KiB"],
    [10 * 1024 * 1024, "10.0 MiB"],
    [123 * 1024 ** 3, "123 GiB"],
    [2.5 * 1024 ** 4, "2.50 TiB"],
  ])("shows %d bytes as %s, in binary units", (bytes, text) => {
    expect(en.size(bytes)).toBe(text);
  });

  it("shows speeds per second", () => {
    expect(en.speed(1048576)).toBe("1.00 MiB/s");
    expect(en.speed(0)).toBe("0 B/s");
  });

  it("writes numbers the way the user's language does", () => {
    expect(de.size(1536)).toBe("1,50 KiB");
    expect(de.number(1234567)).toBe("1.234.567");
    expect(de.ratio(1.5)).toBe("1,50");
  });

  it("follows Home Assistant's number format setting over the language", () => {
    const commaDecimal = new Formatter({ language: "de", number_format: "comma_decimal" });
    const none = new Formatter({ language: "en", number_format: "none" });

    expect(commaDecimal.number(1234.5, 1)).toBe("1,234.5");
    expect(none.number(1234567)).toBe("1234567");
  });

  it("shows progress as a percentage with one decimal", () => {
    expect(en.percent(41.25)).toBe("41.3%");
    expect(en.percent(100)).toBe("100%");
  });

  it("shows a time left as its two largest adjacent units, and never as ∞", () => {
    expect(en.duration(null)).toBe("∞");
    expect(en.duration(0)).toBe("0s");
    expect(en.duration(45)).toBe("45s");
    expect(en.duration(3 * 3600 + 5 * 60 + 9)).toBe("3h 5m");
    expect(en.duration(86400 + 30)).toBe("1d");
    expect(en.duration(2 * 86400 + 4 * 3600)).toBe("2d 4h");
  });

  it("shows response times in milliseconds", () => {
    expect(en.millis(12.5)).toBe("13 ms");
  });

  it("shows an unknown date as nothing", () => {
    expect(en.date(null)).toBe("");
    expect(en.date("not a date")).toBe("");
    expect(en.date("2025-01-01T12:00:00+00:00")).toMatch(/2025/);
  });

  it("falls back to English for a language Intl does not know", () => {
    expect(new Formatter({ language: "not a tag!" }).size(1536)).toBe("1.50 KiB");
  });
});
