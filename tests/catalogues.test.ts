/** The two reference catalogues: agencies (_data/issuers.json) and sessions (_data/sessions.json). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../src/archive.ts";
import { AgencyCatalogue, loadAgencyCatalogue, type Agency } from "../src/model/agencies.ts";
import { PROJECT_ROOT } from "./helpers/fixture-archive.ts";

const issuersJson: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, "_data", "issuers.json"), "utf8"));
const agencies = loadAgencyCatalogue(issuersJson);
const sessions = loadCatalogue(PROJECT_ROOT);

describe("agencies catalogue", () => {
  it("holds the central bodies that answer suggestions and proposals", () => {
    expect(agencies.agencies.length).toBeGreaterThanOrEqual(95);
    for (const name of ["教育部", "财政部", "国家医疗保障局", "海关总署", "中央宣传部", "中华全国总工会", "最高人民法院", "国务院办公厅"]) {
      expect(agencies.find(name)?.name).toBe(name);
    }
  });

  it("finds an agency by the short forms replies use", () => {
    expect(agencies.find("国家发展改革委")?.name).toBe("国家发展和改革委员会");
    expect(agencies.find("税务总局")?.name).toBe("国家税务总局");
    expect(agencies.find("国家林草局")?.name).toBe("国家林业和草原局");
    expect(agencies.find("人社部")?.name).toBe("人力资源和社会保障部");
    expect(agencies.find("工信部")?.name).toBe("工业和信息化部");
    expect(agencies.find("团中央")?.name).toBe("共青团中央");
    expect(agencies.find("央行")?.name).toBe("中国人民银行");
    expect(agencies.find("国家卫生计生委")?.name).toBe("国家卫生和计划生育委员会");
    expect(agencies.find("国家宇航局")).toBeUndefined();
  });

  it("ignores OCR spacing and the state's name before a ministry", () => {
    expect(agencies.find("国 家 卫 生 健 康 委")?.name).toBe("国家卫生健康委员会");
    expect(agencies.find("国家 发展改革委")?.name).toBe("国家发展和改革委员会");
    expect(agencies.find("中华人民共和国教育部")?.name).toBe("教育部");
  });

  it("finds the issuer of a 文号 code, exactly or by its stem", () => {
    expect(agencies.byCode("教建议")?.name).toBe("教育部");
    expect(agencies.byCode("教提案")?.name).toBe("教育部");
    expect(agencies.byCode("人社建字")?.name).toBe("人力资源和社会保障部");
    expect(agencies.byCode("医保函")?.name).toBe("国家医疗保障局");
    expect(agencies.byCode("发改办函")?.name).toBe("国家发展和改革委员会");
    // Not listed as such, but starts with a listed stem.
    expect(agencies.byCode("国卫医函")?.name).toBe("国家卫生健康委员会");
    expect(agencies.byCode("银保监办函")?.name).toBe("中国银行保险监督管理委员会");
    expect(agencies.byCode("函")).toBeUndefined();
  });

  it("lists the names with 和 the importer must not split, longest first", () => {
    const names = agencies.namesWithHe();
    for (const name of ["工业和信息化部", "住房和城乡建设部", "国家发展和改革委员会", "文化和旅游部", "中央和国家机关工委"]) expect(names).toContain(name);
    expect(names.every((n) => n.includes("和"))).toBe(true);
    expect(names.indexOf("中央网络安全和信息化委员会办公室")).toBeLessThan(names.indexOf("工业和信息化部"));
  });

  it("refuses a short form shared by two entries, naming both", () => {
    const a: Agency = { name: "国家林业和草原局", shortForms: ["林草局"], codes: [], kind: "国家局" };
    const b: Agency = { name: "国家林业局", shortForms: ["林草局"], codes: [], kind: "国家局" };
    expect(() => new AgencyCatalogue([a, b])).toThrow(/林草局.*国家林业和草原局.*国家林业局/);
    const c: Agency = { name: "财政部", shortForms: [], codes: ["财预函"], kind: "国务院组成部门" };
    const d: Agency = { name: "国家税务总局", shortForms: [], codes: ["财预函"], kind: "国务院直属机构" };
    expect(() => new AgencyCatalogue([c, d])).toThrow(/财预函.*财政部.*国家税务总局/);
  });

  it("says which entry and field of the JSON is wrong", () => {
    expect(() => loadAgencyCatalogue([{ name: "教育部", shortForms: [], codes: [], kind: "国务院组成部门" }, { name: "财政部", shortForms: "财", codes: [], kind: "国务院组成部门" }]))
      .toThrow(/entry 1 “财政部”, field shortForms/);
    expect(() => loadAgencyCatalogue({})).toThrow(/not a valid agencies catalogue/);
  });

  it("keeps the file as 2-space JSON", () => {
    const text = readFileSync(join(PROJECT_ROOT, "_data", "issuers.json"), "utf8");
    expect(text).toBe(`${JSON.stringify(issuersJson, null, 2)}\n`);
  });
});

describe("sessions catalogue", () => {
  it("holds the five meetings of the 10th to 15th terms of both assemblies", () => {
    expect(sessions.sessions).toHaveLength(60);
    expect(sessions.get("npc", 10, 1)?.year).toBe(2003);
    expect(sessions.get("cppcc", 15, 5)?.year).toBe(2032);
    expect(sessions.sessions[0]?.id).toBe("npc-10-1");
    expect(sessions.sessions[1]?.id).toBe("cppcc-10-1");
    expect(sessions.sessions.at(-1)?.id).toBe("cppcc-15-5");
  });

  it("names the new terms the way it names the old ones", () => {
    expect(sessions.find("第十届全国人民代表大会第一次会议")?.id).toBe("npc-10-1");
    expect(sessions.find("十一届全国人大三次会议")?.year).toBe(2010);
    expect(sessions.find("全国政协十五届二次会议")?.id).toBe("cppcc-15-2");
    expect(sessions.find("中国人民政治协商会议第十一届全国委员会第五次会议")?.year).toBe(2012);
    expect(sessions.find("十三届全国人大三次会议")?.id).toBe("npc-13-3");
  });

  it("explains a session that never met", () => {
    const why = sessions.explainMissing("十二届全国人大六次会议")!;
    expect(why).toContain("five times");
    expect(why).toContain("2013–2017");
    expect(why).toContain("十二届全国人大五次会议");
    expect(sessions.explainMissing("全国政协十三届六次会议")).toContain("13th CPPCC National Committee");
    const outside = sessions.explainMissing("十六届全国人大一次会议")!;
    expect(outside).toContain("10th–15th");
    expect(outside).toContain("2003–2032");
    expect(outside).not.toMatch(/add/i);
  });

  it("explains nothing for a session that is there or a name that is not a session", () => {
    expect(sessions.explainMissing("十二届全国人大五次会议")).toBeUndefined();
    expect(sessions.explainMissing("第十四届全国人民代表大会第二次会议")).toBeUndefined();
    expect(sessions.explainMissing("国家医疗保障局")).toBeUndefined();
  });
});
