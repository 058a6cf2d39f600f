/**
 * Yanyin core — the public API. Pure TypeScript, no I/O: the same code runs in the task pane, the server
 * and the CLI.
 */

// Grid (input)
export type { Cell, CellType, CellValue, SheetGrid, WorkbookGrid } from './grid/cell';
export { cellAt, cellText, isBlank } from './grid/cell';
export { columnLetters, parseA1, toA1 } from './grid/address';

// Issues and reports (output)
export type { Finding, Issue, IssueParams, Locale, Severity } from './issues/issue';
export type {
  AllocatedRange,
  SheetRecognition,
  ValidateOptions,
  ValidationReport,
  ValidationStats,
} from './report';

// Validation
export { validate, type ValidateOptionsEx } from './validate';
export type { EngineOptions } from './validate-engine';
export {
  createValidationSession,
  type ChangedRange,
  type RowCells,
  type SessionUpdate,
  type ValidationSession,
} from './session';
export { extractRecords, graduatesForAllocation, type ExtractedRow, type ExtractedSheet, type GraduateForAllocation } from './extract';

// Template packs and detection
export type {
  ColumnSpec,
  ColumnType,
  DetectSpec,
  LayoutCell,
  LayoutRow,
  MetaFieldSpec,
  PackOptionSpec,
  SheetKindSpec,
  SheetLayout,
  TemplatePackSpec,
} from './templates/types';
export type { ChangeEffect, ChangesRole, GraduateListRole, PackRoles, RangesRole, ReceiptRole } from './templates/roles';
export { findPack, getPack, getSheetKind, packAtYear, packs } from './templates/registry';
export { packFamilies, type PackFamily } from './packs';
export { gxZz, gxZz2022, GX_CERT_PREFIX } from './packs/gx-zz';
export { hbPg, hbPg2018 } from './packs/hb-pg';
export { detect, detectWorkbook, type DetectOptions, type SheetDetection, type WorkbookDetection } from './templates/detect';
export { blankSheet, templateSheetName, type BlankSheet, type BlankMerge, type BlankDropdown } from './templates/blank';

// Rules and messages
export { builtinRules, createRuleRegistry, RuleRegistry } from './rules';
export { issue, type IssueDefinition, type IssueDefinitions, type ParamsOf, type ParamValue } from './issues/define';
export { definitionOf, isIssueCode, issueDefinitions, severityOf, type IssueCode, type IssueParamsOf } from './issues/catalogue';
export type { CellRule, RowRule, Rule, SheetRule, WorkbookRule } from './rules/types';
export { issueMessage, renderMessage, renderTitle, withMessage } from './messages/render';
export type { BilingualCatalogue, MessageCatalogue } from './messages/catalogue';

// Identity numbers (core/id)
export { checkIdNumber, checkStudentNumber, idMessages, upgradeLegacyId } from './id';
export type { Gender, IdCheckOptions, IdCheckResult, IdKind } from './id';
