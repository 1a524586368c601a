import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type Bump, highestBump } from "../src/api-diff/api-change.js";
import { diffSpecs } from "../src/api-diff/spec-diff.js";
import { uniqueNames } from "../src/model/naming.js";
import { repoRoot } from "../src/shared/repo-paths.js";
import type { OpenApiDocument } from "../src/spec/openapi-types.js";
import { loadProviderConfig } from "../src/spec/provider-config.js";

/**
 * Every classification rule, both ways where it has two, on fixtures made from the real vendored
 * specs: parse, mutate a copy, compare. `base` (optional) first turns the real spec into the
 * "before" version, so a rule can be tested from a starting point the real spec does not have.
 */

type Provider = "primeintellect" | "modelslab";
type Mutation = (spec: any) => void;

const specs = Object.fromEntries(
  await Promise.all(
    (["primeintellect", "modelslab"] as const).map(async (name) => [
      name,
      parse(await readFile(join(repoRoot, "specs", `${name}.yaml`), "utf8")) as OpenApiDocument,
    ]),
  ),
) as Record<Provider, OpenApiDocument>;
const configs = Object.fromEntries(
  await Promise.all(
    (["primeintellect", "modelslab"] as const).map(async (name) => [
      name,
      await loadProviderConfig(join(repoRoot, "packages", name, "provider.config.json")),
    ]),
  ),
) as Record<Provider, Awaited<ReturnType<typeof loadProviderConfig>>>;

const PI_PATH = "/api/v1/images/{image_name}/{image_tag}";
const piOperation = (spec: any) => spec.paths[PI_PATH].delete;
const piQuery = (spec: any) => piOperation(spec).parameters[2];
const piResponse = (spec: any) => spec.components.schemas.DeleteImageResponse;
const mlOperation = (spec: any) => spec.paths["/delete_image"].post;
const mlRequest = (spec: any) => spec.components.schemas.DeleteImageRequest;
const mlResponse = (spec: any) => spec.components.schemas.DeleteImageResponse;
const secondOperation = {
  operationId: "list_images_api_v1_images_get",
  summary: "List Images",
  security: [{ HTTPBearer: [] }],
  responses: { "200": { description: "ok" } },
};

function diff(provider: Provider, mutate: Mutation, base?: Mutation) {
  const before = structuredClone(specs[provider]);
  base?.(before);
  const after = structuredClone(before);
  mutate(after);
  return diffSpecs({ name: provider, specFile: `${provider}.yaml`, before, after, config: configs[provider] });
}

interface Row {
  rule: string;
  provider: Provider;
  mutate: Mutation;
  base?: Mutation;
  bump: Bump | undefined;
  /** A line the changeset must contain (substring). */
  says?: string;
}

