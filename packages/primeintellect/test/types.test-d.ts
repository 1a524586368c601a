import {
  createPrimeIntellectClient,
  type DeleteUserImageInput,
  type DeleteUserImageResult,
} from "@specsdk/primeintellect";
import { describe, expectTypeOf, it } from "vitest";

const pi = createPrimeIntellectClient({ apiKey: "k" });
const PATH = "/api/v1/images/{image_name}/{image_tag}";

describe("Prime Intellect types follow the spec", () => {
  it("path params are required, teamId optional and nullable", () => {
    expectTypeOf<DeleteUserImageInput["image_name"]>().toEqualTypeOf<string>();
    expectTypeOf<DeleteUserImageInput["image_tag"]>().toEqualTypeOf<string>();
    expectTypeOf<DeleteUserImageInput["teamId"]>().toEqualTypeOf<string | null | undefined>();
    // @ts-expect-error image_tag is required
    void pi.deleteUserImage({ image_name: "a" });
    // @ts-expect-error the argument is required
    void pi.deleteUserImage();
    // @ts-expect-error path params are required on raw calls too
    void pi.DELETE(PATH, { params: { path: { image_name: "a" } } });
  });

  it("the success body is DeleteImageResponse", () => {
    expectTypeOf<DeleteUserImageResult>().toEqualTypeOf<{ success: boolean; message: string }>();
  });
});
