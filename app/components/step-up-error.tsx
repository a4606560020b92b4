import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { RouteError } from "./route-error";

/**
 * The error boundary of a page whose action needs a fresh second factor: a refusal for want of
 * one says how to give it (and come back to `path`); anything else shows as usual.
 */
export function StepUpErrorBoundary({ path, then }: { path: string; then: string }) {
  const error = useRouteError();
  const body = isRouteErrorResponse(error) ? (error.data as { error?: { code?: string; message?: string } } | null) : null;
  if (body?.error?.code !== "step_up_required") return <RouteError />;
  return (
    <section className="error-page">
      <h1>Confirm it is you</h1>
      <p role="alert">{body.error.message}</p>
      <p>
        <a href={`/step-up?redirectTo=${encodeURIComponent(path)}`}>Enter a code</a>, then {then}.
      </p>
    </section>
  );
}