const rows: Row[] = [
  // Nothing, or documentation only.
  { rule: "no change", provider: "primeintellect", mutate: () => {}, bump: undefined },
  {
    rule: "info.version only (the runner still writes a patch: the bytes changed)",
    provider: "primeintellect",
    mutate: (s) => {
      s.info.version = "0.2.0";
    },
    bump: undefined,
  },
  {
    rule: "operation description",
    provider: "primeintellect",
    mutate: (s) => {
      piOperation(s).description = "Deletes an image.";
    },
    bump: "patch",
    says: "`deleteUserImage`: documentation changed (description)",
  },
  {
    rule: "summary, when the name comes from the operationId",
    provider: "primeintellect",
    mutate: (s) => {
      piOperation(s).summary = "Remove User Image";
    },
    bump: "patch",
    says: "documentation changed (summary)",
  },
  {
    rule: "parameter description",
    provider: "primeintellect",
    mutate: (s) => {
      piQuery(s).description = "The team";
    },
    bump: "patch",
    says: "documentation changed (query parameter `teamId`)",
  },
  {
    rule: "schema example",
    provider: "modelslab",
    mutate: (s) => {
      mlResponse(s).properties.messege.example = "deleted";
    },
    bump: "patch",
    says: "documentation changed (`200` response field `messege`)",
  },
  {
    rule: "API description (info)",
    provider: "modelslab",
    mutate: (s) => {
      s.info.description = "General endpoints.";
    },
    bump: "patch",
    says: "API documentation changed (info: description)",
  },
  {
    rule: "validation keyword (not in the TypeScript types)",
    provider: "modelslab",
    mutate: (s) => {
      mlRequest(s).properties.key.minLength = 10;
    },
    bump: "patch",
    says: "body field `key`: validation changed (minLength)",
  },
  {
    rule: "response `default` (types unchanged)",
    provider: "modelslab",
    mutate: (s) => {
      mlResponse(s).properties.messege.default = "image deleted";
    },
    bump: "patch",
  },

  // Operations.
  {
    rule: "new operation",
    provider: "primeintellect",
    mutate: (s) => {
      s.paths["/api/v1/images"] = { get: secondOperation };
    },
    bump: "minor",
    says: "New operation `GET /api/v1/images` (`listImages`)",
  },
  {
    rule: "removed operation",
    provider: "primeintellect",
    base: (s) => {
      s.paths["/api/v1/images"] = { get: secondOperation };
    },
    mutate: (s) => {
      delete s.paths["/api/v1/images"];
    },
    bump: "major",
    says: "Removed operation `GET /api/v1/images` (`listImages`)",
  },
  {
    rule: "summary that names the method (no operationId): a renamed method",
    provider: "modelslab",
    mutate: (s) => {
      mlOperation(s).summary = "Remove image";
    },
    bump: "major",
    says: "`deleteImage` renamed to `removeImage`",
  },
  {
    rule: "operationId: the exported `operations` type is keyed by it",
    provider: "primeintellect",
    mutate: (s) => {
      piOperation(s).operationId = "delete_user_image";
    },
    bump: "major",
    says: 'renamed to `operations["delete_user_image"]`',
  },
  {
    rule: "operationId added",
    provider: "modelslab",
    mutate: (s) => {
      mlOperation(s).operationId = "deleteImage";
    },
    bump: "minor",
    says: 'new type `operations["deleteImage"]`',
  },
  {
    rule: "changed path (same method name)",
    provider: "modelslab",
    mutate: (s) => {
      s.paths["/remove_image"] = s.paths["/delete_image"];
      delete s.paths["/delete_image"];
    },
    bump: "major",
    says: "`deleteImage`: moved from `POST /delete_image` to `POST /remove_image`",
  },
  {
    rule: "changed method",
    provider: "modelslab",
    mutate: (s) => {
      s.paths["/delete_image"] = { delete: s.paths["/delete_image"].post };
    },
    bump: "major",
    says: "moved from `POST /delete_image` to `DELETE /delete_image`",
  },
  {
    rule: "deprecated",
    provider: "primeintellect",
    mutate: (s) => {
      piOperation(s).deprecated = true;
    },
    bump: "minor",
    says: "`deleteUserImage`: deprecated",
  },
  {
    rule: "no longer deprecated",
    provider: "primeintellect",
    base: (s) => {
      piOperation(s).deprecated = true;
    },
    mutate: (s) => {
      delete piOperation(s).deprecated;
    },
    bump: "patch",
  },

  // Parameters.
  {
    rule: "new required parameter",
    provider: "primeintellect",
    mutate: (s) => {
      piOperation(s).parameters.push({ name: "force", in: "query", required: true, schema: { type: "boolean" } });
    },
    bump: "major",
    says: "`deleteUserImage`: new required query parameter `force`",
  },
  {
    rule: "new optional parameter",
    provider: "primeintellect",
    mutate: (s) => {
      piOperation(s).parameters.push({ name: "force", in: "query", schema: { type: "boolean" } });
    },
    bump: "minor",
    says: "`deleteUserImage`: new optional query parameter `force`",
  },
  {
    rule: "removed optional parameter",
    provider: "primeintellect",
    mutate: (s) => {
      piOperation(s).parameters.pop();
    },
    bump: "major",
    says: "removed query parameter `teamId`",
  },
  {
    rule: "parameter made required",
    provider: "primeintellect",
    mutate: (s) => {
      piQuery(s).required = true;
    },
    bump: "major",
    says: "query parameter `teamId` is now required",
  },
  {
    rule: "parameter made optional",
    provider: "primeintellect",
    base: (s) => {
      piQuery(s).required = true;
    },
    mutate: (s) => {
      piQuery(s).required = false;
    },
    bump: "minor",
    says: "query parameter `teamId` is now optional",
  },
  {
    rule: "parameter moved location",
    provider: "primeintellect",
    mutate: (s) => {
      piQuery(s).in = "header";
    },
    bump: "major",
    says: "query parameter `teamId` moved to header",
  },
  {
    rule: "parameter type narrowed",
    provider: "primeintellect",
    mutate: (s) => {
      piQuery(s).schema.anyOf = [{ type: "string" }];
    },
    bump: "major",
    says: "query parameter `teamId` is no longer nullable",
  },
  {
    rule: "parameter type widened",
    provider: "primeintellect",
    mutate: (s) => {
      piOperation(s).parameters[1].schema.type = ["string", "integer"];
    },
    bump: "minor",
    says: "path parameter `image_tag`: type widened from `string` to `string | number`",
  },
  {
    rule: "parameter serialization",
    provider: "primeintellect",
    mutate: (s) => {
      piQuery(s).style = "deepObject";
    },
    bump: "major",
    says: "serialization changed (style)",
  },

  // Request bodies.
  {
    rule: "new required body field",
    provider: "modelslab",
    mutate: (s) => {
      mlRequest(s).properties.force = { type: "boolean" };
      mlRequest(s).required.push("force");
    },
    bump: "major",
    says: "`deleteImage`: new required body field `force`",
  },
  {
    rule: "new optional body field",
    provider: "modelslab",
    mutate: (s) => {
      mlRequest(s).properties.force = { type: "boolean" };
    },
    bump: "minor",
    says: "`deleteImage`: new optional body field `force`",
  },
  {
    rule: "removed optional body field (excess-property error for object literals)",
    provider: "modelslab",
    mutate: (s) => {
      delete mlRequest(s).properties.type;
    },
    bump: "major",
    says: "`deleteImage`: removed body field `type`",
  },
  {
    rule: "body field made required",
    provider: "modelslab",
    mutate: (s) => {
      mlRequest(s).required.push("type");
    },
    bump: "major",
    says: "body field `type` is now required",
  },
  {
    rule: "body field made optional",
    provider: "modelslab",
    mutate: (s) => {
      mlRequest(s).required = ["key"];
    },
    bump: "minor",
    says: "body field `request_id` is now optional",
  },
  {
    rule: "the injected credential field's requiredness does not reach callers",
    provider: "modelslab",
    mutate: (s) => {
      mlRequest(s).required = ["request_id"];
    },
    bump: undefined,
  },
  {
    rule: "request enum widened (value added)",
    provider: "modelslab",
    mutate: (s) => {
      mlRequest(s).properties.type.enum.push("audio");
    },
    bump: "minor",
    says: 'body field `type`: enum value "audio" added',
  },
  {
    rule: "request enum narrowed (value removed)",
    provider: "modelslab",
    mutate: (s) => {
      mlRequest(s).properties.type.enum = ["image", "video", "voice"];
    },
    bump: "major",
    says: 'body field `type`: enum value "3d" removed',
  },
  {
    rule: "request field type changed",
    provider: "modelslab",
    mutate: (s) => {
      mlRequest(s).properties.request_id.type = "string";
    },
    bump: "major",
    says: "body field `request_id`: type changed from `number` to `string`",
  },
  {
    rule: "integer → number is the same TypeScript type",
    provider: "modelslab",
    mutate: (s) => {
      mlRequest(s).properties.request_id.type = "number";
    },
    bump: undefined,
  },
  {
    rule: "request default changed (omitting the field now does something else)",
    provider: "modelslab",
    mutate: (s) => {
      mlRequest(s).properties.type.default = "video";
    },
    bump: "major",
    says: 'body field `type`: default changed from `"image"` to `"video"`',
  },
  {
    rule: "request default documented",
    provider: "modelslab",
    mutate: (s) => {
      mlRequest(s).properties.request_id.default = 0;
    },
    bump: "patch",
  },
  {
    rule: "request body made optional",
    provider: "modelslab",
    mutate: (s) => {
      mlOperation(s).requestBody.required = false;
    },
    bump: "minor",
    says: "request body is now optional",
  },
  {
    rule: "request body made required",
    provider: "modelslab",
    base: (s) => {
      mlOperation(s).requestBody.required = false;
    },
    mutate: (s) => {
      mlOperation(s).requestBody.required = true;
    },
    bump: "major",
    says: "request body is now required",
  },
  {
    rule: "a body field named like a parameter: the body moves to `body`",
    provider: "modelslab",
    mutate: (s) => {
      mlOperation(s).parameters = [{ name: "type", in: "query", schema: { type: "string" } }];
    },
    bump: "major",
    says: "the request body is now passed as `body`",
  },
  {
    rule: "unclassified schema keyword (treated as breaking)",
    provider: "modelslab",
    mutate: (s) => {
      mlRequest(s).additionalProperties = { type: "string" };
    },
    bump: "major",
    says: "`additionalProperties` changed (not classified",
  },

  // Responses.
  {
    rule: "new response field",
    provider: "primeintellect",
    mutate: (s) => {
      piResponse(s).properties.id = { type: "string" };
      piResponse(s).required.push("id");
    },
    bump: "minor",
    says: "`deleteUserImage`: new required `200` response field `id`",
  },
  {
    rule: "removed response field",
    provider: "primeintellect",
    mutate: (s) => {
      delete piResponse(s).properties.message;
      piResponse(s).required = ["success"];
    },
    bump: "major",
    says: "`deleteUserImage`: removed `200` response field `message`",
  },
  {
    rule: "response field made optional",
    provider: "primeintellect",
    mutate: (s) => {
      piResponse(s).required = ["success"];
    },
    bump: "major",
    says: "`200` response field `message` is now optional",
  },
  {
    rule: "response field made required",
    provider: "modelslab",
    mutate: (s) => {
      mlResponse(s).required = ["status"];
    },
    bump: "minor",
    says: "`200` response field `status` is now required",
  },
  {
    rule: "response enum value added (breaks exhaustive switches)",
    provider: "modelslab",
    mutate: (s) => {
      mlResponse(s).properties.status.enum.push("queued");
    },
    bump: "major",
    says: '`200` response field `status`: enum value "queued" added',
  },
  {
    rule: "response enum value removed (comparisons with it stop compiling)",
    provider: "modelslab",
    base: (s) => {
      mlResponse(s).properties.status.enum.push("queued");
    },
    mutate: (s) => {
      mlResponse(s).properties.status.enum = ["success"];
    },
    bump: "major",
    says: 'enum value "queued" removed',
  },
  {
    rule: "response field now nullable",
    provider: "primeintellect",
    mutate: (s) => {
      piResponse(s).properties.message.type = ["string", "null"];
    },
    bump: "major",
    says: "`200` response field `message` is now nullable",
  },
  {
    rule: "response field no longer nullable",
    provider: "primeintellect",
    base: (s) => {
      piResponse(s).properties.message.type = ["string", "null"];
    },
    mutate: (s) => {
      piResponse(s).properties.message.type = "string";
    },
    bump: "minor",
    says: "is no longer nullable",
  },
  {
    rule: "new error response status",
    provider: "primeintellect",
    mutate: (s) => {
      piOperation(s).responses["404"] = { description: "Not found" };
    },
    bump: "minor",
    says: "`deleteUserImage`: new error response `404`",
  },
  {
    rule: "new success response status (the result type widens)",
    provider: "primeintellect",
    mutate: (s) => {
      piOperation(s).responses["202"] = {
        description: "Accepted",
        content: { "application/json": { schema: { type: "object", properties: { job: { type: "string" } } } } },
      };
    },
    bump: "major",
    says: "new success response `202`",
  },
  {
    rule: "removed response status",
    provider: "primeintellect",
    mutate: (s) => {
      delete piOperation(s).responses["422"];
    },
    bump: "major",
    says: "response `422` removed",
  },
  {
    rule: "error body field added (through $refs)",
    provider: "primeintellect",
    mutate: (s) => {
      s.components.schemas.ErrorDetail.properties.code = { type: "integer" };
    },
    bump: "minor",
    says: "new optional `422` response field `errors[].code`",
  },

  // Auth and servers.
  {
    rule: "changed auth (security scheme)",
    provider: "primeintellect",
    mutate: (s) => {
      s.components.securitySchemes = { ApiKey: { type: "apiKey", in: "header", name: "X-Api-Key" } };
      piOperation(s).security = [{ ApiKey: [] }];
    },
    bump: "major",
    says: "authentication changed from HTTP bearer to API key in header `X-Api-Key`",
  },
  {
    rule: "auth requirement dropped",
    provider: "primeintellect",
    base: (s) => {
      s.paths["/api/v1/images"] = { get: secondOperation };
    },
    mutate: (s) => {
      piOperation(s).security = [];
    },
    bump: "major",
    says: "authentication changed from HTTP bearer to none",
  },
  {
    rule: "security scheme renamed, same meaning",
    provider: "primeintellect",
    mutate: (s) => {
      s.components.securitySchemes = { Bearer: s.components.securitySchemes.HTTPBearer };
      piOperation(s).security = [{ Bearer: [] }];
    },
    bump: undefined,
  },
  {
    rule: "changed server URL",
    provider: "primeintellect",
    mutate: (s) => {
      s.servers = [{ url: "https://api.primeintellect.ai/v2" }];
    },
    bump: "major",
    says: "Default server changed from `https://api.primeintellect.ai` to `https://api.primeintellect.ai/v2`",
  },
  {
    rule: "server description only",
    provider: "modelslab",
    mutate: (s) => {
      s.servers[0].description = "Main server";
    },
    bump: undefined,
  },

  // Exported component types.
  {
    rule: "new component schema",
    provider: "primeintellect",
    mutate: (s) => {
      s.components.schemas.Image = { type: "object", properties: { name: { type: "string" } } };
    },
    bump: "minor",
    says: 'New type `components["schemas"]["Image"]`',
  },
  {
    rule: "removed component schema",
    provider: "primeintellect",
    base: (s) => {
      s.components.schemas.Image = { type: "object", properties: { name: { type: "string" } } };
    },
    mutate: (s) => {
      delete s.components.schemas.Image;
    },
    bump: "major",
    says: 'Removed type `components["schemas"]["Image"]`',
  },
  {
    rule: "unused component schema: new required field (judged both ways)",
    provider: "primeintellect",
    base: (s) => {
      s.components.schemas.Image = { type: "object", properties: { name: { type: "string" } } };
    },
    mutate: (s) => {
      s.components.schemas.Image.properties.tag = { type: "string" };
      s.components.schemas.Image.required = ["tag"];
    },
    bump: "major",
    says: 'New required type `components["schemas"]["Image"]` field `tag`',
  },
  {
    rule: "unused component schema: new optional field",
    provider: "primeintellect",
    base: (s) => {
      s.components.schemas.Image = { type: "object", properties: { name: { type: "string" } } };
    },
    mutate: (s) => {
      s.components.schemas.Image.properties.tag = { type: "string" };
    },
    bump: "minor",
  },

  // Circular schemas.
  {
    rule: "circular schema: a self-reference added",
    provider: "primeintellect",
    mutate: (s) => {
      s.components.schemas.ErrorDetail.properties.cause = { $ref: "#/components/schemas/ErrorDetail" };
    },
    bump: "minor",
    says: "new optional `422` response field `errors[].cause`",
  },
  {
    rule: "circular schema: a change inside the cycle is found once",
    provider: "primeintellect",
    base: (s) => {
      s.components.schemas.ErrorDetail.properties.cause = { $ref: "#/components/schemas/ErrorDetail" };
    },
    mutate: (s) => {
      s.components.schemas.ErrorDetail.properties.details.type = "integer";
    },
    bump: "major",
    says: "`422` response field `errors[].details`: type changed from `string` to `number`",
  },
];

