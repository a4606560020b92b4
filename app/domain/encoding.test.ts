import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { createTextDecoder, decodeStatementBytes, detectStatementEncoding } from "./encoding.ts";
import { parseStatementFile } from "./parse.ts";

const encode = (text: string, encoding: string) => new Uint8Array(iconv.encode(text, encoding));
const withBom = (bom: number[], bytes: Uint8Array) => Uint8Array.from([...bom, ...bytes]);

const POLISH = "Data;Opis;Kwota\n2026-01-02;Wpłata od klienta Łódź, opłata za prowadzenie rachunku;12,50\n2026-01-03;Przelew zewnętrzny wychodzący — żółć;-5,00\n";
const CZECH = "Datum;Popis;Částka\n02.01.2026;Převod z účtu, platba kartou Česká spořitelna;12,50\n03.01.2026;Nájemné kancelář, poplatek za vedení účtu;-5,00\n";
const HUNGARIAN = "Dátum;Közlemény;Összeg\n2026.01.02.;Bérleti díj, átutalás Győr, számla kiegyenlítése;-1 000\n2026.01.03.;Jóváírás ügyféltől, szállító fizetés;500\n";
const FRENCH = "Date;Libellé;Montant\n02/03/2026;Prélèvement EDF électricité à Besançon, reçu;-187,42\n04/03/2026;Virement émis Loyer bureau très élevé;-1 450,00\n";
const GERMAN = "Buchungstag;Verwendungszweck;Betrag\n02.03.2026;Miete Büro März, Müller & Söhne;-1.250,00\n03.03.2026;Überweisung Schröder Grüße;12,00\n";

