#!/usr/bin/env node
/**
 * Fidelity fixtures (issue 13): workbooks written part by part with JSZip, so every part is exactly what
 * the named producer writes and nothing passes through exceljs. Each holds an infusion log on its first
 * sheet and the content a coded copy must keep: notes without formatting runs (openpyxl's form), a
 * threaded comment with its placeholder note, an image, a chart and a pivot table on other sheets, an
 * external link, constant defined names, sheet and workbook protection with passwords, a Table, data
 * validation, emoji, huge numbers in date-formatted cells, the 1904 date system and custom XML.
 * Origin: hand-written after ECMA-376 5th edition part 1 and the files Excel 365 and openpyxl 3.1 write.
 *
 * Usage: node scripts/make-fidelity-fixtures.js DIR     (writes DIR/*.xlsx; tests call makeFidelityFixtures)
 */
'use strict';
const fs = require('fs');
const path = require('path');
const JSZip = require('jszip');

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.';
/** A 1x1 transparent PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const STAMP = new Date(Date.UTC(2026, 0, 15, 12, 0, 0));

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const col = (n) => (n <= 26 ? String.fromCharCode(64 + n) : String.fromCharCode(64 + Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));
const rel = (id, type, target, external) =>
  `<Relationship Id="${id}" Type="${DOC}/${type}" Target="${esc(target)}"${external ? ' TargetMode="External"' : ''}/>`;
const rels = (list) => `${HEAD}<Relationships xmlns="${PKG}">${list.join('')}</Relationships>`;

/** The infusion log: headers, then rows; strings shared or inline, numbers with a style. */
const LOG = [
  ['Encounter', 'Date of Service', 'Drug', 'Dose', 'Route', 'Start Time', 'Stop Time', 'Diagnosis', 'Medical Necessity'],
  ['E1', { date: 46084 }, 'vancomycin', '1 g', 'IV infusion', { time: 0.375 }, { time: 0.4375 }, 'L03.115', 'Cellulitis 🦠 needs IV antibiotics'],
  ['E1', { date: 46084 }, 'ondansetron', '4 mg', 'IV push', { time: 0.45 }, null, 'R11.2', 'Nausea 🤢 after antibiotics'],
  ['E2', { date: 1e10 }, 'normal saline', '1000 mL', 'IV infusion', { time: 0.5 }, { time: 0.6 }, 'E86.0', 'Dehydration'],
  ['E3', { date: 46085 }, 'ceftriaxone', '1 g', 'IV infusion', { time: 0.4 }, null, 'N39.0', null],
  ['E4', { date: 12 }, 'ketorolac', '30 mg', 'IV push', { time: 0.41 }, null, 'R10.9', 'Pain 😀 "severe" & <sharp>'],
];

