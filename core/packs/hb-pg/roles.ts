/** What Hubei's 毕业校验表 means: the graduate list, where 结论 = 毕业 counts as graduated. */
import type { PackRoles } from '../../templates/roles';

export const hbPgRoles: PackRoles = {
  schoolMeta: 'schoolName',
  graduates: {
    kind: 'check',
    name: 'name',
    idNumber: 'idNumber',
    gender: 'gender',
    studentNumber: 'studentNumber',
    graduated: { column: 'conclusion', values: ['毕业'] },
  },
};
