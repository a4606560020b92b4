/**
 * What a page form's action answered, shown beside the form it belongs to: a success as a
 * status, a refusal (from app/services/form.server.ts) as an alert.
 */
export type FormResult = { ok: string; form: string } | { error: string; form?: string; fields?: Record<string, string> };

export function FormResultMessage({ result, form }: { result: FormResult | undefined | null; form?: string }) {
  if (!result || (form !== undefined && result.form !== form)) return null;
  return "ok" in result ? (
    <p role="status">{result.ok}</p>
  ) : (
    <p role="alert" className="form-error">
      {result.error}
    </p>
  );
}
