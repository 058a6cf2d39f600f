/** What Guangxi's 附件1–4 mean to the engine, the server and the pane (see core/templates/roles.ts). */
import type { ChangeEffect, PackRoles } from '../../templates/roles';
import type { CHANGE_TYPES } from './sheets';

/** 附件4's ten 异动类型 (DESIGN §3): information changes, then status changes. */
const effects: Record<(typeof CHANGE_TYPES)[number], ChangeEffect> = {
  姓名: 'name',
  性别: 'gender',
  身份证号码: 'id-number',
  学制变更: 'school-length',
  休学: 'suspend',
  复学: 'resume',
  留级: 'repeat',
  转出: 'transfer-out',
  转入: 'transfer-in',
  转专业: 'major',
};

export const gxZzRoles: PackRoles = {
  schoolMeta: 'schoolName',
  enrollment: { date: 'enrollmentDate', schoolLength: 'schoolLength' },
  graduates: {
    kind: 'att2',
    name: 'name',
    idNumber: 'idNumber',
    gender: 'gender',
    certificateNumber: 'certificateNumber',
    majorMeta: 'major',
  },
  ranges: {
    kind: 'att3',
    major: 'major',
    range: 'certificateRange',
    count: 'graduates',
    total: 'graduateTotal',
    sameAsList: ['enrollmentDate', 'schoolLength', 'teachingForm'],
  },
  receipt: { kind: 'att1', school: 'schoolName', total: 'graduateTotal' },
  changes: {
    kind: 'att4',
    type: 'changeType',
    before: 'before',
    after: 'after',
    name: 'name',
    idNumber: 'idNumber',
    major: 'major',
    grade: 'grade',
    schoolLength: 'schoolLength',
    statusWords: ['在读', '在校', '在籍', '休学', '复学', '已复学', '已休学'],
    effects,
  },
};
