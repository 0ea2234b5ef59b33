// Regenerates required-fields.json from Composio's public OpenAPI document
// (docs/public/openapi.json in the ComposioHQ/composio repository):
//   node --import tsx emulator/openapi/extract-required.ts path/to/openapi.json
// Only the required fields of the responses the emulator serves are kept, so
// the contract tests can check them without shipping the 2 MB document.
import { readFileSync, writeFileSync } from 'node:fs';

type Schema = {
  $ref?: string;
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
export type RequiredTree = { required?: string[]; properties?: Record<string, RequiredTree>; items?: RequiredTree };

/** Responses checked, as `METHOD path status` of the document (which uses /api/v3; the SDK calls /api/v3.1). */
export const CHECKED_RESPONSES = [
  'POST /api/v3/tool_router/session 201',
  'GET /api/v3/tool_router/session/{session_id} 200',
  'POST /api/v3/tool_router/session/{session_id}/link 201',
  'GET /api/v3/tool_router/session/{session_id}/toolkits 200',
  'POST /api/v3/tool_router/session/{session_id}/execute 200',
  'GET /api/v3/connected_accounts 200',
  'POST /api/v3/connected_accounts 201',
  'GET /api/v3/connected_accounts/{nanoid} 200',
  'DELETE /api/v3/connected_accounts/{nanoid} 200',
  'PATCH /api/v3/connected_accounts/{nanoId}/status 200',
  'POST /api/v3/connected_accounts/{nanoid}/refresh 200',
  'POST /api/v3/connected_accounts/link 201',
  'GET /api/v3/auth_configs 200',
  'POST /api/v3/auth_configs 201',
  'GET /api/v3/auth_configs/{nanoid} 200',
  'GET /api/v3/toolkits 200',
  'GET /api/v3/toolkits/categories 200',
  'GET /api/v3/toolkits/{slug} 200',
  'GET /api/v3/tools 200',
  'GET /api/v3/tools/{tool_slug} 200',
  'POST /api/v3/tools/execute/{tool_slug} 200',
];

function main(file: string) {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as {
    info: { version: string };
    paths: Record<
      string,
      Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
    >;
    components: { schemas: Record<string, Schema> };
  };
  const resolve = (schema: Schema): Schema => {
    let current = schema;
    while (current.$ref) current = doc.components.schemas[current.$ref.split('/').at(-1)!]!;
    return current;
  };
  const tree = (input: Schema, depth = 0): RequiredTree => {
    const schema = resolve(input);
    if (depth > 8) return {};
    const variants = (schema.anyOf ?? schema.oneOf)?.filter((option) => resolve(option).type !== 'null');
    // With several variants, only what all of them require can be checked; one variant is checked in full.
    if (variants) return variants.length === 1 ? tree(variants[0]!, depth + 1) : {};
    if (schema.allOf) {
      const parts = schema.allOf.map((part) => tree(part, depth + 1));
      return {
        required: parts.flatMap((part) => part.required ?? []),
        properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
      };
    }
    if (schema.type === 'array' && schema.items) {
      const items = tree(schema.items, depth + 1);
      return Object.keys(items).length > 0 ? { items } : {};
    }
    const required = schema.required ?? [];
    const properties: Record<string, RequiredTree> = {};
    for (const name of required) {
      const child = schema.properties?.[name];
      if (!child) continue;
      const subtree = tree(child, depth + 1);
      if (Object.keys(subtree).length > 0) properties[name] = subtree;
    }
    return {
      ...(required.length > 0 ? { required } : {}),
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
    };
  };
  const responses: Record<string, RequiredTree> = {};
  for (const entry of CHECKED_RESPONSES) {
    const [method, path, status] = entry.split(' ') as [string, string, string];
    const schema = doc.paths[path]?.[method.toLowerCase()]?.responses[status]?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${entry} is not in the document`);
    responses[entry] = tree(schema);
  }
  const output = {
    note: "Required response fields from Composio's public OpenAPI document (ComposioHQ/composio, docs/public/openapi.json). Regenerate with extract-required.ts.",
    openapiVersion: doc.info.version,
    snapshot: '2026-01-16 (last changed in commit a4ec83a83a8f75452160fcd04af40aba68325dfa)',
    responses,
  };
  writeFileSync(new URL('./required-fields.json', import.meta.url), `${JSON.stringify(output, null, 2)}\n`);
}

if (process.argv[2]) main(process.argv[2]);
