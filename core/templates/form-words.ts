/**
 * Conventions of Chinese official forms that every pack shares, as data: lines that end a table, header
 * fillers, note lines, signature placeholders. A notice's own footer lines come from its sheet kinds
 * (`footer`, `notes`, `layout.below`); these are only the words any form may use.
 */

/** Labels that start a line under the table (填表人：…). */
export const FOOTER_WORDS = ['填表人', '审核人', '填报日期', '填写说明', '填表说明', '制表人', '学校经办人', '负责人签字'];

/** Texts that may stand in a header row without being a column (a group caption like 其中：). */
export const HEADER_FILLERS = ['其中'];

/** 填写说明 lines (`填写说明：1. …`, `2. …`) are notes, never `label：value` lines. */
export const NOTE_LINE = /^[\s\u3000]*(?:-\s*)?(?:填写说明|填表说明|说明[:：]|注[:：]|\d+\s*[.、．])/;

/** Printed placeholders in a value cell that mean "nothing filled in" (年 月 日, （盖章）, （签字）). */
export const PLACEHOLDER_VALUE = /^(年\s*月\s*日|\(盖章\)|（盖章）|\(签字\)|（签字）)$/;