describe("spec change classification", () => {
  it.each(rows)("$rule → $bump", ({ provider, mutate, base, bump, says }) => {
    const changes = diff(provider, mutate, base);
    expect(highestBump(changes)).toBe(bump);
    if (bump === undefined) expect(changes).toEqual([]);
    if (says) expect(changes.map((change) => change.text).join("\n")).toContain(says);
  });

  it("lists breaking changes first and names each once", () => {
    const changes = diff("modelslab", (s) => {
      mlRequest(s).properties.force = { type: "boolean" };
      delete mlRequest(s).properties.type;
      mlOperation(s).description = "Deletes.";
    });
    expect(changes.map((change) => change.bump)).toEqual(["major", "minor", "patch"]);
    expect(changes.map((change) => change.text)).toEqual([
      "`deleteImage`: removed body field `type`",
      "`deleteImage`: new optional body field `force`",
      "`deleteImage`: documentation changed (description)",
    ]);
  });

  it("names operations as the generator does, collisions included (naming.ts `uniqueNames`)", () => {
    const added = {
      path: "/api/v2/images/{image_name}",
      method: "delete",
      operationId: "delete_user_image_api_v2_images__image_name__delete",
    };
    const changes = diff("primeintellect", (s) => {
      s.paths[added.path] = { delete: { ...secondOperation, operationId: added.operationId } };
    });
    const original = piOperation(specs.primeintellect);
    const [, expected] = uniqueNames([{ method: "delete", path: PI_PATH, operationId: original.operationId }, added]);
    expect(expected).not.toBe("deleteUserImage");
    expect(changes.map((change) => change.text)).toEqual([
      `New operation \`DELETE /api/v2/images/{image_name}\` (\`${expected}\`)`,
    ]);
  });
});
