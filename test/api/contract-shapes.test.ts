/**
 * The console's answers are documented (and parsed by the console) with contract schemas the server does
 * not run: these type-level checks make `tsc` fail when a use case's answer drifts from its schema.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { CampaignNumbers, CampaignProgress, NewAccount, OrganisationList } from '../../contract/api';
import type { addAccount } from '../../server/use-cases/add-account';
import type { getCampaignProgress } from '../../server/use-cases/get-campaign-progress';
import type { listCampaignNumbers } from '../../server/use-cases/list-campaign-numbers';
import type { listOrganisations } from '../../server/use-cases/list-organisations';
import type { resetPassword } from '../../server/use-cases/reset-password';

type Answer<F extends (...a: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

describe('console answers match the contract', () => {
  it('progress, numbers, organisations and new accounts', () => {
    expectTypeOf<Answer<typeof getCampaignProgress>>().toExtend<z.input<typeof CampaignProgress>>();
    expectTypeOf<Answer<typeof listCampaignNumbers>>().toExtend<z.input<typeof CampaignNumbers>>();
    expectTypeOf<Answer<typeof listOrganisations>>().toExtend<z.input<typeof OrganisationList>>();
    expectTypeOf<Answer<typeof addAccount>>().toExtend<z.input<typeof NewAccount>>();
    expectTypeOf<Answer<typeof resetPassword>>().toExtend<z.input<typeof NewAccount>>();
  });
});
