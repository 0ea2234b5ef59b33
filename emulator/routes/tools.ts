import type { Route } from '../api';
import { optionalString } from '../connections';
import { HttpError, listParam, page, readJson, sendJson } from '../http';
import { allTools, executeTool, findTool, toolJson } from '../tools';

export const toolRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/tools$/,
    handle(ctx, _req, res, _params, query) {
      const toolkits = listParam(query, 'toolkit_slug').map((slug) => slug.toLowerCase());
      const slugs = listParam(query, 'tool_slugs').map((slug) => slug.toUpperCase());
      // `query` is v3.1's search (name, slug or description); `search`, the deprecated one, still works.
      const text = (query.get('query') || query.get('search'))?.toLowerCase();
      const matches = (tool: ReturnType<typeof allTools>[number]) =>
        `${tool.name}\n${tool.slug}\n${tool.description}`.toLowerCase().includes(text!);
      // `tool_slugs` overrides the other filters (`@composio/client` ToolListParams).
      const items = allTools()
        .filter((tool) =>
          slugs.length > 0
            ? slugs.includes(tool.slug)
            : (toolkits.length === 0 || toolkits.includes(tool.toolkit)) && (!text || matches(tool)),
        )
        .map((tool) => toolJson(tool, ctx));
      sendJson(res, 200, page(items, query, 20, 10000));
    },
  },
  {
    method: 'GET',
    // Not `GET /tools/enum` (getToolsEnum): unimplemented, it gets the plain "not implemented" answer.
    pattern: /^\/tools\/(?!enum$)([^/]+)$/,
    handle(ctx, _req, res, [slug]) {
      const tool = findTool(slug!);
      if (!tool) throw new HttpError(404, `Tool ${slug} not found`);
      sendJson(res, 200, toolJson(tool, ctx));
    },
  },
  {
    method: 'POST',
    // Not `POST /tools/execute/proxy` (proxyExecute): unimplemented, it gets the plain "not implemented" answer.
    pattern: /^\/tools\/execute\/(?!proxy$)([^/]+)$/,
    async handle(ctx, req, res, [slug]) {
      const body = await readJson(req);
      const userId = optionalString(body, 'user_id') ?? undefined;
      const connectedAccountId = optionalString(body, 'connected_account_id') ?? undefined;
      if (!userId && !connectedAccountId)
        throw new HttpError(400, 'Either "user_id" or "connected_account_id" is required');
      const result = executeTool(ctx, { slug: slug!, userId, connectedAccountId });
      sendJson(res, 200, {
        data: result.data,
        error: result.error,
        successful: result.successful,
        log_id: result.logId,
      });
    },
  },
];
