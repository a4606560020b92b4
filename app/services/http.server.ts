/**
 * HTTP helpers: one error shape for every response, `{ error: { code, message } }`.
 * Pages throw the same JSON to their ErrorBoundary; API routes return it.
 */
import { json, unstable_parseMultipartFormData } from "@remix-run/node";
import { ZodError } from "zod";
import { AppError, isAppError } from "../domain/errors.ts";

export function isApiRequest(request: Request): boolean {
  return new URL(request.url).pathname.startsWith("/api/");
}

export function errorResponse(_request: Request, error: AppError): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  const retryAfter = error.details?.retryAfterSeconds;
  if (typeof retryAfter === "number") headers["Retry-After"] = String(retryAfter);
  return json(error.toJSON(), { status: error.status, headers });
}

/** Turns anything thrown into a Response: AppError and zod errors as themselves, Responses
 *  (redirects, guard failures) unchanged, anything else logged and reported as a generic 500. */
export function toResponse(request: Request, error: unknown): Response {
  if (error instanceof Response) return error;
  if (isAppError(error)) return errorResponse(request, error);
  if (error instanceof ZodError) return errorResponse(request, validationError(error));
  console.error(`[cashline] unhandled error on ${request.method} ${new URL(request.url).pathname}:`, error);
  return errorResponse(request, new AppError("internal", "Something went wrong on our side; nothing was changed. Try again."));
}

export function validationError(error: ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join(".") || "_"] ??= issue.message;
  const message = Object.entries(fields)
    .map(([k, v]) => (k === "_" ? v : `${k}: ${v}`))
    .join("; ");
  return new AppError("validation_failed", message, { fields });
}

/** Wraps an API loader/action body so every failure leaves as the one error shape. */
export async function apiHandler(request: Request, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    return toResponse(request, error);
  }
}

export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.includes("application/json")) {
    throw new AppError("bad_request", "Send a JSON body with Content-Type: application/json.");
  }
  try {
    return await request.json();
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

export interface StreamedFile {
  fileName: string;
  /** The part's bytes as they arrive; reading past `maxBytes` throws `tooLarge`. */
  data: AsyncIterable<Uint8Array>;
}

// Text fields of an upload form are short (an account id); anything longer is not ours. They are
// held in memory, so their total is bounded too (else an upload's 2 GB could be all fields).
const MAX_FIELD_BYTES = 64 * 1024;
const MAX_FIELDS_BYTES = 256 * 1024;

/**
 * Reads a multipart form whose one file part is handed to `onFile` as a stream while the
 * request arrives — a 1 GB statement is never held in memory. Text fields must come before
 * the file (browsers send them in form order; docs/api.md says so), so `onFile` sees them.
 * `tooLarge` builds the message for a file over `maxBytes` (it names the file).
 */
export async function streamMultipartUpload<T>(
  request: Request,
  options: {
    fileField: string;
    maxBytes: number;
    tooLarge: (fileName: string) => AppError;
    onFile: (file: StreamedFile, fieldsBefore: Record<string, string>) => Promise<T>;
  },
): Promise<{ fields: Record<string, string>; result: T | null }> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    throw new AppError("bad_request", `Send the file as multipart/form-data with a "${options.fileField}" field.`);
  }
  const fields: Record<string, string> = {};
  let fieldBytes = 0;
  let result: T | null = null;
  let failure: unknown;
  try {
    await unstable_parseMultipartFormData(request, async ({ name, filename, data }) => {
      if (failure !== undefined) return undefined;
      try {
        if (filename === undefined) {
          fields[name] = await readField(name, data, MAX_FIELDS_BYTES - fieldBytes);
          fieldBytes += Buffer.byteLength(fields[name]!);
          return undefined;
        }
        if (name !== options.fileField || result !== null) {
          for await (const _ of data); // not ours: read past it
          return undefined;
        }
        result = await options.onFile({ fileName: filename, data: limited(data, options.maxBytes, () => options.tooLarge(filename)) }, { ...fields });
      } catch (error) {
        failure = error;
        for await (const _ of data); // the rest of the part, so parsing can end
      }
      return undefined;
    });
  } catch (error) {
    failure ??= error;
  }
  if (failure !== undefined) {
    if (isAppError(failure) || failure instanceof ZodError || failure instanceof Response) throw failure;
    throw new AppError("bad_request", "The upload could not be read as a multipart form; try again.");
  }
  return { fields, result };
}

async function readField(name: string, data: AsyncIterable<Uint8Array>, bytesLeft: number): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > MAX_FIELD_BYTES) throw new AppError("bad_request", `The form field "${name}" is too long.`);
    if (size > bytesLeft) throw new AppError("bad_request", "The form's text fields are too long in all: send the account and the file only.");
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString("utf8");
}

async function* limited(data: AsyncIterable<Uint8Array>, maxBytes: number, tooLarge: () => AppError): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge();
    yield chunk;
  }
}
