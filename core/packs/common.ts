/** Options every Chinese school form shares (national, not a province's choice). */
export const GENDER_OPTIONS = ['男', '女'];
