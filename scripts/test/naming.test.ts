import { describe, expect, it } from "vitest";
import { camelCase, operationMethodName, stripFastApiSuffix, uniqueNames } from "../src/model/naming.js";

describe("operation names", () => {
  it("strips FastAPI's path+method suffix from operationIds", () => {
    const path = "/api/v1/images/{image_name}/{image_tag}";
    expect(stripFastApiSuffix("delete_user_image_api_v1_images__image_name___image_tag__delete", path, "delete")).toBe(
      "delete_user_image",
    );
    expect(
      operationMethodName({
        method: "delete",
        path,
        operationId: "delete_user_image_api_v1_images__image_name___image_tag__delete",
      }),
    ).toBe("deleteUserImage");
  });

  it("strips HubSpot's method-path prefix, and tells the short names apart by path", () => {
    const hubspot = [
      {
        method: "get",
        path: "/marketing/v3/marketing-events/events/{externalEventId}",
        operationId: "get-/marketing/v3/marketing-events/events/{externalEventId}_getById",
      },
      {
        method: "delete",
        path: "/marketing/v3/marketing-events/events/{externalEventId}",
        operationId: "delete-/marketing/v3/marketing-events/events/{externalEventId}_archive",
      },
      {
        method: "post",
        path: "/marketing/v3/marketing-events/events/delete",
        operationId: "post-/marketing/v3/marketing-events/events/delete_archive",
      },
      {
        method: "get",
        path: "/marketing/v3/marketing-events/{appId}/settings",
        operationId: "get-/marketing/v3/marketing-events/{appId}/settings_getAll",
      },
    ];
    expect(uniqueNames(hubspot)).toEqual(["getById", "archive", "archiveDelete", "getAll"]);
    // An operationId that only starts like a path is left alone.
    expect(operationMethodName({ method: "get", path: "/x", operationId: "get-/y_list" })).toBe("getYList");
  });

  it("keeps ordinary operationIds", () => {
    expect(operationMethodName({ method: "get", path: "/repos", operationId: "repos/list-for-org" })).toBe(
      "reposListForOrg",
    );
    expect(operationMethodName({ method: "get", path: "/x", operationId: "getHTTPResource" })).toBe("getHttpResource");
  });

  it("falls back to the summary, then to method and path", () => {
    expect(operationMethodName({ method: "post", path: "/delete_image", summary: "Delete image" })).toBe("deleteImage");
    expect(operationMethodName({ method: "get", path: "/users/{id}" })).toBe("getUsersById");
  });

  it("never produces a name that shadows openapi-fetch's methods", () => {
    expect(operationMethodName({ method: "post", path: "/use", operationId: "use" })).toBe("postUse");
  });

  it("makes valid identifiers from names starting with a digit", () => {
    expect(camelCase("3d render")).toBe("op3dRender");
  });

  it("disambiguates collisions deterministically", () => {
    const names = uniqueNames([
      { method: "get", path: "/a", summary: "Thing" },
      { method: "post", path: "/b/{id}", summary: "Thing" },
      { method: "put", path: "/c/b", summary: "Thing" },
      { method: "put", path: "/d/b", summary: "Thing" },
    ]);
    expect(names).toEqual(["thing", "thingB", "thingPut", "thing2"]);
  });
});

describe("names from real specs", () => {
  it("keeps plural acronyms whole (listAPIs → listApis)", () => {
    expect(operationMethodName({ method: "get", path: "/apis", operationId: "listAPIs" })).toBe("listApis");
    expect(camelCase("getURLsForIDs")).toBe("getUrlsForIds");
  });

  it("uses a summary only when it is name-sized; else a short name from the method and path", () => {
    expect(
      operationMethodName({
        method: "get",
        path: "/betriebsstellen/{abbrev}",
        summary: "Get information about a specific station or stop by abbrevation",
      }),
    ).toBe("getBetriebsstellenByAbbrev");
    expect(operationMethodName({ method: "get", path: "/api/v1/users/{id}/repos" })).toBe("getUsersRepos");
    expect(operationMethodName({ method: "get", path: "/2023-10-01/orders/{orderId}" })).toBe("getOrdersByOrderId");
  });

  it("resolves generator counters (create2, getAll3) from the path, and keeps a lone digit suffix", () => {
    const names = uniqueNames([
      { method: "post", path: "/users", operationId: "create" },
      { method: "post", path: "/teams", operationId: "create2" },
      { method: "get", path: "/teams", operationId: "getAll3" },
      { method: "get", path: "/users", operationId: "getAll" },
      { method: "post", path: "/token", operationId: "oauth2" },
    ]);
    expect(names).toEqual(["create", "createTeams", "getAll", "getAllUsers", "oauth2"]);
  });

  it("drops a dotted namespace that every operationId shares", () => {
    const names = uniqueNames([
      { method: "get", path: "/v1/accounts", operationId: "mybusiness.accounts.list" },
      { method: "post", path: "/v1/accounts", operationId: "mybusiness.accounts.create" },
    ]);
    expect(names).toEqual(["accountsList", "accountsCreate"]);
  });
});
