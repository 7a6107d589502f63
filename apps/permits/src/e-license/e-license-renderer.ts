import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import type { BuildingUnitV1, ConstructionPermitV1, ProjectType } from '@hn/messages';
import { parsePermitNumber, regionName } from '@hn/numbering';
import { loadELicenseFonts } from './e-license-fonts';
import { ELicensePresaleFields, presaleRows } from './e-license-presale-rows';

type Doc = PDFKit.PDFDocument;

export interface ELicenseRenderOptions {
  /** PDF CreationDate; defaults to now. Fix it to get byte-identical output for identical data. */
  generatedAt?: Date;
  /** PRESALE permits: the capital guarantee and escrow fields from the approval workflow (null: not through it) */
  presale?: ELicensePresaleFields | null;
}

const FONT_REGULAR = 'NotoSerifSC-Regular';
const FONT_BOLD = 'NotoSerifSC-Bold';

/** A4 portrait in points (1 pt = 1/72 in). */
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 56, bottom: 72, left: 50, right: 50 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM_LIMIT = PAGE.height - MARGIN.bottom;

const CELL_PADDING_X = 6;
const CELL_PADDING_Y = 3;
const LABEL_WIDTH = 150;
const BODY_SIZE = 10.5;
const SUB_LABEL_SIZE = 7;
const TABLE_SIZE = 9.5;
const BORDER_COLOR = '#555555';
const MUTED_COLOR = '#666666';

export const E_LICENSE_TITLE = '建筑工程施工许可证（电子证照）';
export const E_LICENSE_FOOTER = '本电子证照由湖南省预售商品房监管平台依据施工许可数据生成 (generated from permit data)';

const PROJECT_TYPE_LABELS: Record<ProjectType, string> = {
  PRESALE: '预售商品房',
  CURRENT_SALE: '现售商品房',
  OTHER: '其它',
};

interface UnitColumn {
  title: string;
  subTitle: string;
  width: number;
  align: 'left' | 'right' | 'center';
  value: (unit: BuildingUnitV1, index: number) => string;
}

const UNIT_COLUMNS: UnitColumn[] = [
  { title: '序号', subTitle: 'No.', width: 36, align: 'center', value: (_u, i) => String(i + 1) },
  { title: '单体编码', subTitle: 'Unit code', width: 185, align: 'left', value: (u) => u.unitCode },
  { title: '名称', subTitle: 'Name', width: 110, align: 'left', value: (u) => u.name },
  { title: '层数', subTitle: 'Floors', width: 50, align: 'right', value: (u) => String(u.floors) },
  {
    title: '建筑面积（m²）',
    subTitle: 'Floor area',
    width: CONTENT_WIDTH - 36 - 185 - 110 - 50,
    align: 'right',
    value: (u) => formatArea(u.floorArea),
  },
];

/**
 * 生成建筑工程施工许可证电子证照（A4 PDF）。中文使用思源宋体（Noto Serif SC），只嵌入用到的字形子集。
 * Renders the construction permit e-license as an A4 PDF; the CJK font is embedded as a subset.
 */
