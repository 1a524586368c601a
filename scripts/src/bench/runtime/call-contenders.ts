import { createModelsLabClient, type paths as ModelsLabPaths, provider as modelsLabProvider } from "@specsdk/modelslab";
import {
  createPrimeIntellectClient,
  type paths as PrimeIntellectPaths,
  provider as primeIntellectProvider,
} from "@specsdk/primeintellect";
import axios from "axios";
import createClient from "openapi-fetch";
import type { Contender } from "../shared/interleave.js";
import type { AnyCreateProviderClient } from "./core-at-revision.js";

/** Another build of core (an earlier revision) to measure next to the current one. */
export interface BaseCore {
  label: string;
  createProviderClient: AnyCreateProviderClient;
}

/** Any FetchFunction-compatible `fetch`: the stub in-process, the real one over loopback. */
export type AnyFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

const KEY = "bench-key";
const IMAGE = { image_name: "my-img", image_tag: "v1", teamId: "t1" } as const;
const PI_PATH = "/api/v1/images/{image_name}/{image_tag}";

function expectOk(response: Response): void {
  if (!response.ok) throw new Error(`unexpected status ${response.status}`);
}

/**
 * The same Prime Intellect call (`DELETE /api/v1/images/my-img/v1?teamId=t1`, bearer key, JSON
 * result) five ways. Each resolves to the decoded body, so every contender does the same work a caller needs.
 */
export function primeIntellectContenders(baseUrl: string, fetch: AnyFetch, base?: BaseCore): Contender[] {
  const ours = createPrimeIntellectClient({ apiKey: KEY, baseUrl, fetch, rateLimit: false });
  const oursNoTimeout = createPrimeIntellectClient({ apiKey: KEY, baseUrl, fetch, rateLimit: false, timeout: 0 });
  const previous = base?.createProviderClient(primeIntellectProvider, {
    apiKey: KEY,
    baseUrl,
    fetch,
    rateLimit: false,
  });
  const bare = createClient<PrimeIntellectPaths>({ baseUrl, fetch, headers: { Authorization: `Bearer ${KEY}` } });
  const ax = axios.create({
    baseURL: baseUrl,
    adapter: "fetch",
    env: { fetch },
    headers: { Authorization: `Bearer ${KEY}` },
  });
  const params = {
    path: { image_name: IMAGE.image_name, image_tag: IMAGE.image_tag },
    query: { teamId: IMAGE.teamId },
  };
  return [
    {
      name: "raw fetch",
      run: async () => {
        const url = `${baseUrl}/api/v1/images/${encodeURIComponent(IMAGE.image_name)}/${encodeURIComponent(IMAGE.image_tag)}?teamId=${encodeURIComponent(IMAGE.teamId)}`;
        const response = await fetch(
          new Request(url, { method: "DELETE", headers: { Authorization: `Bearer ${KEY}` } }),
        );
        expectOk(response);
        return response.json();
      },
    },
    {
      name: "openapi-fetch",
      run: async () => {
        const { data, response } = await bare.DELETE(PI_PATH, { params });
        expectOk(response);
        return data;
      },
    },
    {
      name: "ours raw (DELETE)",
      run: async () => {
        const { data, response } = await ours.DELETE(PI_PATH, { params });
        expectOk(response);
        return data;
      },
    },
    { name: "ours named (deleteUserImage)", run: () => ours.deleteUserImage(IMAGE) },
    {
      // What the per-attempt timeout costs: the same call with `timeout: 0` (retries still on).
      name: "ours named, timeout off",
      run: () => oursNoTimeout.deleteUserImage(IMAGE),
    },
    {
      name: "axios (fetch adapter)",
      run: async () =>
        (await ax.delete(`/api/v1/images/${IMAGE.image_name}/${IMAGE.image_tag}`, { params: { teamId: IMAGE.teamId } }))
          .data,
    },
    ...(previous ? [{ name: `ours named @${base?.label}`, run: () => previous.deleteUserImage(IMAGE) }] : []),
  ];
}

/**
 * ModelsLab's `POST /delete_image` with the key in the JSON body: raw fetch and bare openapi-fetch
 * put it there by hand, ours injects it (create-client.ts) and may retry the POST (it is marked
 * idempotent), so its transport keeps a copy of the request body.
 */
export function modelsLabContenders(baseUrl: string, fetch: AnyFetch, base?: BaseCore): Contender[] {
  const ours = createModelsLabClient({ apiKey: KEY, baseUrl, fetch });
  const previous = base?.createProviderClient(modelsLabProvider, { apiKey: KEY, baseUrl, fetch });
  const bare = createClient<ModelsLabPaths>({ baseUrl, fetch });
  const ax = axios.create({ baseURL: baseUrl, adapter: "fetch", env: { fetch } });
  const input = { request_id: 2398, type: "video" } as const;
  return [
    {
      name: "raw fetch",
      run: async () => {
        const response = await fetch(
          new Request(`${baseUrl}/delete_image`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ key: KEY, ...input }),
          }),
        );
        expectOk(response);
        return response.json();
      },
    },
    {
      name: "openapi-fetch",
      run: async () => {
        const { data, response } = await bare.POST("/delete_image", { body: { key: KEY, ...input } });
        expectOk(response);
        return data;
      },
    },
    {
      name: "ours raw (POST)",
      run: async () => {
        const { data, response } = await ours.POST("/delete_image", { body: input });
        expectOk(response);
        return data;
      },
    },
    { name: "ours named (deleteImage)", run: () => ours.deleteImage(input) },
    {
      name: "axios (fetch adapter)",
      run: async () => (await ax.post("/delete_image", { key: KEY, ...input })).data,
    },
    ...(previous ? [{ name: `ours named @${base?.label}`, run: () => previous.deleteImage(input) }] : []),
  ];
}
