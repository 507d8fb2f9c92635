import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadAgencies, loadCatalogue } from "../src/archive.ts";
import { parseClosing } from "../src/import/closing.ts";
import { parseHeader, parseSalutation } from "../src/import/header.ts";
import { consultedAgencies } from "../src/import/agencies.ts";
import { suggestionTitle } from "../src/import/letter.ts";
import { removeFolios } from "../src/import/folios.ts";
import { letterId, personSlug, slug, uniqueSlugs } from "../src/model/ids.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const catalogue = loadCatalogue(root);
const agencies = loadAgencies(root);

describe("header pieces", () => {
  it("reads several deputies who signed one suggestion", () => {
    expect(parseSalutation("李素萍、王芳代表：")?.recipients).toEqual([{ name: "李素萍", role: "代表" }, { name: "王芳", role: "代表" }]);
    expect(parseSalutation("李素萍代表、王芳代表:")?.recipients).toEqual([{ name: "李素萍", role: "代表" }, { name: "王芳", role: "代表" }]);
    expect(parseSalutation("您好：")).toBeUndefined();
  });

  it("finds every session of the catalogue however it is worded", () => {
    for (const wording of ["十三届全国人大三次会议", "第十三届全国人民代表大会第三次会议", "十三届全国人民代表大会第三次会议"]) {
      expect(catalogue.find(wording)?.id).toBe("npc-13-3");
    }
    for (const wording of ["全国政协十三届五次会议", "政协十三届全国委员会第五次会议", "中国人民政治协商会议第十三届全国委员会第五次会议"]) {
      expect(catalogue.find(wording)?.id).toBe("cppcc-13-5");
    }
    expect(catalogue.find("十六届全国人大一次会议")).toBeUndefined();
    expect(catalogue.sessions).toHaveLength(60);
  });

  it("reads a header whose 文号 has mixed brackets and full-width digits", () => {
    const header = parseHeader("医保函〔２０２１］７号\n国家医疗保障局\n关于政协十三届全国委员会第四次会议\n第０１２３４号（医疗卫生类２１号）提案答复的函\n王芳委员：");
    expect(header).toMatchObject({ docNumber: "医保函〔2021〕7号", issuer: "国家医疗保障局", proposalNumber: "01234", category: "医疗卫生类21号", proposalType: "提案", recipients: [{ name: "王芳", role: "委员" }] });
  });

  it("reads a date written in Chinese numerals and a disclosure note", () => {
    const text = "您提出的建议收悉。\n感谢您的支持。\n\n国家医疗保障局\n二〇二〇年十月二十七日\n（此件主动公开）\n";
    const closing = parseClosing(text, 0)!;
    expect(closing).toMatchObject({ date: "2020-10-27", signature: "国家医疗保障局", disclosure: "主动公开", leftover: [] });
    expect(text.slice(0, closing.start)).toBe("您提出的建议收悉。\n感谢您的支持。\n\n");
  });

  it("takes the title and the consulted agencies from the opening", () => {
    expect(suggestionTitle("您提出的《关于加强罕见病用药保障的建议》收悉，经商国家卫生健康委同意，现答复如下：")).toBe("关于加强罕见病用药保障的建议");
    expect(consultedAgencies("您提出的《关于加强罕见病用药保障的建议》收悉，经商国家卫生健康委同意，现答复如下：", [], agencies)).toEqual(["国家卫生健康委"]);
    expect(consultedAgencies("您提出的“关于X的提案”收悉，经商财政部、税务总局和民政部，现答复如下：", [], agencies)).toEqual(["财政部", "税务总局", "民政部"]);
    expect(consultedAgencies("您提出的关于X的建议收悉，现答复如下：", [], agencies)).toEqual([]);
  });
});

describe("folios", () => {
  it("leaves numbers that are part of the wording", () => {
    const text = "在河北等8个省份开展试点，启动第一批10个试点项目。200多个地市实施，9100多家医院开展远程医疗，第2152号建议，87%以上。";
    expect(removeFolios(text).text).toBe(text);
  });

  it("removes folio lines in every shape and a spliced run that continues the page sequence", () => {
    const text = "第一页的文字，\n— 2 —\n第二页的文字，\n- 3 -\n第三页民政4部门的文字，\n5感谢您。";
    const result = removeFolios(text);
    expect(result.text).toBe("第一页的文字，\n\n第二页的文字，\n\n第三页民政部门的文字，\n感谢您。");
    expect(result.changes.map((c) => c.line)).toEqual([2, 4, 5, 6]);
  });
});

describe("ids", () => {
  it("are ASCII, from the 文号, and distinct for NPC and CPPCC replies with the same number", () => {
    expect(letterId("医保函〔2020〕135号")).toBe("ybh-2020-135");
    expect(letterId("国卫医函〔2022〕7号")).toBe("gwyh-2022-7");
    expect(letterId("教建议〔2022〕第317号")).toBe(letterId("教建议〔2022〕317号"));
    const slugs = uniqueSlugs(["王芳", "汪芳", "李素萍"]);
    expect(new Set(slugs.values()).size).toBe(3);
    for (const slug of slugs.values()) expect(slug).toMatch(/^[a-z0-9-]+$/);
  });

  it("read a person's first character as a surname, and a delegation's name as words", () => {
    const people = ["曾庆", "单璟国", "解霞桂", "仇英珍", "区芳霞", "欧阳明"].map(personSlug);
    expect(people).toEqual(["zeng-qing", "shan-jing-guo", "xie-xia-gui", "qiu-ying-zhen", "ou-fang-xia", "ou-yang-ming"]);
    expect(slug("解放军代表团")).toBe("jie-fang-jun-dai-biao-tuan");
  });
});
