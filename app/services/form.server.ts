/**
 * Page forms: a refusal the person can fix (bad input, a conflict) is answered as action data
 * for the form to show, `{ error, fields? }` with the error's status; anything else (guard
 * refusals, bugs) is thrown on to the error boundary as usual.
 */
import { json } from "@remix-run/node";
import { ZodError } from "zod";
import { isAppError } from "../domain/errors.ts";
import { validationError } from "./http.server.ts";

export interface FormFailure {
  error: string;
  fields?: Record<string, string>;
  /** Which of the page's forms failed (its intent), so the message shows beside it. */
  form?: string;
}

export function formFailure(error: unknown, form?: string) {
  const appError = error instanceof ZodError ? validationError(error) : error;
  if (!isAppError(appError)) throw error;
  // Not something the form can fix: the page's error boundary shows it, with its status.
  if (appError.code === "unauthenticated" || appError.code === "forbidden" || appError.status >= 500) {
    throw json(appError.toJSON(), { status: appError.status });
  }
  const fields = appError.details?.fields as Record<string, string> | undefined;
  return json<FormFailure>({ error: appError.message, ...(fields ? { fields } : {}), ...(form ? { form } : {}) }, { status: appError.status });
}