describe("decodeStatementBytes", () => {
  it("reads UTF-8 with and without a BOM", () => {
    expect(decodeStatementBytes(encode("Grüße;€", "utf8"))).toMatchObject({ text: "Grüße;€", encoding: "utf-8", evidence: "valid UTF-8" });
    expect(decodeStatementBytes(withBom([0xef, 0xbb, 0xbf], encode("Grüße", "utf8")))).toMatchObject({ text: "Grüße", encoding: "utf-8" });
    expect(decodeStatementBytes(encode("Date,Amount", "utf8")).evidence).toBe("plain ASCII");
  });

  it("reads UTF-16 LE and BE by their byte-order marks", () => {
    expect(decodeStatementBytes(withBom([0xff, 0xfe], encode("Währung;€", "utf16le")))).toMatchObject({ text: "Währung;€", encoding: "utf-16le" });
    expect(decodeStatementBytes(withBom([0xfe, 0xff], encode("Währung;€", "utf16-be")))).toMatchObject({ text: "Währung;€", encoding: "utf-16be" });
  });

  it.each([
    ["French", FRENCH],
    ["German", GERMAN],
  ])("reads %s Windows-1252", (_name, text) => {
    const decoded = decodeStatementBytes(encode(text, "windows-1252"));
    expect(decoded.encoding).toBe("windows-1252");
    expect(decoded.text).toBe(text.replace(/—/g, "—"));
  });

  it.each([
    ["Polish", POLISH],
    ["Czech", CZECH],
    ["Hungarian", HUNGARIAN],
  ])("reads %s Windows-1250", (_name, text) => {
    const decoded = decodeStatementBytes(encode(text, "windows-1250"));
    expect(decoded.encoding).toBe("windows-1250");
    expect(decoded.text).toBe(text);
    expect(decoded.evidence).toMatch(/^not valid UTF-8; /);
  });

  it("reads Polish ISO-8859-2 as ISO-8859-2, not as Windows-1250 (where ą ś ź would be ± ¶ Ľ)", () => {
    const text = "Data;Opis;Kwota\n02.03.2026;Opłata za prąd, Śląsk, ŻABKA, płatność kartą;-123,45\n03.03.2026;Przelew źródłowy, świadczenie;1 000,00\n";
    const decoded = decodeStatementBytes(encode(text, "iso-8859-2"));
    expect(decoded.encoding).toBe("iso-8859-2");
    expect(decoded.text).toBe(text);
  });

  it("reads Polish and Czech in DOS Latin-2 (CP852, older MT940 exports) as CP852, not as Windows-1250 (Płatność, not P�atno�†)", () => {
    const polish = ":86:073~00Płatność kartą~20ŻABKA Z6712 K.1 WARSZAWA~32Małgorzata Dąbrowska\r\n:86:222~00Opłata~20Opłata za prowadzenie rachunku\r\n:86:263~00Odsetki~20Odsetki od zadłużenia, Spółdzielnia Mieszkaniowa, Paweł Kozłowski\r\n";
    for (const text of [polish, CZECH]) {
      const decoded = decodeStatementBytes(encode(text, "cp852"));
      expect(decoded).toMatchObject({ text, encoding: "cp852" });
      expect(decoded.doubt).toBeUndefined();
      expect(detectStatementEncoding(encode(text, "cp852"), false).encoding).toBe("cp852");
    }
    // CP852 has its letters where Windows-1250 has its own: theirs stay theirs.
    for (const text of [POLISH, CZECH, HUNGARIAN]) expect(decodeStatementBytes(encode(text, "windows-1250")).encoding).toBe("windows-1250");
  });

  it("reads Romanian (ă Ş Ţ) in ISO-8859-2 or Windows-1250 by the bytes the code pages read apart, though over the whole text its bank's French name (é) favours Windows-1252's Portuguese (ã)", () => {
    // BRD - Groupe Société Générale: é reads alike in all three; ă Ş Ţ are ã Þ ª in Windows-1252.
    const text =
      "BRD - Groupe Société Générale\nExtras de cont\nSold initial:,\"4,512.30\"\n\nData tranzactiei,Descriere,Debit,Credit,Sold\n" +
      "03.03.2025,Plată la POS KAUFLAND BUCURESTI,131.35,,\"4,380.95\"\n03.03.2025,Plată la POS DEDEMAN PANTELIMON,92.26,,\"4,288.69\"\n" +
      "04.03.2025,TRANSFER DE LA ŢURCANU ANDREI,,\"1,377.90\",\"5,666.59\"\n05.03.2025,Plată factură ŞCOALA GIMNAZIALĂ,265.54,,\"5,401.05\"\n" +
      "06.03.2025,Plată la POS MEGA IMAGE,87.81,,\"5,313.24\"\n07.03.2025,Comision administrare cont,12.00,,\"5,301.24\"\n";
    for (const encoding of ["iso-8859-2", "windows-1250"]) {
      const decoded = decodeStatementBytes(encode(text, encoding));
      // Romanian's letters are where both code pages have them: either name reads it right.
      expect(decoded).toMatchObject({ text, encoding: "windows-1250" });
      expect(decoded.evidence).toMatch(/on the bytes .*Windows-1252.* read otherwise, Windows-1250's letters fit ro/);
    }
  });

  it("keeps a Norwegian Windows-1252 export with no-break spaces in 1252: a no-break space is no letter (CP852 reads it as á)", () => {
    const text = "Dato;Forklaring;Ut fra konto;Inn på konto\n02.03.2026;Kiwi Grünerløkka;1\u00a0250,00;\n03.03.2026;Overføring fra Ørjan Sæther;;12\u00a0000,00\n04.03.2026;Vinmonopolet Bjørvika;349,90;\n";
    const decoded = decodeStatementBytes(encode(text, "windows-1252"));
    expect(decoded).toMatchObject({ text, encoding: "windows-1252" });
    expect(decoded.evidence).toMatch(/as Windows-1252 100% of/);
  });

  it("a CSV whose code page is in doubt is read with low confidence, so a person sees its text before it is posted", async () => {
    const outcome = await parseStatementFile(encode(CZECH, "maccenteuro"));
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.statement.confidence).toBe("low");
    expect(outcome.statement.explain.find((e) => e.step === "confidence")?.evidence).toMatch(/encoding: as .+ the text may be garbled/);
    const clean = await parseStatementFile(encode(CZECH, "windows-1250"));
    expect(clean.ok && clean.statement.confidence).toBe("high");
  });

  it("says the encoding is in doubt when no code page tried gives letters of one language (Czech in Mac Central European)", () => {
    const decoded = decodeStatementBytes(encode(CZECH, "maccenteuro"));
    expect(decoded.text).not.toBe(CZECH);
    expect(decoded.doubt).toMatch(/^as .+, the best code page tried, only \d+% of the accented letters fit one language: the text may be garbled/);
    expect(detectStatementEncoding(encode(CZECH, "maccenteuro"), false).doubt).toBe(decoded.doubt);
    for (const text of [FRENCH, GERMAN]) expect(decodeStatementBytes(encode(text, "windows-1252")).doubt).toBeUndefined();
  });

  it.each([
    ["Russian", "windows-1251", "Дата операции;Назначение платежа;Сумма\n02.03.2026;Оплата по счёту № 15 ООО «Ромашка», НДС не облагается;-15 000,00\n03.03.2026;Поступление от ИП Иванов по договору;2 300,50\n"],
    ["Greek", "windows-1253", "Ημερομηνία;Περιγραφή;Ποσό\n01/02/2026;Καφές Αθήνα;-3,50\n02/02/2026;Ενοίκιο γραφείου Πειραιάς;-500,00\n"],
    ["Hebrew", "windows-1255", "תאריך,פרטים,חובה,זכות,יתרה\n01/12/2026,משכורת טכנולוגיות גליל בעמ,,14820.30,13978.20\n02/12/2026,הוראת קבע חברת החשמל,412.77,,13565.43\n"],
    ["Turkish", "windows-1254", "Tarih;Açıklama;Tutar\n02.03.2026;Şirket ödemesi İstanbul;-1.500,00\n03.03.2026;Gelen havale Ağaoğlu Işık;2.300,50\n"],
    ["Japanese", "shift_jis", "日付,摘要,お支払金額,お預り金額,差引残高\n2026/3/2,振込　カ）ヤマダショウジ,,150000,1250000\n2026/3/3,口座振替　電気料金,12345,,1237655\n2026/3/5,ＡＴＭ　引出,50000,,1187655\n"],
    ["Chinese (simplified)", "gb18030", "交易日期,交易摘要,对方户名,支出金额,存入金额,账户余额\n2026-03-02,转账,上海某某科技有限公司,,15000.00,125000.00\n2026-03-03,代扣电费,国网上海市电力公司,123.45,,124876.55\n2026-03-05,工资,张三,8000.00,,116876.55\n"],
    ["Chinese (traditional)", "big5", "交易日期,摘要,支出金額,存入金額,餘額\n2026-03-02,轉帳,,15000.00,125000.00\n2026-03-03,電費代繳 台灣電力公司,123.45,,124876.55\n"],
    ["Korean", "euc-kr", "거래일자,적요,출금액,입금액,잔액\n2026-03-02,급여 입금 주식회사 한빛,,150000,1250000\n2026-03-03,전기요금 한국전력공사,12345,,1237655\n"],
    ["Arabic", "windows-1256", "تاريخ المعاملة,الوصف,مدين,دائن,الرصيد\n01/06/2025,لولو هايبر ماركت,392.77,,\"33,817.98\"\n01/06/2025,سالك - تعبئة رصيد,994.02,,\"32,823.96\"\n01/06/2025,تحويل وارد من حساب آخر,,380.02,\"33,203.98\"\n02/06/2025,اتصالات - فاتورة,794.37,,\"32,409.61\"\n"],
    ["Thai", "windows-874", "วันที่,เวลา,รายการ,ถอนเงิน,ฝากเงิน,ยอดคงเหลือ,ช่องทาง,รายละเอียด\n,,ยอดยกมา,,,\"25,430.50\",,\n01/11/2569,07:35,รับโอนเงิน,,\"6,208.00\",\"31,638.50\",Internet/Mobile ต่างธนาคาร,จาก KTB X0253 นาง สมศรี ใจดี\n01/11/2569,20:42,ชำระเงิน,494.72,,\"31,143.78\",K PLUS,ชำระเงินให้ GRAB\n"],
  ])("reads %s in its own encoding (%s)", (_name, encoding, text) => {
    const decoded = decodeStatementBytes(encode(text, encoding));
    expect(decoded.text).toBe(text);
    expect(decoded.encoding).toBe(encoding);
  });

  it("reads Hebrew that chardet does not name first (KOI8-R, at 11) by its words, in the order written", () => {
    const text =
      "תאריך,הפעולה,פרטים,חובה,זכות,יתרה\n02/12/2026,כרטיס דביט,פז חברת נפט,120.73,,8617.47\n" +
      "02/12/2026,כרטיס דביט,סופר פארם,537.73,,8079.74\n03/12/2026,כרטיס דביט,רמי לוי שיווק,84.78,,7994.96\n";
    const decoded = decodeStatementBytes(encode(text, "windows-1255"));
    expect(decoded).toMatchObject({ text, encoding: "windows-1255" });
    expect(decoded.evidence).toMatch(/words are Hebrew/);
    expect(detectStatementEncoding(encode(text, "windows-1255"), false).encoding).toBe("windows-1255");
  });

  it("reads Cyrillic that chardet is unsure of (Windows-1251 at 16) by its words, not as Latin accented letters alone", () => {
    const ukrainian =
      "Дата;Категорія;Картка;Опис операції;Сума в валюті картки;Валюта картки\n" +
      "31.01.2026 11:07;Продукти, супермаркети;5168 **** **** 4821;Сільпо, Київ;-829,04;UAH\n" +
      "27.01.2026 21:16;Інтернет-магазини;5168 **** **** 4821;Prom.ua;-1 177,27;UAH\n" +
      "24.01.2026 11:24;Інтернет-сервіси;5168 **** **** 4821;SPOTIFY;-370,50;UAH\n15.01.2026 19:57;Таксі;5168 **** **** 4821;Bolt.eu;-97,68;UAH\n";
    const russian = ukrainian.replace(/[іїІ]/g, (c) => (c === "І" ? "И" : "и")).replace(/є/g, "е");
    for (const text of [ukrainian, russian]) {
      const decoded = decodeStatementBytes(encode(text, "windows-1251"));
      expect(decoded).toMatchObject({ text, encoding: "windows-1251" });
      expect(decoded.evidence).toMatch(/words are Cyrillic/);
    }
  });

  it("keeps Chinese out of Cyrillic: its bytes read as Windows-1251 are words of capitals and small letters at random", () => {
    const line = '2026-03-02,17:06:24,"15,024.00",,"330,336.39",上海晨光文具,6222935949493835,转账支出,20260302\n';
    expect(decodeStatementBytes(encode(line, "gbk")).encoding).not.toBe("windows-1251");
    // Well-cased "words" by chance (汇入汇款 is »гИл»гїо): chardet names no Cyrillic and the bytes read as Chinese.
    expect(decodeStatementBytes(encode("20260116,1800.00,汇入汇款,刘洋\n20260129,800.00,汇入汇款,刘洋\n", "gbk")).encoding).not.toBe("windows-1251");
    // Cyrillic words of even length pair up into Chinese characters (Фора is 灶疣), yet it stays Cyrillic.
    const cyrillic = "Дата;Опис;Сума\n24.01.2026;Продукти, супермаркети Фора;-554,80\n25.01.2026;Таксі Uklon;-97,68\n";
    expect(decodeStatementBytes(encode(cyrillic, "windows-1251"))).toMatchObject({ text: cyrillic, encoding: "windows-1251" });
  });

  it("reads Korean that runs Latin names into its words (KB국민카드, GS25역삼점) as EUC-KR", () => {
    const text =
      "거래일시\t적요\t보낸분/받는분\t출금액(원)\t입금액(원)\t잔액(원)\t처리점\n" +
      "2026.02.12 04:11:11\t체크카드\tGS25역삼점\t38,900\t0\t1,681,847\tKB카드\n" +
      "2026.02.10 06:44:58\t카드대금\tKB국민카드\t945,100\t0\t1,733,347\t스타뱅킹\n" +
      "2026.02.06 12:14:18\t체크카드\tCU선릉역점\t3,400\t0\t3,054,747\tKB카드\n" +
      "2026.01.31 20:14:57\tATM출금\t\t200,000\t0\t2,957,147\t스타뱅킹\n";
    expect(decodeStatementBytes(encode(text, "euc-kr"))).toMatchObject({ text, encoding: "euc-kr" });
  });

  it("keeps Latin text out of Hebrew: a lone accented letter (à, read as א) is no Hebrew word", () => {
    const french = "Date;Libelle;Montant\n02/03/2026;Virement à Paris;-10,00\n03/03/2026;Paiement à Lyon;-5,00\n04/03/2026;Retrait à Nice;-20,00\n";
    expect(decodeStatementBytes(encode(french, "windows-1252"))).toMatchObject({ text: french, encoding: "windows-1252" });
    // Words of accented letters only are rare in Latin languages; amid mixed words they do not make Hebrew.
    const czech = "Datum;Popis;Částka\n02.01.2026;Převod z účtu, čí účet;12,50\n03.01.2026;Nájemné kancelář;-5,00\n";
    expect(decodeStatementBytes(encode(czech, "windows-1250"))).toMatchObject({ text: czech, encoding: "windows-1250" });
  });

  it("keeps Icelandic (ð, þ, ý) in Windows-1252: the letters Windows-1254 would read as Turkish", () => {
    const text = "Dagsetning;Texti;Upphæð\n01.02.2026;Þjónusta Ísland ehf;-1.000\n02.02.2026;Greiðsla frá viðskiptavini;5.000\n";
    expect(decodeStatementBytes(encode(text, "windows-1252"))).toMatchObject({ text, encoding: "windows-1252" });
  });

  it("reads Turkish as Windows-1254 when it fits Turkish better than 1252 fits Icelandic, though within the margin (Ziraat)", () => {
    // As Windows-1252 these read as Icelandic >90% of the time ("HESAP HAREKETLERÝ", "Müþteri"), and chardet names ISO-8859-1.
    const text =
      "T.C. ZİRAAT BANKASI A.Ş.;;;;\nHESAP HAREKETLERİ;;;;\nMüşteri Adı Soyadı:;AYŞE YILDIZ;;;\nŞube:;1234 - KADIKÖY/İSTANBUL ŞUBESİ;;;\n" +
      "Hesap No:;12345678-5001;;;\nIBAN:;TR12 0001 0012 3456 7890 1234 56;;;\nDöviz Cinsi:;TL;;;\nTarih Aralığı:;01.02.2026 - 28.02.2026;;;\n;;;;\n" +
      "Tarih;Fiş No;Açıklama;İşlem Tutarı;Bakiye\n27.02.2026 23:25;645513;BSMV - Hesap İşletim Ücreti;-6,50;8.620,71\n" +
      "27.02.2026 17:38;434326;Hesap İşletim Ücreti;-130,00;8.627,21\n" +
      "26.02.2026 21:27;815194;POS İşlemi - BİM BİRLEŞİK MAĞAZALAR İSTANBUL TR 4543********7712;-311,61;8.757,21\n" +
      "26.02.2026 20:08;846610;POS İşlemi - GRATİS KADIKÖY TR 4543********7712;-914,20;9.068,82\n" +
      "26.02.2026 12:55;720220;POS İşlemi - MİGROS TİCARET A.Ş. İSTANBUL TR 4543********7712;-832,46;9.983,02\n" +
      "26.02.2026 11:35;840147;POS İşlemi - BİM BİRLEŞİK MAĞAZALAR İSTANBUL TR 4543********7712;-2.199,15;10.815,48\n" +
      "25.02.2026 18:11;374738;POS İşlemi - YEMEKSEPETİ.COM İSTANBUL TR 4543********7712;-867,39;13.014,63\n" +
      "24.02.2026 23:04;685159;POS İşlemi - TRENDYOL İSTANBUL TR 4543********7712;-1.763,45;13.882,02\n";
    expect(decodeStatementBytes(encode(text, "windows-1254"))).toMatchObject({ text, encoding: "windows-1254" });
  });

  it.each([
    ["Lithuanian", "windows-1257", "Data;Gavėjas;Aprašymas;Suma\n2026-01-03;ŽYDRŪNAS ŠIMKUS;Skola;-95,94\n2026-01-04;AB SEB BANKAS;Mokestis už paslaugų planą;-1,50\n2026-01-06;MAXIMA LT, UAB;Kortelės operacija, kortelė 5168;-52,07\n"],
    ["Lithuanian (ISO-8859-13, whose letters Windows-1257 shares)", "iso-8859-13", "Data;Aprašymas;Suma\n2026-01-02;Kortelės operacija Šiauliai, Žalgirio g.;-12,50\n2026-01-03;Įmoka už šildymą, Ūkio bankas;-31,50\n"],
    ["Latvian", "windows-1257", "Datums;Apraksts;Summa\n02.01.2026;Maksājums ar karti RĪGAS SATIKSME, Rīga;-2,00\n03.01.2026;Pārskaitījums Jānis Bērziņš, īre par janvāri;-350,00\n"],
    ["Estonian with š and ž", "windows-1257", "Kuupäev;Selgitus;Summa\n02.01.2026;Kaardimakse Šokolaadipood, Tallinn;-4,20\n03.01.2026;Üür jaanuar, Žanna Põder;-450,00\n"],
  ])("reads %s as Windows-1257 (ŽYDRŪNAS ŠIMKUS, not ÞYDRÛNAS ÐIMKUS)", (_name, encoding, text) => {
    const decoded = decodeStatementBytes(encode(text, encoding));
    expect(decoded).toMatchObject({ text, encoding: "windows-1257" });
    expect(decoded.evidence).toMatch(/as Windows-1257 100% of \d+ accented letters fit (lt|lv|et)/);
  });

  it("names Windows-1257 only when it reads the bytes otherwise than Windows-1252, by a clear lead of its letters", () => {
    // ä ö ü õ å é ß are where Windows-1252 has them: German, Swedish, Estonian without š ž read alike.
    const alike = ["Buchungstag;Verwendungszweck;Betrag\n02.03.2026;Miete Büro März, Müller & Söhne;-1.250,00\n03.03.2026;Überweisung Schröder Grüße;12,00\n", "Kuupäev;Selgitus;Summa\n02.01.2026;Kaardimakse Tallinn, Pärnu mnt;-4,20\n03.01.2026;Üür jaanuar, Põder;-450,00\n"];
    for (const text of alike) expect(decodeStatementBytes(encode(text, "windows-1252"))).toMatchObject({ text, encoding: "windows-1252" });
    // Italian à and è are Lithuanian ą and č in Windows-1257: a tie of letters, which Windows-1252 keeps.
    const italian = "Data;Descrizione;Importo\n02/01/2026;Pagamento attività città;-12,50\n03/01/2026;Caffè è buono;-1,50\n04/01/2026;Università di Bologna, identità;-200,00\n";
    expect(decodeStatementBytes(encode(italian, "windows-1252"))).toMatchObject({ text: italian, encoding: "windows-1252" });
  });

  it("reads Windows-1252 specials (€, curly quotes, dashes)", () => {
    const text = "Café “Zürich” – 8€";
    expect(decodeStatementBytes(encode(text, "windows-1252")).text).toBe(text);
  });
});

