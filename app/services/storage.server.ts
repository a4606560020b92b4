/**
 * Object storage (S3 API). Objects are already encrypted by the caller (crypto.server.ts);
 * the SSE header asks the store to encrypt them again, as defence in depth — never as the
 * only protection (s3rver, the embedded development store, ignores it).
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  CreateBucketCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { Readable } from "node:stream";
import { config } from "./config.server.ts";
import { singleton, takeSingleton } from "./singleton.server.ts";

function s3(): S3Client {
  return singleton("s3", () => {
    const c = config().s3;
    return new S3Client({ region: c.region, endpoint: c.endpoint, forcePathStyle: Boolean(c.endpoint), credentials: c.credentials });
  });
}

export function closeStorage(): void {
  takeSingleton<S3Client>("s3")?.destroy();
}

export async function putObject(key: string, body: Uint8Array): Promise<void> {
  await s3().send(
    new PutObjectCommand({
      Bucket: config().s3.bucket,
      Key: key,
      Body: body,
      ContentType: "application/octet-stream",
      ServerSideEncryption: "AES256",
    }),
  );
}

/**
 * Streams an object of any size into the store: multipart upload in 8 MiB parts, at most two
 * in flight, so memory stays bounded whatever the file size.
 */
export async function putObjectStream(key: string, body: AsyncIterable<Uint8Array>): Promise<void> {
  const upload = new Upload({
    client: s3(),
    params: {
      Bucket: config().s3.bucket,
      Key: key,
      Body: Readable.from(body),
      ContentType: "application/octet-stream",
      ServerSideEncryption: "AES256",
    },
    partSize: 8 * 1024 * 1024,
    queueSize: 2,
  });
  await upload.done();
}

/** An object's bytes as a stream (for decrypting and parsing without holding the file). */
export async function getObjectStream(key: string): Promise<AsyncIterable<Uint8Array>> {
  const out = await s3().send(new GetObjectCommand({ Bucket: config().s3.bucket, Key: key }));
  if (!out.Body) throw new Error(`object ${key} has no body`);
  return out.Body as Readable;
}

export async function getObject(key: string): Promise<Uint8Array> {
  const out = await s3().send(new GetObjectCommand({ Bucket: config().s3.bucket, Key: key }));
  if (!out.Body) throw new Error(`object ${key} has no body`);
  return out.Body.transformToByteArray();
}

export async function deleteObject(key: string): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: config().s3.bucket, Key: key }));
}

/** Creates the bucket if it is missing (development and tests; production provisions it). */
export async function ensureBucket(): Promise<void> {
  const Bucket = config().s3.bucket;
  try {
    await s3().send(new HeadBucketCommand({ Bucket }));
  } catch {
    await s3().send(new CreateBucketCommand({ Bucket }));
  }
}

export interface EmbeddedS3 {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts s3rver in this process: the default store when S3_ENDPOINT is not set outside
 * production. Data lives under S3_EMBEDDED_DIR.
 */
export async function startEmbeddedS3(options: { port: number; directory: string; bucket: string }): Promise<EmbeddedS3> {
  // s3rver is CommonJS without types.
  const require = createRequire(import.meta.url);
  const S3rver = require("s3rver") as new (opts: object) => {
    run(): Promise<{ port: number }>;
    close(): Promise<void>;
  };
  const directory = path.resolve(options.directory);
  await mkdir(directory, { recursive: true });
  const server = new S3rver({
    address: "127.0.0.1",
    port: options.port,
    directory,
    silent: true,
    configureBuckets: [{ name: options.bucket }],
  });
  const { port } = await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, close: () => server.close() };
}