function sheetXml(strings, { prefix = '', extraTail = '', dateStyle, timeStyle }) {
  const p = prefix;
  let rows = '';
  LOG.forEach((cells, i) => {
    const r = i + 1;
    let out = '';
    cells.forEach((v, j) => {
      const ref = `${col(j + 1)}${r}`;
      if (v === null) return;
      if (typeof v === 'object' && 'date' in v) out += `<${p}c r="${ref}" s="${dateStyle}"><${p}v>${v.date}</${p}v></${p}c>`;
      else if (typeof v === 'object') out += `<${p}c r="${ref}" s="${timeStyle}"><${p}v>${v.time}</${p}v></${p}c>`;
      else if (j === 8 && i % 2 === 1) out += `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t>${esc(v)}</${p}t></${p}is></${p}c>`;
      else {
        let k = strings.indexOf(v);
        if (k < 0) k = strings.push(v) - 1;
        out += `<${p}c r="${ref}" t="s"><${p}v>${k}</${p}v></${p}c>`;
      }
    });
    rows += `<${p}row r="${r}" spans="1:9">${out}</${p}row>`;
  });
  return (
    `${HEAD}<${p}worksheet xmlns${p ? `:${p.slice(0, -1)}` : ''}="${MAIN}" xmlns:r="${DOC}">` +
    `<${p}dimension ref="A1:I6"/><${p}sheetViews><${p}sheetView tabSelected="1" workbookViewId="0"/></${p}sheetViews>` +
    `<${p}sheetFormatPr defaultRowHeight="15"/><${p}cols><${p}col min="1" max="16384" width="14" customWidth="1"/></${p}cols>` +
    `<${p}sheetData>${rows}</${p}sheetData>` +
    `<${p}dataValidations count="1"><${p}dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="E2:E100">` +
    `<${p}formula1>"IV push,IV infusion,IM,SQ"</${p}formula1></${p}dataValidation></${p}dataValidations>` +
    `<${p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `${extraTail}</${p}worksheet>`
  );
}

const STYLES = (dateFmt) =>
  `${HEAD}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="${esc(dateFmt)}"/></numFmts>` +
  '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font></dxf></dxfs><tableStyles count="0" defaultTableStyle="TableStyleMedium2"/></styleSheet>';

const sst = (strings) =>
  `${HEAD}<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">` +
  strings.map((s) => `<si><t${/^\s|\s$/.test(s) ? ' xml:space="preserve"' : ''}>${esc(s)}</t></si>`).join('') +
  '<si><r><rPr><b/></rPr><t>rich</t></r><r><t xml:space="preserve"> text</t></r><rPh sb="0" eb="1"><t>phonetic</t></rPh></si></sst>';

const vmlNote = (row, column, id) =>
  `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:104pt;height:50pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
  '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
  `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${column}</x:Column></x:ClientData></v:shape>`;

const VML = (shapes) =>
  '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
  '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>' +
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
  `${shapes}</xml>`;

/** The kitchen-sink workbook (Excel 365's parts); `date1904` switches the date system. */
function fullWorkbook({ date1904 = false, prefix = '' } = {}) {
  const strings = [];
  const files = {};
  const types = [
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    '<Default Extension="xml" ContentType="application/xml"/>',
    '<Default Extension="png" ContentType="image/png"/>',
    '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>',
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}spreadsheetml.sheet.main+xml"/>`,
    `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}spreadsheetml.worksheet+xml"/>`,
    `<Override PartName="/xl/worksheets/sheet2.xml" ContentType="${CT}spreadsheetml.worksheet+xml"/>`,
    `<Override PartName="/xl/worksheets/sheet3.xml" ContentType="${CT}spreadsheetml.worksheet+xml"/>`,
    `<Override PartName="/xl/styles.xml" ContentType="${CT}spreadsheetml.styles+xml"/>`,
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}spreadsheetml.sharedStrings+xml"/>`,
    `<Override PartName="/xl/comments1.xml" ContentType="${CT}spreadsheetml.comments+xml"/>`,
    `<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/>`,
    `<Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/>`,
    `<Override PartName="/xl/tables/table1.xml" ContentType="${CT}spreadsheetml.table+xml"/>`,
    `<Override PartName="/xl/drawings/drawing1.xml" ContentType="${CT}drawing+xml"/>`,
    `<Override PartName="/xl/charts/chart1.xml" ContentType="${CT}drawingml.chart+xml"/>`,
    `<Override PartName="/xl/pivotTables/pivotTable1.xml" ContentType="${CT}spreadsheetml.pivotTable+xml"/>`,
    `<Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" ContentType="${CT}spreadsheetml.pivotCacheDefinition+xml"/>`,
    `<Override PartName="/xl/pivotCache/pivotCacheRecords1.xml" ContentType="${CT}spreadsheetml.pivotCacheRecords+xml"/>`,
    `<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="${CT}spreadsheetml.externalLink+xml"/>`,
    `<Override PartName="/customXml/itemProps1.xml" ContentType="${CT}customXmlProperties+xml"/>`,
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`,
  ];
  files['[Content_Types].xml'] = `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${types.join('')}</Types>`;
  files['_rels/.rels'] = rels([
    `<Relationship Id="rId1" Type="${DOC}/officeDocument" Target="xl/workbook.xml"/>`,
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>',
  ]);
  files['docProps/core.xml'] =
    `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Fidelity fixture</dc:creator></cp:coreProperties>`;
  files['customXml/item1.xml'] = `${HEAD}<root xmlns="urn:example:custom"><value>kept as is</value></root>`;
  files['customXml/itemProps1.xml'] = `${HEAD}<ds:datastoreItem ds:itemID="{6F6C3E5A-0000-4000-8000-000000000001}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`;
  files['customXml/_rels/item1.xml.rels'] = rels([`<Relationship Id="rId1" Type="${DOC}/customXmlProps" Target="itemProps1.xml"/>`]);
  files['xl/workbook.xml'] =
    `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${DOC}"><workbookPr${date1904 ? ' date1904="1"' : ''} defaultThemeVersion="166925"/>` +
    '<workbookProtection workbookPassword="CC3D" lockStructure="1"/>' +
    '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews>' +
    '<sheets><sheet name="Infusion Log" sheetId="1" r:id="rId1"/><sheet name="Chart &amp; Pivot" sheetId="2" r:id="rId2"/><sheet name="Locked" sheetId="3" r:id="rId3"/></sheets>' +
    '<externalReferences><externalReference r:id="rId6"/></externalReferences>' +
    '<definedNames><definedName name="TaxRate">0.0725</definedName><definedName name="Greeting">"hello 👋"</definedName>' +
    `<definedName name="LogDrugs">'Infusion Log'!$C$2:$C$6</definedName><definedName name="Outside">[1]Prices!$A$1</definedName></definedNames>` +
    '<pivotCaches><pivotCache cacheId="7" r:id="rId7"/></pivotCaches></workbook>';
  files['xl/_rels/workbook.xml.rels'] = rels([
    rel('rId1', 'worksheet', 'worksheets/sheet1.xml'),
    rel('rId2', 'worksheet', 'worksheets/sheet2.xml'),
    rel('rId3', 'worksheet', 'worksheets/sheet3.xml'),
    rel('rId4', 'styles', 'styles.xml'),
    rel('rId5', 'sharedStrings', 'sharedStrings.xml'),
    rel('rId6', 'externalLink', 'externalLinks/externalLink1.xml'),
    rel('rId7', 'pivotCacheDefinition', 'pivotCache/pivotCacheDefinition1.xml'),
    '<Relationship Id="rId8" Type="http://schemas.microsoft.com/office/2017/10/relationships/person" Target="persons/person.xml"/>',
  ]);
  files['xl/styles.xml'] = STYLES('m/d/yyyy');
  const tail =
    `<${prefix}legacyDrawing r:id="rId2"/><${prefix}tableParts count="1"><${prefix}tablePart r:id="rId3"/></${prefix}tableParts>`;
  files['xl/worksheets/sheet1.xml'] = sheetXml(strings, { prefix, extraTail: tail, dateStyle: 1, timeStyle: 2 });
  files['xl/worksheets/_rels/sheet1.xml.rels'] = rels([
    rel('rId1', 'comments', '../comments1.xml'),
    rel('rId2', 'vmlDrawing', '../drawings/vmlDrawing1.vml'),
    rel('rId3', 'table', '../tables/table1.xml'),
    '<Relationship Id="rId4" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/>',
  ]);
  // A note without formatting runs (openpyxl's form) on A2, and a threaded comment's placeholder on C3.
  files['xl/comments1.xml'] =
    `${HEAD}<comments xmlns="${MAIN}"><authors><author>Nurse Kim</author><author>tc={0A1B2C3D-0000-4000-8000-00000000000A}</author></authors><commentList>` +
    '<comment ref="A2" authorId="0"><text><t>Check the encounter number 🙂</t></text></comment>' +
    '<comment ref="C3" authorId="1" shapeId="0"><text><t>[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits to it will get removed if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    Was this a push?</t></text></comment>' +
    '</commentList></comments>';
  files['xl/drawings/vmlDrawing1.vml'] = VML(vmlNote(1, 0, 1025) + vmlNote(2, 2, 1026));
  files['xl/threadedComments/threadedComment1.xml'] =
    `${HEAD}<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="${MAIN}">` +
    '<threadedComment ref="C3" dT="2026-01-15T12:00:00.00" personId="{5A1B2C3D-0000-4000-8000-000000000001}" id="{0A1B2C3D-0000-4000-8000-00000000000A}"><text>Was this a push?</text></threadedComment></ThreadedComments>';
  files['xl/persons/person.xml'] =
    `${HEAD}<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="${MAIN}">` +
    '<person displayName="Dr. Lee" id="{5A1B2C3D-0000-4000-8000-000000000001}" userId="lee@example.org" providerId="AD"/></personList>';
  files['xl/tables/table1.xml'] =
    `${HEAD}<table xmlns="${MAIN}" id="1" name="InfusionTable" displayName="InfusionTable" ref="A1:I6" totalsRowShown="0">` +
    '<autoFilter ref="A1:I6"/><tableColumns count="9">' +
    LOG[0].map((h, i) => `<tableColumn id="${i + 1}" name="${esc(h)}"/>`).join('') +
    '</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>';
  // The second sheet: an image and a chart in one drawing, and a pivot table.
  files['xl/worksheets/sheet2.xml'] =
    `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${DOC}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Totals</t></is></c><c r="B1"><v>12345678901234567890</v></c></row>` +
    '<row r="2"><c r="A2"><f>TaxRate*100</f><v>7.25</v></c><c r="B2"><f>[1]Prices!$A$1</f><v>42</v></c></row></sheetData>' +
    '<drawing r:id="rId1"/></worksheet>';
  files['xl/worksheets/_rels/sheet2.xml.rels'] = rels([rel('rId1', 'drawing', '../drawings/drawing1.xml'), rel('rId2', 'pivotTable', '../pivotTables/pivotTable1.xml')]);
  files['xl/drawings/drawing1.xml'] =
    `${HEAD}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${DOC}" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
    '<xdr:oneCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="952500" cy="952500"/>' +
    '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="1" name="Image 1"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>' +
    '<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor>' +
    '<xdr:twoCellAnchor><xdr:from><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>' +
    '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rId2"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>';
  files['xl/drawings/_rels/drawing1.xml.rels'] = rels([rel('rId1', 'image', '../media/image1.png'), rel('rId2', 'chart', '../charts/chart1.xml')]);
  files['xl/media/image1.png'] = PNG;
  files['xl/charts/chart1.xml'] =
    `${HEAD}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${DOC}">` +
    `<c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>'Chart &amp; Pivot'!$B$1:$B$2</c:f></c:numRef></c:val></c:ser>` +
    '<c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>' +
    '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>';
  files['xl/pivotCache/pivotCacheDefinition1.xml'] =
    `${HEAD}<pivotCacheDefinition xmlns="${MAIN}" xmlns:r="${DOC}" r:id="rId1" refreshOnLoad="1" recordCount="2"><cacheSource type="worksheet"><worksheetSource ref="A1:C6" sheet="Infusion Log"/></cacheSource>` +
    '<cacheFields count="1"><cacheField name="Drug" numFmtId="0"><sharedItems count="2"><s v="vancomycin"/><s v="ondansetron"/></sharedItems></cacheField></cacheFields></pivotCacheDefinition>';
  files['xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels'] = rels([rel('rId1', 'pivotCacheRecords', 'pivotCacheRecords1.xml')]);
  files['xl/pivotCache/pivotCacheRecords1.xml'] = `${HEAD}<pivotCacheRecords xmlns="${MAIN}" count="2"><r><x v="0"/></r><r><x v="1"/></r></pivotCacheRecords>`;
  files['xl/pivotTables/pivotTable1.xml'] =
    `${HEAD}<pivotTableDefinition xmlns="${MAIN}" name="DrugPivot" cacheId="7" dataCaption="Values" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" updatedVersion="8" minRefreshableVersion="3" createdVersion="8" outline="1" outlineData="1">` +
    '<location ref="A5:A8" firstHeaderRow="1" firstDataRow="1" firstDataCol="0"/><pivotFields count="1"><pivotField axis="axisRow" showAll="0"><items count="3"><item x="0"/><item x="1"/><item t="default"/></items></pivotField></pivotFields>' +
    '<rowFields count="1"><field x="0"/></rowFields><rowItems count="3"><i><x/></i><i><x v="1"/></i><i t="grand"><x/></i></rowItems><colItems count="1"><i/></colItems></pivotTableDefinition>';
  files['xl/pivotTables/_rels/pivotTable1.xml.rels'] = rels([rel('rId1', 'pivotCacheDefinition', '../pivotCache/pivotCacheDefinition1.xml')]);
  files['xl/externalLinks/externalLink1.xml'] =
    `${HEAD}<externalLink xmlns="${MAIN}" xmlns:r="${DOC}"><externalBook r:id="rId1"><sheetNames><sheetName val="Prices"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>42</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`;
  files['xl/externalLinks/_rels/externalLink1.xml.rels'] = rels([rel('rId1', 'externalLinkPath', 'file:///C:/Pharmacy/prices.xlsx', true)]);
  // A protected sheet with a password hash (Excel's legacy 16-bit and the SHA-512 form).
  files['xl/worksheets/sheet3.xml'] =
    `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${DOC}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Locked 🔒</t></is></c></row></sheetData>` +
    '<sheetProtection algorithmName="SHA-512" hashValue="aGFzaA==" saltValue="c2FsdA==" spinCount="100000" password="CC3D" sheet="1" objects="1" scenarios="1"/></worksheet>';
  files['xl/sharedStrings.xml'] = sst(strings);
  return files;
}

