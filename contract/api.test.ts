import { describe, expect, it } from 'vitest';
import { CampaignStatus, OrgKind as DbOrgKind, SubmissionStatus as DbSubmissionStatus, UserRole } from '../generated/prisma/enums';
import { ALL_ROLES, CampaignView, OrgKind, ROLES, SCHOOL_ROLES, SubmissionStatus } from './api';

describe('the API contract', () => {
  it('holds the one role list, and the database enums agree with it', () => {
    expect([...ROLES].sort()).toEqual(Object.values(UserRole).sort());
    expect(ALL_ROLES).toEqual(ROLES);
    expect(SCHOOL_ROLES.every((r) => ROLES.includes(r))).toBe(true);
    expect([...OrgKind.options].sort()).toEqual(Object.values(DbOrgKind).sort());
    expect([...SubmissionStatus.options].sort()).toEqual(Object.values(DbSubmissionStatus).sort());
    expect([...CampaignView.shape.status.options].sort()).toEqual(Object.values(CampaignStatus).sort());
  });
});
