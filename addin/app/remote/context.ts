import { SCHOOL_ROLES as SCHOOL_ROLE_NAMES } from '../../../contract/api';
import type { ExcelPort } from '../../excel/port';
import { RemoteError, type ApiClient } from './api-client';
import type { RemoteControllerOptions } from './controller';
import type { Campaign } from './schemas';
import type { SessionStore } from './session-store';
import type { RemoteMessage, RemoteState, RemoteTask } from './state';

/**
 * What the remote controller's jobs (loading, submitting, numbers, reviewing) share. They run inside the
 * controller's task queue, one at a time, so a job reads the state as it is when its turn comes.
 */
export interface RemoteContext {
  port: ExcelPort;
  /** The client of the server signed in to (a new one after signing in elsewhere). */
  api(): ApiClient;
  /** The session and the pending submission kept in localStorage. */
  store: SessionStore;
  state(): RemoteState;
  setState(patch: Partial<RemoteState>): void;
  /** One success message at a time: the latest action's (with a link to click where the host could not open it). */
  notice(task: RemoteTask, text: string, link?: RemoteMessage['link']): void;
  options: RemoteControllerOptions;
  now(): number;
}

const SCHOOL_ROLES: readonly string[] = SCHOOL_ROLE_NAMES;

export const campaign = (ctx: RemoteContext): Campaign | null => {
  const state = ctx.state();
  return state.campaigns.find((c) => c.id === state.campaignId) ?? null;
};

export const requireCampaign = (ctx: RemoteContext): Campaign => {
  const c = campaign(ctx);
  if (!c) throw new RemoteError('refused', 'no-campaign', '没有可用的验印工作批次。');
  return c;
};

export const isSchool = (ctx: RemoteContext): boolean => SCHOOL_ROLES.includes(ctx.state().user?.role ?? '');
