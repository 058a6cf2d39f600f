export { checkIdNumber } from './check-id-number';
export { checkStudentNumber, type StudentNumberOptions } from './student-number';
export { idMessages } from './messages';
export { idChecksumChar, upgradeLegacyId } from './checksum';
export { lookupRegion } from './address-codes';
export type { CleanupKind } from './cleanup';
export type { Gender, IdCheckOptions, IdCheckResult, IdKind } from './types';
