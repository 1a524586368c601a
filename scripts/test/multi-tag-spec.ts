/** A sizeable multi-tag 3.1 spec: `tags` × 8 operations sharing components. */
export function multiTagSpec(tags: number) {
  const paths: Record<string, object> = {};
  const schemas: Record<string, object> = {};
  for (let t = 0; t < tags; t++) {
    const tag = `tag${t}`;
    const model = `Model${t}`;
    schemas[model] = {
      type: "object",
      required: ["id", "name"],
      properties: {
        id: { type: "string" },
        name: { type: "string" },
        status: { enum: ["on", "off", null] },
        related: { type: "array", items: { $ref: `#/components/schemas/Model${(t + 1) % tags}` } },
        meta: { oneOf: [{ type: "string" }, { type: "object", additionalProperties: { type: "integer" } }] },
      },
    };
    const ref = { $ref: `#/components/schemas/${model}` };
    const json = (schema: object) => ({ "application/json": { schema } });
    paths[`/${tag}/items`] = {
      parameters: [{ name: "X-Trace", in: "header", schema: { type: "string" } }],
      get: {
        tags: [tag],
        operationId: `${tag}/list`,
        parameters: [{ name: "page", in: "query", schema: { type: "integer" } }],
        responses: { "200": { description: "ok", content: json({ type: "array", items: ref }) } },
      },
      post: {
        tags: [tag],
        operationId: `${tag}/create`,
        requestBody: { required: true, content: json(ref) },
        responses: { "201": { description: "ok", content: json(ref) }, "422": { description: "bad" } },
      },
    };
    paths[`/${tag}/items/{id}`] = {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      get: {
        tags: [tag],
        operationId: `${tag}/get`,
        responses: { "200": { description: "ok", content: json(ref) }, "404": { description: "no" } },
      },
      put: {
        tags: [tag],
        operationId: `${tag}/replace`,
        requestBody: { required: true, content: json(ref) },
        responses: { "200": { description: "ok", content: json(ref) } },
      },
      patch: {
        tags: [tag],
        operationId: `${tag}/update`,
        requestBody: { content: json({ type: "object", properties: { name: { type: "string" } } }) },
        responses: { "200": { description: "ok", content: json(ref) } },
      },
      delete: { tags: [tag], operationId: `${tag}/delete`, responses: { "204": { description: "gone" } } },
    };
    paths[`/${tag}/items/{id}/archive`] = {
      post: {
        tags: [tag],
        summary: `Archive ${tag} item`,
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "202": { description: "queued" } },
      },
    };
    paths[`/${tag}/search`] = {
      get: {
        tags: [tag],
        summary: "Search",
        parameters: [{ name: "q", in: "query", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "ok", content: json({ type: "array", items: ref }) } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Multi-tag", version: "2.0.0" },
    servers: [{ url: "https://multi.example.com" }],
    security: [{ bearer: [] }],
    tags: Array.from({ length: tags }, (_, t) => ({ name: `tag${t}` })),
    paths,
    components: { schemas, securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
  };
}
