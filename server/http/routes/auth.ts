import { z } from 'zod';
import { changePassword } from '../../use-cases/change-password';
import { getCurrentUser } from '../../use-cases/get-current-user';
import { signIn } from '../../use-cases/sign-in';
import { signOut } from '../../use-cases/sign-out';
import { defineRoute, type AnyRoute } from '../route';
import { ALL_ROLES, SignInBody, SignInResponse, UserView } from '../../../contract/api';

export const authRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/health',
    tag: 'system',
    summary: '健康检查（含数据库）',
    auth: 'public',
    response: z.object({ status: z.literal('ok'), database: z.literal('ok'), time: z.iso.datetime() }),
    handler: async ({ db }) => {
      await db.$queryRaw`SELECT 1`;
      return { status: 'ok', database: 'ok', time: new Date().toISOString() };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/sign-in',
    tag: 'auth',
    summary: '登录：返回 Bearer 令牌（按用户名+IP 限流）',
    auth: 'public',
    body: SignInBody,
    response: SignInResponse,
    rateLimit: 'signIn',
    errors: ['invalid-credentials', 'rate-limited'],
    handler: ({ db, body, config, requestId }) =>
      signIn(db, { username: body.username, password: body.password, session: config.session, requestId }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/sign-out',
    tag: 'auth',
    summary: '退出登录（令牌作废）',
    auth: ALL_ROLES,
    allowsOneTimePassword: true,
    handler: async ({ db, actor }) => {
      await signOut(db, { actor, sessionId: actor.sessionId });
      return undefined;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/me',
    tag: 'auth',
    summary: '当前用户与所属单位',
    auth: ALL_ROLES,
    allowsOneTimePassword: true,
    response: UserView,
    handler: ({ db, actor }) => getCurrentUser(db, { actor }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/change-password',
    tag: 'auth',
    summary: '修改本人密码（一次性密码登录后必须先修改；其他会话随之作废）',
    auth: ALL_ROLES,
    allowsOneTimePassword: true,
    body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
    response: z.object({ mustChangePassword: z.literal(false) }),
    errors: ['current-password-wrong', 'password-too-weak', 'password-unchanged'],
    handler: ({ db, actor, body }) => changePassword(db, { actor, currentPassword: body.currentPassword, newPassword: body.newPassword }),
  }),
];
