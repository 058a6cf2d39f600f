/** Every API route, in one table (see server/http/route.ts). */
import type { AnyRoute } from '../route';
import { authRoutes } from './auth';
import { certificateRoutes } from './certificates';
import { consoleRoutes } from './console';
import { enrollmentConflictRoutes } from './enrollment-conflicts';
import { operationRoutes } from './operations';
import { submissionRoutes } from './submissions';

export const routes: AnyRoute[] = [...authRoutes, ...submissionRoutes, ...certificateRoutes, ...operationRoutes, ...consoleRoutes, ...enrollmentConflictRoutes];
