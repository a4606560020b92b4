import { isRouteErrorResponse, useRouteError } from "@remix-run/react";

/** Renders the one error shape `{ error: { code, message } }` thrown by loaders and actions. */
export function RouteError() {
  const error = useRouteError();
  let status = 500;
  let message = "Something went wrong on our side; nothing was changed.";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const data = error.data as { error?: { message?: string } } | string | undefined;
    message =
      status === 404 && typeof data === "string"
        ? "This page does not exist."
        : typeof data === "string"
          ? data
          : (data?.error?.message ?? error.statusText);
  }
  return (
    <section className="error-page">
      <h1>{status === 403 ? "Not allowed" : status === 404 ? "Not found" : "Error"}</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="/">Back to Cashline</a>
      </p>
    </section>
  );
}
