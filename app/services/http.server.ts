/**
 * HTTP helpers: one error shape for every response, `{ error: { code, message } }`.
 * Pages throw the same JSON to their ErrorBoundary; API routes return it.
 */
import {
  json,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { ZodError } from "zod";
import { AppError, isAppError } from "../domain/errors.ts";

export function isApiRequest(request: Request): boolean {
  return new URL(request.url).pathname.startsWith("/api/");
}

export function errorResponse(_request: Request, error: AppError): Response {
  return json(error.toJSON(), { status: error.status, headers: { "Cache-Control": "no-store" } });
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

export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Reads a multipart form with one file part, in memory, refusing anything over `maxBytes`
 * (413) before and while reading. `tooLarge` builds the message (it names the file).
 */
export async function readMultipartUpload(
  request: Request,
  options: { fileField: string; maxBytes: number; tooLarge: (fileName: string) => AppError },
): Promise<{ fields: Record<string, string>; file: UploadedFile | null }> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    throw new AppError("bad_request", `Send the file as multipart/form-data with a "${options.fileField}" field.`);
  }
  // Form overhead is small; a body far beyond the limit is refused without reading it.
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > options.maxBytes + 64 * 1024) throw options.tooLarge("the upload");
  let fileName = "the upload";
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({
        maxPartSize: options.maxBytes,
        filter: ({ filename }) => {
          if (filename) fileName = filename;
          return true;
        },
      }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw options.tooLarge(fileName);
    throw new AppError("bad_request", "The upload could not be read as a multipart form; try again.");
  }
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  for (const [key, value] of form.entries()) {
    if (typeof value === "string") fields[key] = value;
    else if (key === options.fileField) file = { fileName: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
  }
  return { fields, file };
}
