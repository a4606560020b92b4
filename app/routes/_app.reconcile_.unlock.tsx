import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/services/auth.server";
import { formFailure } from "~/services/form.server";
import { unlockReconciliation } from "~/services/reconciliations.server";
import type { Result } from "./_app.reconcile";

/** The reconcile page's unlock form (operators, admins): the rows become editable again, audited with the reason. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "reconciliation:unlock");
  const form = await args.request.formData();
  const id = String(form.get("id") ?? "");
  try {
    const res = await unlockReconciliation(auth, z.string().uuid("No such reconciliation").parse(id), { reason: form.get("reason") ?? "" });
    return json<Result>({ ok: `Unlocked: ${res.rows} row${res.rows === 1 ? " is" : "s are"} editable again.`, form: `unlock:${id}` });
  } catch (error) {
    return formFailure(error, `unlock:${id}`);
  }
}
