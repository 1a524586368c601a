import { describe, expect, it } from "vitest";
import { camelCase, operationMethodName, stripFastApiSuffix, uniqueNames } from "../src/lib/naming.js";

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
