/** Small facts of written Chinese the rest of the code relies on. */

const DIGITS: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** 十三 → 13, 二十七 → 27, 二〇二〇 → 2020, 13 → 13; undefined when it is not a number. */
export function parseChineseNumber(text: string): number | undefined {
  const ascii = toAsciiDigits(text);
  if (/^\d+$/.test(ascii)) return Number(ascii);
  if (!/^[〇零一二两三四五六七八九十百]+$/.test(text)) return undefined;
  if (!/[十百]/.test(text)) {
    // Digit by digit, as years are written: 二〇二〇.
    return Number([...text].map((c) => DIGITS[c]).join(""));
  }
  let total = 0;
  let digit = 0;
  for (const char of text) {
    if (char === "百") {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (char === "十") {
      total += (digit || 1) * 10;
      digit = 0;
    } else {
      digit = DIGITS[char] ?? 0;
    }
  }
  return total + digit;
}

/** Full-width digits and Latin letters to ASCII (１月 → 1月). */
export function toAsciiDigits(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const COUNT_DIGITS = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"] as const;

/** 5 → 五, 13 → 十三, 20 → 二十, 24 → 二十四: how terms and meetings are counted (1–99). */
export function chineseCount(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`not a count from 1 to 99: ${n}`);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensPart = tens === 0 ? "" : tens === 1 ? "十" : `${COUNT_DIGITS[tens]}十`;
  return tensPart + (ones ? COUNT_DIGITS[ones] : "");
}

export const ZH_COLLATOR = new Intl.Collator("zh-CN");
