/**
 * The OpenAPI 3.1 document, generated from the same route table and zod schemas the server validates with
 * (zod 4's z.toJSONSchema), so it cannot drift from what the server accepts. Served at /api/openapi.json.
 */
import { z } from 'zod';
import { allErrorCodes } from './errors';
import type { AnyRoute } from './http/route';
import { ErrorSchema } from '../contract/api';

type Json = Record<string, unknown>;

/** Named schemas (zod `.meta({ id })`) are hoisted here, so `$ref`s point into the document's components. */
let components: Record<string, Json> = {};

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  delete json.$schema;
  const defs = (json.$defs ?? {}) as Record<string, Json>;
  delete json.$defs;
  const fix = (j: Json): Json => JSON.parse(JSON.stringify(j).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
  for (const [name, def] of Object.entries(defs)) {
    components[name] = fix(def);
  }
  return fix(json);
}

/** `/api/campaigns/:id` → `/api/campaigns/{id}` */
function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}

function parameters(route: AnyRoute): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, 'input');
    const props = (json.properties ?? {}) as Record<string, Json>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, s] of Object.entries(props)) {
      out.push({ name, in: where, required: where === 'path' || required.has(name), schema: s });
    }
  }
  if (route.idempotencyKey) {
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: route.idempotencyKey === 'required',
      description: 'A new random value per logical request, reused on retries.',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
    });
  }
  return out;
}

export function buildOpenApi(routes: AnyRoute[]): Json {
  components = {};
  schemaOf(ErrorSchema, 'output'); // hoisted as components.schemas.Error
  const paths: Record<string, Record<string, Json>> = {};
  const errorCodes = allErrorCodes();
  const errorResponse = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  for (const route of routes) {
    const op: Json = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method}${openApiPath(route.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters: parameters(route),
      security: route.auth === 'public' ? [] : [{ bearer: [] }],
      'x-roles': route.auth === 'public' ? 'public' : route.auth,
      responses: {
        '200': route.produces
          ? { description: 'File', content: { [route.produces]: { schema: { type: 'string', format: 'binary' } } } }
          : route.response
            ? { description: 'OK', content: { 'application/json': { schema: schemaOf(route.response, 'output') } } }
            : { description: 'OK' },
        '4XX': errorResponse,
        '5XX': errorResponse,
      },
    };
    if (route.errors) op['x-error-codes'] = route.errors;
    if (route.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } };
    }
    const p = openApiPath(route.path);
    paths[p] = { ...(paths[p] ?? {}), [route.method]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '验印 Yanyin API',
      version: '0.1.0',
      description:
        'Graduation-certificate submissions, review and certificate numbers. Errors: `{ error: { code, message (zh-CN), messageEn, params } }`; the `x-error-codes` table below maps every code to its HTTP status.',
    },
    'x-error-codes': Object.fromEntries(errorCodes.map((e) => [e.code, e.status])),
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'token from POST /api/auth/sign-in' } },
      schemas: components,
    },
  };
}