@Injectable()
export class ELicenseRenderer {
  async render(
    permit: ConstructionPermitV1,
    units: BuildingUnitV1[],
    options: ELicenseRenderOptions = {},
  ): Promise<Buffer> {
    const fonts = await loadELicenseFonts();
    const doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      autoFirstPage: true,
      info: {
        Title: `${E_LICENSE_TITLE} ${permit.permitNumber}`,
        Author: '湖南省预售商品房监管平台',
        Subject: '建筑工程施工许可证电子证照 (construction permit e-license)',
        Keywords: `${permit.permitNumber} ${permit.projectCode}`,
        CreationDate: options.generatedAt ?? new Date(),
      },
    });
    const done = collect(doc);
    doc.registerFont(FONT_REGULAR, fonts.regular);
    doc.registerFont(FONT_BOLD, fonts.bold);

    this.drawHeader(doc, permit);
    this.drawPermitFields(doc, permit, options.presale ?? null);
    this.drawUnits(doc, units);
    this.drawFooters(doc);

    doc.end();
    return done;
  }

  private drawHeader(doc: Doc, permit: ConstructionPermitV1): void {
    doc.font(FONT_BOLD).fontSize(20).fillColor('black');
    doc.text(E_LICENSE_TITLE, MARGIN.left, MARGIN.top, { width: CONTENT_WIDTH, align: 'center' });
    doc.font(FONT_REGULAR).fontSize(8).fillColor(MUTED_COLOR);
    doc.text('Construction Permit (Electronic License)', { width: CONTENT_WIDTH, align: 'center' });
    doc.moveDown(0.8);
    doc.font(FONT_REGULAR).fontSize(11).fillColor('black');
    doc.text(`编号：${permit.permitNumber}`, MARGIN.left, doc.y, { width: CONTENT_WIDTH, align: 'left' });
    doc.moveDown(0.4);
    const y = doc.y;
    doc
      .lineWidth(1.2)
      .strokeColor('black')
      .moveTo(MARGIN.left, y)
      .lineTo(MARGIN.left + CONTENT_WIDTH, y)
      .stroke();
    doc
      .lineWidth(0.4)
      .moveTo(MARGIN.left, y + 2.5)
      .lineTo(MARGIN.left + CONTENT_WIDTH, y + 2.5)
      .stroke();
    doc.y = y + 10;
  }

  private drawPermitFields(doc: Doc, permit: ConstructionPermitV1, presale: ELicensePresaleFields | null): void {
    const rows: Array<[string, string, string]> = [
      ['编号', 'Permit number', permit.permitNumber],
      ['项目名称', 'Project name', permit.projectName],
      ['项目代码', 'Project code', permit.projectCode],
      ['建设单位', 'Developer', permit.developerName],
      ['统一社会信用代码', 'Unified social credit code', permit.developerCreditCode],
      ['建设地点区划', 'Region', regionLabel(permit.regionCode)],
      ['项目类别', 'Project category', permit.category],
      ['工程类别', 'Works category', worksCategoryLabel(permit)],
      ['发证日期', 'Issue date', formatDate(permit.issueDate) ?? '—'],
      ['开工日期', 'Start date', formatDate(permit.startDate) ?? '未填报'],
      ['计划竣工日期', 'Planned completion', formatDate(permit.plannedCompletionDate) ?? '未填报'],
      ['五方责任主体验收日期', 'Five-party acceptance', formatDate(permit.fivePartyAcceptanceDate) ?? '未验收'],
      ['竣工验收备案日期', 'Completion filing', formatDate(permit.completionFilingDate) ?? '未备案'],
      ['项目类型', 'Project type', permit.projectType ? PROJECT_TYPE_LABELS[permit.projectType] : '未标记'],
      ...(permit.projectType === 'PRESALE' ? presaleRows(presale) : []),
      ['证照状态', 'Status', permit.status === 'REVOKED' ? '已撤销 (revoked)' : '有效 (valid)'],
    ];
    doc.lineWidth(0.6).strokeColor(BORDER_COLOR);
    for (const [label, subLabel, value] of rows) {
      const valueWidth = CONTENT_WIDTH - LABEL_WIDTH - 2 * CELL_PADDING_X;
      const labelWidth = LABEL_WIDTH - 2 * CELL_PADDING_X;
      doc.font(FONT_REGULAR).fontSize(BODY_SIZE);
      const labelHeight = doc.heightOfString(label, { width: labelWidth });
      const valueHeight = doc.heightOfString(value, { width: valueWidth });
      doc.fontSize(SUB_LABEL_SIZE);
      const subHeight = doc.heightOfString(subLabel, { width: labelWidth });
      const height = Math.max(labelHeight + subHeight, valueHeight) + 2 * CELL_PADDING_Y;
      let y = doc.y;
      if (y + height > BOTTOM_LIMIT) {
        doc.addPage();
        y = MARGIN.top;
      }
      doc.rect(MARGIN.left, y, LABEL_WIDTH, height).fillAndStroke('#f2f2f2', BORDER_COLOR);
      doc.rect(MARGIN.left + LABEL_WIDTH, y, CONTENT_WIDTH - LABEL_WIDTH, height).stroke();
      doc.fillColor('black').font(FONT_REGULAR).fontSize(BODY_SIZE);
      doc.text(label, MARGIN.left + CELL_PADDING_X, y + CELL_PADDING_Y, { width: labelWidth });
      doc.fillColor(MUTED_COLOR).fontSize(SUB_LABEL_SIZE);
      doc.text(subLabel, MARGIN.left + CELL_PADDING_X, y + CELL_PADDING_Y + labelHeight, { width: labelWidth });
      doc.fillColor('black').fontSize(BODY_SIZE);
      doc.text(value, MARGIN.left + LABEL_WIDTH + CELL_PADDING_X, y + (height - valueHeight) / 2, {
        width: valueWidth,
      });
      doc.x = MARGIN.left;
      doc.y = y + height;
    }
  }

  private drawUnits(doc: Doc, units: BuildingUnitV1[]): void {
    doc.y += 16;
    const ensureRoom = (height: number): boolean => {
      if (doc.y + height <= BOTTOM_LIMIT) return false;
      doc.addPage();
      doc.y = MARGIN.top;
      return true;
    };
    const drawSectionTitle = (continued: boolean): void => {
      doc.font(FONT_BOLD).fontSize(12).fillColor('black');
      const suffix = continued ? '（续）' : `（共 ${units.length} 个）`;
      doc.text(`单体信息${suffix}`, MARGIN.left, doc.y, { width: CONTENT_WIDTH, continued: true });
      doc.font(FONT_REGULAR).fontSize(8).fillColor(MUTED_COLOR).text('  Building units');
      doc.moveDown(0.3);
    };

    ensureRoom(60);
    drawSectionTitle(false);
    if (units.length === 0) {
      doc.font(FONT_REGULAR).fontSize(BODY_SIZE).fillColor('black');
      doc.text('（无单体信息 no building units）', MARGIN.left, doc.y, { width: CONTENT_WIDTH });
      return;
    }
    this.drawUnitHeader(doc);
    units.forEach((unit, index) => {
      const cells = UNIT_COLUMNS.map((column) => column.value(unit, index));
      const height = this.unitRowHeight(doc, cells);
      if (ensureRoom(height)) {
        drawSectionTitle(true);
        this.drawUnitHeader(doc);
      }
      this.drawUnitRow(doc, cells, height, false);
    });
    const total = units.reduce((sum, unit) => sum + unit.floorArea, 0);
    const totalCells = ['', '合计 Total', '', '', formatArea(total)];
    const totalHeight = this.unitRowHeight(doc, totalCells);
    if (ensureRoom(totalHeight)) {
      drawSectionTitle(true);
      this.drawUnitHeader(doc);
    }
    this.drawUnitRow(doc, totalCells, totalHeight, true);
  }

  private drawUnitHeader(doc: Doc): void {
    doc.font(FONT_REGULAR).fontSize(TABLE_SIZE);
    const titleHeight = doc.heightOfString('单体', { width: 100 });
    doc.fontSize(SUB_LABEL_SIZE);
    const subHeight = doc.heightOfString('Unit', { width: 100 });
    const height = titleHeight + subHeight + 2 * CELL_PADDING_Y;
    const y = doc.y;
    let x = MARGIN.left;
    doc.lineWidth(0.6);
    for (const column of UNIT_COLUMNS) {
      doc.rect(x, y, column.width, height).fillAndStroke('#e6e6e6', BORDER_COLOR);
      const width = column.width - 2 * CELL_PADDING_X;
      doc.fillColor('black').fontSize(TABLE_SIZE);
      doc.text(column.title, x + CELL_PADDING_X, y + CELL_PADDING_Y, { width, align: 'center' });
      doc.fillColor(MUTED_COLOR).fontSize(SUB_LABEL_SIZE);
      doc.text(column.subTitle, x + CELL_PADDING_X, y + CELL_PADDING_Y + titleHeight, { width, align: 'center' });
      x += column.width;
    }
    doc.x = MARGIN.left;
    doc.y = y + height;
  }

  private unitRowHeight(doc: Doc, cells: string[]): number {
    doc.font(FONT_REGULAR).fontSize(TABLE_SIZE);
    const heights = UNIT_COLUMNS.map((column, i) =>
      doc.heightOfString(cells[i] || ' ', { width: column.width - 2 * CELL_PADDING_X }),
    );
    return Math.max(...heights) + 2 * CELL_PADDING_Y;
  }

  private drawUnitRow(doc: Doc, cells: string[], height: number, emphasised: boolean): void {
    const y = doc.y;
    let x = MARGIN.left;
    doc.lineWidth(0.6).strokeColor(BORDER_COLOR);
    doc.font(emphasised ? FONT_BOLD : FONT_REGULAR).fontSize(TABLE_SIZE);
    UNIT_COLUMNS.forEach((column, i) => {
      doc.rect(x, y, column.width, height).stroke();
      if (cells[i]) {
        doc.fillColor('black').text(cells[i], x + CELL_PADDING_X, y + CELL_PADDING_Y, {
          width: column.width - 2 * CELL_PADDING_X,
          align: column.align,
        });
      }
      x += column.width;
    });
    doc.x = MARGIN.left;
    doc.y = y + height;
  }

  /** Footer and page numbers on every page (pages are buffered until the end). */
  private drawFooters(doc: Doc): void {
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Writing below the bottom margin would make pdfkit open a new page: lift the margin meanwhile.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = PAGE.height - MARGIN.bottom + 18;
      doc.lineWidth(0.4).strokeColor(BORDER_COLOR);
      doc
        .moveTo(MARGIN.left, y - 6)
        .lineTo(MARGIN.left + CONTENT_WIDTH, y - 6)
        .stroke();
      doc.font(FONT_REGULAR).fontSize(8).fillColor(MUTED_COLOR);
      doc.text(E_LICENSE_FOOTER, MARGIN.left, y, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
      doc.text(`第 ${i - range.start + 1} 页 / 共 ${range.count} 页`, MARGIN.left, y + 13, {
        width: CONTENT_WIDTH,
        align: 'center',
        lineBreak: false,
      });
      doc.page.margins.bottom = bottom;
    }
  }
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** 2024-06-20 → 2024年6月20日 */
function formatDate(iso: string | null): string | null {
  if (!iso) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

function formatArea(value: number): string {
  const [whole, fraction] = value.toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

function regionLabel(code: string): string {
  const name = regionName(code);
  return name ? `${code} ${name}` : code;
}

/** The works category (工程类别) is encoded in the last two digits of the permit number. */
function worksCategoryLabel(permit: ConstructionPermitV1): string {
  const parsed = parsePermitNumber(permit.permitNumber, { today: permit.issueDate });
  return parsed.ok ? `${parsed.value.categoryCode} ${parsed.value.categoryName}` : permit.permitNumber.slice(-2);
}
