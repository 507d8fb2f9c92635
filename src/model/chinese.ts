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

/** 2020-10-27 → 2020年10月27日, from the calendar date itself, never through a time zone. */
export function formatChineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return `${year}年${month}月${day}日`;
}

export const ZH_COLLATOR = new Intl.Collator("zh-CN");