describe("createTextDecoder", () => {
  it.each([
    ["utf-8", "Grüße aus Łódź €\n".repeat(20)],
    ["utf-16le", "Grüße aus Łódź €\n".repeat(20)],
    ["windows-1250", POLISH],
    ["windows-1257", "Mokestis už paslaugų planą, ŽYDRŪNAS ŠIMKUS\n".repeat(20)],
    ["cp852", CZECH.repeat(20)],
    ["shift_jis", "振込　カ）ヤマダショウジ,150000\n".repeat(20)],
    ["gb18030", "代扣电费 国网上海市电力公司,123.45\n".repeat(20)],
  ] as const)("decodes %s split at every byte", (encoding, text) => {
    const bytes = encoding === "utf-16le" ? withBom([0xff, 0xfe], encode(text, encoding)) : encode(text, encoding);
    for (const size of [1, 2, 3, 7, 64]) {
      const decoder = createTextDecoder(encoding);
      let out = "";
      for (let i = 0; i < bytes.length; i += size) out += decoder.write(bytes.subarray(i, i + size));
      out += decoder.end();
      expect(out, `chunk size ${size}`).toBe(text);
    }
  });

  it("detects the encoding of a sample cut inside a UTF-8 sequence", () => {
    const bytes = encode("Grüße", "utf8");
    expect(detectStatementEncoding(bytes.subarray(0, 3)).encoding).toBe("utf-8");
    // Cut inside a three- and a four-byte character, after valid text.
    const euro = encode("Miete € 𝄞", "utf8");
    for (let end = 1; end <= euro.length; end++) expect(detectStatementEncoding(euro.subarray(0, end)).encoding, `cut at ${end}`).toBe("utf-8");
    // Invalid before the cut, or a cut "character" that no UTF-8 character begins with.
    expect(detectStatementEncoding(Uint8Array.from([0x41, 0xe9, 0x41, 0xe2, 0x82])).encoding).not.toBe("utf-8");
    expect(detectStatementEncoding(Uint8Array.from([0x41, 0x42, 0xe0, 0x80])).encoding).not.toBe("utf-8");
    expect(detectStatementEncoding(Uint8Array.from([0x41, 0x80, 0x80, 0x80, 0x80])).encoding).not.toBe("utf-8");
    // A whole file is not cut: a last character left incomplete is not UTF-8.
    expect(decodeStatementBytes(euro.subarray(0, euro.length - 1)).encoding).not.toBe("utf-8");
    expect(detectStatementEncoding(encode(POLISH, "windows-1250")).encoding).toBe("windows-1250");
  });
});

