import {
  type ApiError,
  createModelsLabClient,
  type DeleteImageInput,
  type DeleteImageResult,
} from "@specsdk/modelslab";
import { describe, expectTypeOf, it } from "vitest";

const ml = createModelsLabClient({ apiKey: "k" });

describe("ModelsLab types follow the spec", () => {
  it("request_id must be a number", () => {
    expectTypeOf<DeleteImageInput["request_id"]>().toEqualTypeOf<number>();
    // @ts-expect-error a string request_id is rejected
    void ml.deleteImage({ request_id: "2398" });
    // @ts-expect-error request_id is required
    void ml.deleteImage({});
  });

  it("type accepts only the four enum values and may be omitted", () => {
    expectTypeOf<DeleteImageInput["type"]>().toEqualTypeOf<"image" | "video" | "voice" | "3d" | undefined>();
    void ml.deleteImage({ request_id: 1 });
    void ml.POST("/delete_image", { body: { request_id: 1 } });
    // @ts-expect-error "audio" is not in the enum
    void ml.deleteImage({ request_id: 1, type: "audio" });
  });

  it("key need not be passed per call, but may be", () => {
    expectTypeOf<DeleteImageInput>().toHaveProperty("key");
    expectTypeOf<DeleteImageInput["key"]>().toEqualTypeOf<string | undefined>();
    void ml.POST("/delete_image", { body: { request_id: 1, key: "other" } });
  });

  it("the success body spells its message field messege", () => {
    expectTypeOf<DeleteImageResult>().toHaveProperty("messege");
    expectTypeOf<DeleteImageResult["messege"]>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error the spec has no `message` on success
    type _NoMessage = DeleteImageResult["message"];
  });

  it("raw calls return openapi-fetch's { data, error, response }", async () => {
    const { data, error } = await ml.POST("/delete_image", { body: { request_id: 1 } });
    expectTypeOf(data).toEqualTypeOf<DeleteImageResult | undefined>();
    // The documented error body, or the ApiError for a failure that came without one.
    expectTypeOf(error).toEqualTypeOf<{ status: "error"; message: string } | ApiError | undefined>();
  });
});
