import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requirePermission } from "~/services/auth.server";
import { apiHandler, readJsonBody } from "~/services/http.server";
import { addMember, listMembers } from "~/services/members.server";

/** GET: the organisation's members (name, email, role, MFA on?, last sign-in). */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "users:manage");
  return apiHandler(args.request, async () => json({ members: await listMembers(auth) }));
}

/** POST {email, name, role, password}: adds a member → 201 { member, existingAccount }. */
export async function action(args: ActionFunctionArgs) {
  const auth = await requirePermission(args, "users:manage");
  return apiHandler(args.request, async () => json(await addMember(auth, await readJsonBody(args.request)), { status: 201 }));
}
