import { describe, expect, it } from 'vitest';
import { nextStep, type NextStepInput } from './next-step';

const base: NextStepInput = {
  templates: 2,
  errors: 0,
  signedIn: true,
  status: null,
  locked: false,
  applications: [],
  numbersPlaced: 0,
};

describe('the clerk’s next step', () => {
  it('follows the day: start → fix → submit → wait → numbers → done', () => {
    expect(nextStep({ ...base, templates: 0 })).toEqual({ kind: 'start' });
    expect(nextStep({ ...base, errors: 9 })).toEqual({ kind: 'fix', errors: 9 });
    expect(nextStep({ ...base, signedIn: false })).toEqual({ kind: 'sign-in' });
    expect(nextStep(base)).toEqual({ kind: 'submit', resubmit: false });
    expect(nextStep({ ...base, status: 'RETURNED' })).toEqual({ kind: 'submit', resubmit: true });
    expect(nextStep({ ...base, status: 'RETURNED', errors: 1 }).kind).toBe('fix');
    expect(nextStep({ ...base, status: 'SUBMITTED', errors: 3 })).toEqual({ kind: 'wait-review', status: 'SUBMITTED' });
    expect(nextStep({ ...base, status: 'PROVINCE_APPROVED' }).kind).toBe('apply-numbers');
    expect(nextStep({ ...base, status: 'PROVINCE_APPROVED', applications: [{ status: 'PENDING' }] }).kind).toBe(
      'wait-numbers',
    );
    expect(nextStep({ ...base, status: 'PROVINCE_APPROVED', applications: [{ status: 'APPROVED' }] }).kind).toBe(
      'fetch-numbers',
    );
    expect(nextStep({ ...base, status: 'PROVINCE_APPROVED', numbersPlaced: 5 }).kind).toBe('done');
    expect(nextStep({ ...base, locked: true }).kind).toBe('locked');
  });
});