describe("twenty-sixth session (2026-12-07): the ordinal indicators º and ª are Spanish, Portuguese and Italian", () => {
  // Santander España's "Movimientos de cuenta" (Windows-1252): "Nº RECIBO" four times, "ESPAÑA"
  // twice, and á í ó. Read as Windows-1250 º is ş and Ñ is Ń ("ESPAŃA Nş RECIBO"); the letters
  // those two code pages read apart (Ñ º against Ń ş) fitted Turkish better, as º fitted no language.
  const receipts = (enye: boolean) =>
    [
      "Fecha Operación;Fecha Valor;Concepto;Importe;Saldo",
      "30/03/2025;29/03/2025;BIZUM ENVIADO A JAVIER RUIZ CONCEPTO: Cena sábado;-53,31;15.962,37",
      "29/03/2025;29/03/2025;BIZUM RECIBIDO DE PABLO SANCHEZ CONCEPTO: Lotería Navidad;33,99;16.015,68",
      "28/03/2025;28/03/2025;BIZUM RECIBIDO DE LUCIA MARTIN CONCEPTO: Lotería Navidad;29,57;15.981,69",
      "27/03/2025;27/03/2025;BIZUM ENVIADO A MARIA LOPEZ CONCEPTO: Cena sábado;-14,06;15.952,12",
      "26/03/2025;26/03/2025;TRANSFERENCIA RECIBIDA CONCEPTO: Nómina marzo;1.200,00;15.966,18",
      ...[1, 2].map((n) => `2${n}/03/2025;2${n}/03/2025;RECIBO MOVISTAR TELEFONICA DE ${enye ? "ESPAÑA" : "ESPANA"} Nº RECIBO 0049 780663${n};-56,69;14.766,18`),
      ...[3, 4].map((n) => `1${n}/03/2025;1${n}/03/2025;RECIBO IBERDROLA Nº RECIBO 0049 12345${n} CONCEPTO: Energía;-40,00;14.822,87`),
      "10/03/2025;10/03/2025;COMPRA TARJ. CAFETERÍA SÁBADO;-4,00;14.862,87",
      "09/03/2025;09/03/2025;COMPRA TARJ. FARMACIA LDO. GÓMEZ;-7,99;14.866,87",
      "08/03/2025;08/03/2025;COMPRA TARJ. LIBRERÍA PLAZA;-12,00;14.874,86",
    ].join("\r\n") + "\r\n";

  it("reads a Spanish Windows-1252 file with Nº as Windows-1252, not as Windows-1250", () => {
    for (const enye of [true, false]) {
      const found = detectStatementEncoding(encode(receipts(enye), "windows-1252"), false);
      expect(found.encoding, `with Ñ: ${enye}`).toBe("windows-1252");
      expect(found.doubt).toBeUndefined();
      expect(decodeStatementBytes(encode(receipts(enye), "windows-1252")).text).toContain("Nº RECIBO");
    }
  });

  it("still reads Turkish and Romanian as their own code pages, and Polish as Windows-1250", () => {
    expect(detectStatementEncoding(encode(POLISH.repeat(4), "windows-1250"), false).encoding).toBe("windows-1250");
    const romanian = "Data;Descriere;Suma\n02.03.2026;Plată factură, taxă şi comision Braşov, Timişoara;-12,50\n03.03.2026;Încasare ştergere datorie, învăţământ;40,00\n".repeat(4);
    expect(detectStatementEncoding(encode(romanian, "windows-1250"), false).encoding).toBe("windows-1250");
    const turkish = "Tarih;Açıklama;Tutar\n02.03.2026;İşlem ücreti, Şişli şubesi ödeme;-12,50\n03.03.2026;Gelen havale ğ ı ş;40,00\n".repeat(4);
    expect(detectStatementEncoding(encode(turkish, "windows-1254"), false).encoding).toBe("windows-1254");
  });
});
