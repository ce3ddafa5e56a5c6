/** Numbers, sizes, speeds, durations and dates as Home Assistant shows them to this user. */

/** The parts of `hass.locale` that decide how numbers and dates look. */
export interface FormatLocale {
  language: string;
  number_format?: string;
}

/**
 * The Intl locale for Home Assistant's number format setting, as its own
 * frontend maps it; undefined means the browser's.
 */
export function numberLocale(locale: FormatLocale): string | string[] | undefined {
  switch (locale.number_format) {
    case "comma_decimal":
      return ["en-US", "en"];
    case "decimal_comma":
      return ["de", "es", "it"];
    case "space_comma":
      return ["fr", "sv", "cs"];
    case "system":
      return undefined;
    default:
      return locale.language;
  }
}

const BINARY_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"] as const;

/** Formats numbers, sizes, speeds, durations and dates for one locale; made once per locale. */
export class Formatter {
  private readonly numbers = new Map<string, Intl.NumberFormat>();
  private readonly locale: string | string[] | undefined;
  private readonly grouping: boolean;
  private readonly dates: Intl.DateTimeFormat;

  constructor(readonly formatLocale: FormatLocale) {
    this.locale = safeLocale(numberLocale(formatLocale));
    this.grouping = formatLocale.number_format !== "none";
    this.dates = new Intl.DateTimeFormat(safeLocale(formatLocale.language), {
      dateStyle: "medium",
      timeStyle: "short",
    });
  }

  private format(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
    let format = this.numbers.get(key);
    if (format === undefined) {
      format = new Intl.NumberFormat(this.locale, { useGrouping: this.grouping, ...options });
      this.numbers.set(key, format);
    }
    return format;
  }

  /** A number with at most `digits` decimals. */
  number(value: number, digits = 0): string {
    return this.format(`n${digits}`, { maximumFractionDigits: digits }).format(value);
  }

  /** A number with exactly `digits` decimals, so a changing figure keeps its width. */
  fixed(value: number, digits: number): string {
    return this.format(`f${digits}`, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value);
  }

  /** Bytes in binary units (KiB, MiB, …) with three significant figures. */
  size(bytes: number): string {
    let value = Math.max(0, bytes);
    let unit = 0;
    while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
      value /= 1024;
      unit += 1;
    }
    const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
    return `${this.fixed(value, digits)} ${BINARY_UNITS[unit] ?? "B"}`;
  }

  /** Bytes per second in binary units. */
  speed(bytesPerSecond: number): string {
    return `${this.size(bytesPerSecond)}/s`;
  }

  /** A percentage given as 0–100, one decimal. */
  percent(value: number): string {
    return this.format("percent", { style: "percent", maximumFractionDigits: 1 }).format(
      value / 100,
    );
  }

  /** A share ratio, two decimals. */
  ratio(value: number): string {
    return this.format("ratio", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
      value,
    );
  }

  /** Milliseconds, as a response time. */
  millis(value: number): string {
    return this.format("ms", {
      style: "unit",
      unit: "millisecond",
      unitDisplay: "short",
      maximumFractionDigits: 0,
    }).format(value);
  }

  /** Seconds left as its two largest units ("2 h 5 min"); null is "never", shown as ∞. */
  duration(seconds: number | null): string {
    if (seconds === null) return "∞";
    const units: [Intl.NumberFormatOptions["unit"], number][] = [
      ["day", 86400],
      ["hour", 3600],
      ["minute", 60],
      ["second", 1],
    ];
    let rest = Math.max(0, Math.round(seconds));
    const parts: string[] = [];
    for (const [unit, length] of units) {
      const amount = Math.floor(rest / length);
      rest -= amount * length;
      if (amount > 0 || (parts.length === 0 && unit === "second")) {
        parts.push(
          this.format(`u-${unit ?? ""}`, {
            style: "unit",
            unit,
            unitDisplay: "narrow",
          }).format(amount),
        );
      }
      if (parts.length === 2) break;
      // Only adjacent units: "1 d 5 min" would hide the hours.
      if (parts.length === 1 && amount === 0) break;
    }
    return parts.join(" ");
  }

  /** An ISO 8601 time as a local date and time; empty when unknown. */
  date(iso: string | null): string {
    if (iso === null) return "";
    const time = new Date(iso);
    return Number.isNaN(time.getTime()) ? "" : this.dates.format(time);
  }
}

/** The locale if Intl knows it, else English: a bad tag must not break the card. */
function safeLocale<T extends string | string[] | undefined>(locale: T): T | "en" {
  try {
    new Intl.NumberFormat(locale);
    return locale;
  } catch {
    return "en";
  }
}