/** openpyxl's shape of a workbook with a note, an image and a chart (exceljs refuses these as damaged). */
function openpyxlWorkbook() {
  const files = fullWorkbook();
  // openpyxl writes the note's drawing as commentsDrawing1.vml, legacyDrawing last, and no threaded comments.
  files['xl/worksheets/sheet1.xml'] = files['xl/worksheets/sheet1.xml'].replace(/<tableParts[\s\S]*?<\/tableParts>/, '');
  delete files['xl/threadedComments/threadedComment1.xml'];
  files['xl/worksheets/_rels/sheet1.xml.rels'] = rels([rel('rId1', 'comments', '/xl/comments/comment1.xml'), rel('rId2', 'vmlDrawing', '/xl/drawings/commentsDrawing1.vml')]);
  files['xl/comments/comment1.xml'] = files['xl/comments1.xml'];
  delete files['xl/comments1.xml'];
  files['xl/drawings/commentsDrawing1.vml'] = files['xl/drawings/vmlDrawing1.vml'];
  delete files['xl/drawings/vmlDrawing1.vml'];
  delete files['xl/tables/table1.xml'];
  files['[Content_Types].xml'] = files['[Content_Types].xml']
    .replace('/xl/comments1.xml', '/xl/comments/comment1.xml')
    .replace(/<Override PartName="\/xl\/(threadedComments|tables)[^>]*>/g, '');
  return files;
}

async function zipFiles(files, file) {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(files)) zip.file(name, data, { date: STAMP, createFolders: false });
  const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  fs.writeFileSync(file, buf);
}

/** Writes the fixtures into `dir`; returns their paths. */
async function makeFidelityFixtures(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const out = {
    excel: path.join(dir, 'fidelity-excel.xlsx'),
    date1904: path.join(dir, 'fidelity-1904.xlsx'),
    prefixed: path.join(dir, 'fidelity-prefixed.xlsx'),
    openpyxl: path.join(dir, 'fidelity-openpyxl.xlsx'),
  };
  await zipFiles(fullWorkbook(), out.excel);
  await zipFiles(fullWorkbook({ date1904: true }), out.date1904);
  await zipFiles(fullWorkbook({ prefix: 'x:' }), out.prefixed);
  await zipFiles(openpyxlWorkbook(), out.openpyxl);
  return out;
}

module.exports = { makeFidelityFixtures, LOG };

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node scripts/make-fidelity-fixtures.js DIR\n');
    process.exit(2);
  }
  makeFidelityFixtures(dir).then((files) => process.stdout.write(`${Object.values(files).join('\n')}\n`));
}
